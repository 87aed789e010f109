import { describe, expect, it } from 'vitest';
import { hasLeftSchool } from '../../../activities/reconciliation/residents.js';
import { resolutionOf } from '../../../api/reports/data-mismatch.js';
import { candidateDecisionSchema } from '../../../domain/reconciliation.js';

describe('who the reconciliation counts as out of school', () => {
  it('counts drop-outs, moves without a new school, and SD or SMP leavers who did not go on; not active pupils or SMA graduates', () => {
    expect(hasLeftSchool({ status: 'ACTIVE', exitType: null, level: 'SD' })).toBe(false);
    expect(hasLeftSchool({ status: 'EXITED', exitType: 'DO', level: 'SMP' })).toBe(true);
    expect(hasLeftSchool({ status: 'EXITED', exitType: 'MOVED', level: 'SD' })).toBe(true);
    expect(hasLeftSchool({ status: 'EXITED', exitType: 'GRADUATED', level: 'SMP' })).toBe(true);
    expect(hasLeftSchool({ status: 'EXITED', exitType: 'GRADUATED', level: 'SMA' })).toBe(false);
    expect(hasLeftSchool({ status: 'EXITED', exitType: 'GRADUATED', level: 'SMK' })).toBe(false);
  });
});

describe('how a disagreement between a field report and Dukcapil ended', () => {
  const name = { field: 'fullName', reported: 'M. Rizky Saputra', registry: 'MUHAMMAD RIZKY SAPUTRA' } as const;
  it('tells whose value stood, from the values the Dukcapil officer confirmed', () => {
    expect(resolutionOf('OPEN', name, null)).toBe('PENDING');
    expect(resolutionOf('CANCELLED', name, null)).toBe('UNRESOLVED');
    expect(resolutionOf('COMPLETED', name, { resolution: 'REGISTRY_IS_CORRECT', fullName: 'MUHAMMAD RIZKY SAPUTRA' })).toBe('REGISTRY_KEPT');
    expect(resolutionOf('COMPLETED', name, { resolution: 'REGISTRY_UPDATED', fullName: 'm. rizky  saputra' })).toBe('REPORT_ADOPTED');
    expect(resolutionOf('COMPLETED', name, { resolution: 'REGISTRY_UPDATED', fullName: 'Muhammad Rizki Saputra' })).toBe('NEW_VALUE');
    expect(resolutionOf('COMPLETED', name, { resolution: 'REGISTRY_UPDATED', fullName: 'Muhammad Rizky Saputra' })).toBe('REGISTRY_KEPT');
  });
});

describe("the coordinator's decision on a candidate", () => {
  it('starts a case, or dismisses with a listed reason; "other" needs a note', () => {
    expect(candidateDecisionSchema.safeParse({ decision: 'START_CASE' }).success).toBe(true);
    expect(candidateDecisionSchema.safeParse({ decision: 'DISMISS', reason: 'SCHOOLED_OUTSIDE_DISTRICT' }).success).toBe(true);
    expect(candidateDecisionSchema.safeParse({ decision: 'DISMISS', reason: 'OTHER', note: 'Sekolah rumah (homeschooling)' }).success).toBe(true);
    expect(candidateDecisionSchema.safeParse({ decision: 'DISMISS', reason: 'OTHER' }).success).toBe(false);
    expect(candidateDecisionSchema.safeParse({ decision: 'DISMISS', reason: 'NOT_A_REASON' }).success).toBe(false);
    expect(candidateDecisionSchema.safeParse({ decision: 'START_CASE', reason: 'OTHER' }).success).toBe(false);
  });
});
