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
