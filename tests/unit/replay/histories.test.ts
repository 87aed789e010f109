import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseDataConverter } from '../../../infra/data-converter.js';
import { WorkflowReplayer } from '../../../infra/workflow-replay.js';
import { CASE_BRANCHES, FIXTURE_PAYLOAD_KEYS, HISTORIES_DIR } from '../../fixtures/case-branches.js';
import { WORKFLOW_BUNDLE_PATH } from '../../support/bundle.js';
import { aReport } from '../workflows/case-harness.js';

const recorded = readdirSync(HISTORIES_DIR).filter((file) => file.endsWith('.json')).map((file) => path.basename(file, '.json')).sort();
const replayer = new WorkflowReplayer({ dataConverter: caseDataConverter(FIXTURE_PAYLOAD_KEYS), workflowBundlePath: WORKFLOW_BUNDLE_PATH });
const historyOf = (branch: string) => readFileSync(path.join(HISTORIES_DIR, `${branch}.json`), 'utf8');

describe('cases already running when new workflow code is deployed', () => {
  it('are represented by a recorded history of every branch of the case workflow', () => {
    expect(recorded).toEqual(Object.keys(CASE_BRANCHES).sort());
  });

  it.each(recorded)('%s replays against the current workflow code without diverging', async (branch) => {
    const history: unknown = JSON.parse(historyOf(branch));
    const verdict = await replayer.replay(history, `fixture-${branch}`);
    expect(verdict).toEqual({ deterministic: true, events: (history as { events: unknown[] }).events.length });
  });

  it('are stored encrypted: no recorded history shows the child, the family or their address', () => {
    const { child, guardian } = aReport();
    const personal = [child.fullName, child.nik!, child.noKk!, child.address, guardian!.name!, guardian!.phone!, ...child.fullName.split(' ')];
    for (const branch of recorded) {
      const text = historyOf(branch);
      for (const value of personal) expect(text, `${branch}: ${value}`).not.toContain(value);
    }
  });
});

describe('candidate reviews already waiting when the reminders were deployed', () => {
  it('replay against the current workflow code: the reminders are for reviews opened after it', async () => {
    const history: unknown = JSON.parse(readFileSync(path.join(HISTORIES_DIR, 'reconciliation', 'candidate-review-before-reminders.json'), 'utf8'));
    const verdict = await replayer.replay(history, 'reconciliation-review-0b6f1c2e-5d3a-4c8e-9f1a-7e2d4b6c8a10');
    expect(verdict).toEqual({ deterministic: true, events: (history as { events: unknown[] }).events.length });
  });
});
