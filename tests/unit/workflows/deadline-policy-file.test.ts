import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDeadlinePolicy } from '../../../config/deadline-policy.js';
import { DEFAULT_DEADLINE_POLICY, taskRuleFor } from '../../../domain/deadline-policy.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ats-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function policyFile(content: unknown): string {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

const BUSANG = '640806';
const MUARA_WAHAU = '640802';
const SANGATTA_UTARA = '640804';

describe('a DEADLINE_POLICY_FILE', () => {
  it('written before kecamatan overrides existed still loads, with none', () => {
    const { kecamatanOverrides: _none, ...older } = DEFAULT_DEADLINE_POLICY;
    const policy = loadDeadlinePolicy(policyFile(older));
    expect(policy.kecamatanOverrides).toEqual({});
    expect(taskRuleFor(policy, 'VISIT_SCHEDULING', MUARA_WAHAU).dueInWorkingDays).toBe(3 + 3);
  });

  it('gives one kecamatan its own travel days and, per task type, only the fields it names', () => {
    const policy = loadDeadlinePolicy(policyFile({
      ...DEFAULT_DEADLINE_POLICY,
      kecamatanOverrides: {
        [BUSANG]: { extraWorkingDays: 5, tasks: { VISIT_REPORT: { dueInWorkingDays: 4 } } },
        [SANGATTA_UTARA]: { tasks: { VISIT_SCHEDULING: { escalations: [{ to: 'COORDINATOR', afterDueWorkingDays: 1 }] } } },
      },
    }));
    expect(taskRuleFor(policy, 'VISIT_REPORT', BUSANG)).toEqual({ ...DEFAULT_DEADLINE_POLICY.tasks.VISIT_REPORT, dueInWorkingDays: 4 + 5 });
    expect(taskRuleFor(policy, 'VISIT_SCHEDULING', BUSANG).dueInWorkingDays).toBe(3 + 5);
    expect(taskRuleFor(policy, 'VISIT_SCHEDULING', SANGATTA_UTARA)).toEqual({
      ...DEFAULT_DEADLINE_POLICY.tasks.VISIT_SCHEDULING, escalations: [{ to: 'COORDINATOR', afterDueWorkingDays: 1 }],
    });
    expect(taskRuleFor(policy, 'VISIT_SCHEDULING', MUARA_WAHAU).dueInWorkingDays).toBe(3 + 3);
  });

  it('is refused, naming the place, for a kecamatan outside Kutai Timur or an unknown field', () => {
    expect(() => loadDeadlinePolicy(policyFile({ ...DEFAULT_DEADLINE_POLICY, kecamatanOverrides: { 640899: { extraWorkingDays: 2 } } })))
      .toThrow(/DEADLINE_POLICY_FILE .* at kecamatanOverrides/);
    expect(() => loadDeadlinePolicy(policyFile({ ...DEFAULT_DEADLINE_POLICY, kecamatanOverrides: { [BUSANG]: { extraDays: 2 } } })))
      .toThrow(/at kecamatanOverrides\.640806/);
  });
});
