import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { createActivities, type ActivityDeps } from '../../../activities/index.js';
import { DEFAULT_DEADLINE_POLICY } from '../../../domain/deadline-policy.js';
import type { DinsosStatusRequest, DinsosStatusResponse, DukcapilVerifyRequest, DukcapilVerifyResponse } from '../../../domain/registries.js';

const child = {
  nik: '6408041203150001',
  fullName: 'Budi Santoso',
  birthDate: '2015-03-12',
  sex: 'L' as const,
  kecamatan: '640804' as const,
  desa: 'Swarga Bara',
  address: 'Jl. Poros RT 03',
};

function activitiesWith(ports: { verify?: (r: DukcapilVerifyRequest) => Promise<DukcapilVerifyResponse>; status?: (r: DinsosStatusRequest) => Promise<DinsosStatusResponse> }) {
  const unused = () => Promise.reject(new Error('not expected in this test'));
  const deps: ActivityDeps = {
    // These activities only talk to the registries.
    prisma: {} as ActivityDeps['prisma'],
    mailer: { send: unused },
    dukcapil: { verify: ports.verify ?? unused },
    dinsos: { status: ports.status ?? unused },
    dapodik: { findPupil: unused },
    settings: { publicUrl: 'http://localhost:3000', welfareMaxDecile: 4, deadlinePolicy: DEFAULT_DEADLINE_POLICY, caseKeySecret: 'x'.repeat(32), monitoringChecks: [30 * 86_400_000, 90 * 86_400_000] },
  };
  return createActivities(deps);
}

describe('verifying the child with Dukcapil', () => {
  it('asks with the reported identity and returns the registry’s answer', async () => {
    const requests: DukcapilVerifyRequest[] = [];
    const answer: DukcapilVerifyResponse = { status: 'NOT_FOUND' };
    const activities = activitiesWith({ verify: async (r) => (requests.push(r), answer) });
    await expect(activities.verifyIdentity({ caseId: 'ats-1', child })).resolves.toEqual(answer);
    expect(requests).toEqual([{ nik: child.nik, fullName: child.fullName, birthDate: child.birthDate, sex: 'L' }]);
  });

  it('passes the registry’s failure on unchanged, so Temporal retries or stops as it says', async () => {
    const down = ApplicationFailure.retryable('Dukcapil did not answer', 'RegistryUnavailable');
    const activities = activitiesWith({ verify: () => Promise.reject(down) });
    await expect(activities.verifyIdentity({ caseId: 'ats-1', child })).rejects.toBe(down);
  });
});

describe('checking the family’s welfare status with Dinsos', () => {
  const registered = (decile: number): DinsosStatusResponse => ({ status: 'REGISTERED', noKk: '6408040101100001', decile, programmes: ['PKH'] });

  it('marks a family within the configured decile as a PIP/KIP candidate', async () => {
    const activities = activitiesWith({ status: async () => registered(4) });
    await expect(activities.checkWelfare({ caseId: 'ats-1', nik: child.nik })).resolves.toEqual({ ...registered(4), pipCandidate: true });
  });

  it('does not mark a better-off family or one outside the registry', async () => {
    await expect(activitiesWith({ status: async () => registered(5) }).checkWelfare({ caseId: 'ats-1', noKk: '6408040101100001' })).resolves.toMatchObject({ pipCandidate: false });
    await expect(activitiesWith({ status: async () => ({ status: 'NOT_REGISTERED' }) }).checkWelfare({ caseId: 'ats-1', nik: child.nik })).resolves.toEqual({ status: 'NOT_REGISTERED', pipCandidate: false });
  });

  it('refuses, without retrying, a check with neither NIK nor family card number', async () => {
    const failure = await activitiesWith({}).checkWelfare({ caseId: 'ats-1' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'InvalidInput', nonRetryable: true });
  });
});
