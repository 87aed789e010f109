import type { TaskContext } from '../domain/tasks.js';
import { registries } from './activities.js';
import type { CaseFile, Welfare } from './case-file.js';
import { humanTask } from './human-task.js';
import { askRegistry } from './registry-call.js';

export type EducationAidReferral = TaskContext<'DINSOS_REFERRAL'>;

/**
 * Looks the family up in Dinsos's welfare registry. Returns the referral for PIP/KIP education aid when the
 * household is poor enough to qualify, undefined otherwise.
 */
export async function checkWelfare(c: CaseFile): Promise<EducationAidReferral | undefined> {
  await c.moveTo('CHECKING_WELFARE');
  const { nik, noKk } = c.child;
  if (!nik && !noKk) {
    c.welfare = { status: 'UNKNOWN', pipCandidate: false };
    await c.record('WELFARE_CHECKED', { ...c.welfare, reason: 'NO_IDENTITY_NUMBERS' });
    return undefined;
  }

  const answer = await askRegistry(c, 'DINSOS', () => registries.checkWelfare({ caseId: c.caseId, nik, noKk }));
  if (!answer.answered) {
    c.welfare = { status: 'UNKNOWN', pipCandidate: false };
    await c.record('WELFARE_CHECKED', { ...c.welfare, refusedWith: answer.failureType });
    return undefined;
  }
  const found = answer.value;
  c.welfare = found.status === 'REGISTERED'
    ? { status: 'REGISTERED', decile: found.decile, pipCandidate: found.pipCandidate }
    : { status: 'NOT_REGISTERED', pipCandidate: false } satisfies Welfare;
  await c.record('WELFARE_CHECKED', { ...c.welfare });
  return found.status === 'REGISTERED' && found.pipCandidate ? { decile: found.decile, programmes: found.programmes } : undefined;
}

/** Dinsos proposes the child for PIP/KIP; it runs beside the home visit and must be done before the case finishes. */
export async function referForEducationAid(c: CaseFile, referral: EducationAidReferral): Promise<void> {
  await humanTask(c, 'DINSOS_REFERRAL', referral);
}
