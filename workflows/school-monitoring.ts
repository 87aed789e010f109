import { sleep } from '@temporalio/workflow';
import type { RollFinding } from '../domain/case.js';
import type { RollCheck } from '../domain/monitoring.js';
import type { LeftSchool } from '../domain/tasks.js';
import { registries } from './activities.js';
import { type CaseFile, type Enrolment, iso } from './case-file.js';
import { humanTask } from './human-task.js';
import { askRegistry } from './registry-call.js';

export type StayInSchool = { retained: true } | { retained: false; left: LeftSchool };

/**
 * Watches the school roll for a few months after the enrolment. A child the roll still shows at
 * the last look is retained. A child it shows leaving has left again. When the roll cannot tell
 * (the school has not entered the child yet, or Dapodik refused), the field officer asks the school.
 */
export async function watchSchoolRoll(c: CaseFile, enrolment: Enrolment): Promise<StayInSchool> {
  const confirmedAt = Date.now();
  const { checkAt } = await c.records.planMonitoring({ caseId: c.caseId, enrolmentDate: enrolment.enrolmentDate, confirmedAt });
  c.enrolledAt = confirmedAt;
  c.monitoring = { checks: checkAt.map((dueAt) => ({ dueAt })) };
  await c.record('ENROLMENT_CONFIRMED', { ...enrolment, checksDueAt: checkAt.map(iso) });
  await c.moveTo('MONITORING');

  let finding: RollFinding | undefined;
  for (const [index, check] of c.monitoring.checks.entries()) {
    const wait = check.dueAt - Date.now();
    if (wait > 0) await sleep(wait, { summary: `school roll check ${index + 1}` });
    const roll = await lookAtRoll(c, enrolment);
    finding = roll.finding;
    check.checkedAt = Date.now();
    check.finding = finding;
    await c.record('SCHOOL_ROLL_CHECKED', { check: index + 1, of: checkAt.length, ...roll });
    if (roll.finding === 'LEFT_SCHOOL') {
      return { retained: false, left: { seenBy: 'DAPODIK', schoolName: roll.schoolName, npsn: roll.npsn, exitType: roll.exitType, exitDate: roll.exitDate } };
    }
  }
  if (finding === 'ON_ROLL') return { retained: true };

  const { form } = await humanTask(c, 'RETENTION_CHECK', {
    schoolName: enrolment.schoolName,
    npsn: enrolment.npsn,
    enrolmentDate: enrolment.enrolmentDate,
    rollFinding: finding === 'ROLL_UNAVAILABLE' ? 'ROLL_UNAVAILABLE' : 'NOT_YET_ON_ROLL',
  });
  return form.attending ? { retained: true } : { retained: false, left: { seenBy: 'OFFICER', schoolName: enrolment.schoolName, npsn: enrolment.npsn } };
}

/** The child is out of school again: the enrolment no longer stands, and the case goes back to the family. */
export async function recordLeftSchool(c: CaseFile, left: LeftSchool): Promise<void> {
  c.enrolment = undefined;
  c.enrolledAt = undefined;
  c.monitoring = undefined;
  c.agreedPath = undefined;
  c.targetSchool = undefined;
  await c.record('LEFT_SCHOOL_AGAIN', { ...left });
}

/** Dapodik's answer; outages are waited out, and a child without NIK or a refused request cannot be looked up. */
async function lookAtRoll(c: CaseFile, enrolment: Enrolment): Promise<RollCheck | { finding: 'ROLL_UNAVAILABLE' }> {
  const nik = c.child.nik;
  if (!nik) return { finding: 'ROLL_UNAVAILABLE' };
  const answer = await askRegistry(c, 'DAPODIK', () => registries.checkSchoolRoll({ caseId: c.caseId, nik, enrolmentDate: enrolment.enrolmentDate }));
  return answer.answered ? answer.value : { finding: 'ROLL_UNAVAILABLE' };
}
