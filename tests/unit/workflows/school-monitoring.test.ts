import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DapodikFindResponse } from '../../../domain/registries.js';
import { closeCaseUpdate, getCaseQuery } from '../../../workflows/messages.js';
import { CaseHarness, CHILD_NIK, complete, FORMS, openTaskOf, waitUntil, type CaseHandle } from './case-harness.js';
import { ACTIVE_AT_CONFIRMED_SCHOOL, OFFICERS } from './fake-activities.js';

let harness: CaseHarness;
beforeAll(async () => {
  harness = await CaseHarness.start();
});
afterAll(async () => {
  await harness?.stop();
});

const DAY = 86_400_000;
const FIELD_OFFICER = OFFICERS.DISDIKBUD.FIELD_OFFICER;

const leftInJanuary = { ...ACTIVE_AT_CONFIRMED_SCHOOL, status: 'EXITED', exitType: 'DO', exitDate: '2027-01-28' } as const satisfies DapodikFindResponse;

async function enrol(handle: CaseHandle, enrolment: object = FORMS.enrolled): Promise<void> {
  await complete(handle, 'VISIT_SCHEDULING', FORMS.visitScheduled);
  await complete(handle, 'VISIT_REPORT', FORMS.familyMetAndWilling);
  await complete(handle, 'ENROLMENT_CONFIRMATION', enrolment);
}

/** The checks fall a month and three months after the first school day, or after the confirmation when that came later. */
function expectedChecks(caseId: string, enrolmentDate: string): { dueAt: string }[] {
  const confirmedAt = harness.fake.monitoringPlansOf(caseId).at(-1)!.confirmedAt;
  const from = Math.max(Date.parse(`${enrolmentDate}T00:00:00+08:00`), confirmedAt);
  return [30, 90].map((days) => ({ dueAt: new Date(from + days * DAY).toISOString() }));
}

/**
 * Ends a story's case the way a coordinator would, and waits for it to finish. Terminating it instead could
 * leave an activity outstanding, and the test server would then stop skipping time for every later story
 * in the file (sdk-java#1138).
 */
async function closeAsMoved(handle: CaseHandle): Promise<void> {
  await handle.executeUpdate(closeCaseUpdate, {
    args: [{ reason: 'MOVED', note: 'Keluarga pindah ke Balikpapan bersama anak.' }, { kind: 'STAFF', id: 'koordinator-ats' }],
  });
  await handle.result();
}

const rollEventsOf = (caseId: string) =>
  harness.fake.eventsOf(caseId).filter((event) => event.type === 'SCHOOL_ROLL_CHECKED').map((event) => event.data.finding);

describe('a child back in school', () => {
  it('is watched on the school roll a month and three months after the first school day, and the case closes as RETAINED', async () => {
    const handle = await harness.openCase();
    const caseId = handle.workflowId;
    await enrol(handle);

    const watching = await waitUntil(handle, (view) => view.stage === 'MONITORING');
    expect(watching.outcome).toBeUndefined();
    expect(watching.enrolment).toMatchObject({ npsn: '30400002', enrolmentDate: '2027-01-06' });
    expect(watching.monitoring).toEqual({ checks: expectedChecks(caseId, '2027-01-06') });
    expect(watching.tasks.filter((task) => task.status === 'OPEN')).toEqual([]);

    const afterOneMonth = await harness.skipToRollCheck(handle, 1);
    expect(afterOneMonth).toMatchObject({ stage: 'MONITORING', monitoring: { checks: [{ finding: 'ON_ROLL' }, {}] } });
    expect(afterOneMonth.outcome).toBeUndefined();

    await harness.skipToRollCheck(handle, 2);
    const final = await handle.result();
    expect(final).toMatchObject({ stage: 'CLOSED', outcome: 'RETAINED', enrolment: { npsn: '30400002' } });
    expect(final.closedAt! >= watching.monitoring!.checks[1]!.dueAt).toBe(true);
    expect(harness.fake.rollLookupsOf(caseId)).toEqual([
      { caseId, nik: CHILD_NIK, enrolmentDate: '2027-01-06' },
      { caseId, nik: CHILD_NIK, enrolmentDate: '2027-01-06' },
    ]);
    expect(rollEventsOf(caseId)).toEqual(['ON_ROLL', 'ON_ROLL']);
    expect(harness.fake.eventsOf(caseId).at(-1)).toMatchObject({
      type: 'CASE_CLOSED', data: { outcome: 'RETAINED', npsn: '30400002' }, snapshot: { outcome: 'RETAINED', enrolledNpsn: '30400002' },
    });
    expect(harness.fake.caseClosedNoticesOf(caseId)).toEqual([{ caseId, outcome: 'RETAINED', cancelledTasks: [] }]);
    await harness.expectReplays(handle);
  });

  it('who left school again gets a follow-up visit from the field officer, and the case goes back to the home visit', async () => {
    const caseId = harness.newCaseId();
    harness.fake.scriptSchoolRoll(caseId, { answers: [leftInJanuary, ACTIVE_AT_CONFIRMED_SCHOOL] });
    const handle = await harness.openCase(undefined, caseId);
    await enrol(handle);

    const revisiting = await harness.skipToRollCheck(handle, 1);
    expect(revisiting).toMatchObject({ stage: 'HOME_VISIT', visitAttempts: 1 });
    expect(revisiting.enrolment).toBeUndefined();
    expect(revisiting.monitoring).toBeUndefined();
    const followUp = await waitUntil(handle, (view) => openTaskOf(view, 'VISIT_SCHEDULING') !== undefined);
    expect(openTaskOf(followUp, 'VISIT_SCHEDULING')).toMatchObject({ taskId: 'visit-scheduling-2', assignee: FIELD_OFFICER });
    expect(harness.fake.task(caseId, 'visit-scheduling-2').input.context).toEqual({
      attempt: 2,
      followUp: { seenBy: 'DAPODIK', schoolName: 'SD Negeri 002 Sangatta Utara', npsn: '30400002', exitType: 'DO', exitDate: '2027-01-28' },
    });
    expect(harness.fake.emailsOf(caseId).at(-1)).toMatchObject({ taskId: 'visit-scheduling-2', kind: 'ASSIGNED', recipientOfficerId: FIELD_OFFICER.officerId });
    const left = harness.fake.eventsOf(caseId).find((event) => event.type === 'LEFT_SCHOOL_AGAIN')!;
    expect(left.data).toMatchObject({ seenBy: 'DAPODIK', exitDate: '2027-01-28' });
    // The case row no longer counts the child as enrolled.
    expect(left.snapshot).toMatchObject({ stage: 'MONITORING' });
    expect([left.snapshot.enrolledNpsn, left.snapshot.enrolledAt]).toEqual([undefined, undefined]);

    // The officer finds the family again and the child goes back, this time to stay.
    await enrol(handle, { ...FORMS.enrolled, enrolmentDate: '2027-02-15' });
    const watchedAgain = await waitUntil(handle, (view) => view.stage === 'MONITORING');
    expect(watchedAgain.monitoring).toEqual({ checks: expectedChecks(caseId, '2027-02-15') });
    await harness.skipToRollCheck(handle, 2);
    const final = await handle.result();
    expect(final).toMatchObject({ outcome: 'RETAINED', visitAttempts: 2, enrolment: { enrolmentDate: '2027-02-15' } });
    expect(rollEventsOf(caseId)).toEqual(['LEFT_SCHOOL', 'ON_ROLL', 'ON_ROLL']);
    await harness.expectReplays(handle);
  });

  it('whose old school still shows the dropout from before the enrolment is not taken to have left again', async () => {
    const caseId = harness.newCaseId();
    const droppedOutLastYear: DapodikFindResponse = { ...leftInJanuary, npsn: '30400001', schoolName: 'SD Negeri 001 Sangatta Utara', exitDate: '2026-06-20' };
    harness.fake.scriptSchoolRoll(caseId, { answers: [droppedOutLastYear, ACTIVE_AT_CONFIRMED_SCHOOL] });
    const handle = await harness.openCase(undefined, caseId);
    await enrol(handle);

    const afterOneMonth = await harness.skipToRollCheck(handle, 1);
    expect(afterOneMonth).toMatchObject({ stage: 'MONITORING', monitoring: { checks: [{ finding: 'NOT_YET_ON_ROLL' }, {}] } });
    await harness.skipToRollCheck(handle, 2);
    expect(await handle.result()).toMatchObject({ outcome: 'RETAINED' });
    expect(rollEventsOf(caseId)).toEqual(['NOT_YET_ON_ROLL', 'ON_ROLL']);
  });
});

describe('a child the school roll never shows', () => {
  it('is checked with the school by the field officer after the last look; still attending, the case closes as RETAINED', async () => {
    const caseId = harness.newCaseId();
    harness.fake.scriptSchoolRoll(caseId, { answers: [{ status: 'NOT_FOUND' }] });
    const handle = await harness.openCase(undefined, caseId);
    await enrol(handle);

    await harness.skipToRollCheck(handle, 1);
    const asking = await harness.skipToRollCheck(handle, 2);
    expect(asking).toMatchObject({ stage: 'MONITORING', monitoring: { checks: [{ finding: 'NOT_YET_ON_ROLL' }, { finding: 'NOT_YET_ON_ROLL' }] } });
    const check = await waitUntil(handle, (view) => openTaskOf(view, 'RETENTION_CHECK') !== undefined);
    expect(openTaskOf(check, 'RETENTION_CHECK')).toMatchObject({ taskId: 'retention-check-1', assignee: FIELD_OFFICER });
    expect(harness.fake.task(caseId, 'retention-check-1').input.context).toEqual({
      schoolName: 'SD Negeri 002 Sangatta Utara', npsn: '30400002', enrolmentDate: '2027-01-06', rollFinding: 'NOT_YET_ON_ROLL',
    });

    await complete(handle, 'RETENTION_CHECK', { attending: true, note: 'Wali kelas: hadir setiap hari; operator sekolah belum mengisi Dapodik.' });
    expect(await handle.result()).toMatchObject({ outcome: 'RETAINED' });
  });

  it('and who no longer attends, by the school’s word, gets a follow-up visit', async () => {
    const caseId = harness.newCaseId();
    harness.fake.scriptSchoolRoll(caseId, { answers: [{ status: 'NOT_FOUND' }] });
    const handle = await harness.openCase(undefined, caseId);
    await enrol(handle);
    await harness.skipToRollCheck(handle, 1);
    await harness.skipToRollCheck(handle, 2);

    await complete(handle, 'RETENTION_CHECK', { attending: false });
    const revisiting = await waitUntil(handle, (view) => openTaskOf(view, 'VISIT_SCHEDULING') !== undefined);
    expect(revisiting).toMatchObject({ stage: 'HOME_VISIT' });
    expect(harness.fake.task(caseId, 'visit-scheduling-2').input.context).toEqual({
      attempt: 2, followUp: { seenBy: 'OFFICER', schoolName: 'SD Negeri 002 Sangatta Utara', npsn: '30400002' },
    });
    await closeAsMoved(handle);
  });
});

describe('monitoring while Dapodik is down', () => {
  it('waits for the school roll, shows what it waits for, and looks again once Dapodik answers', async () => {
    const caseId = harness.newCaseId();
    harness.fake.scriptSchoolRoll(caseId, { answers: [ACTIVE_AT_CONFIRMED_SCHOOL], unavailableForAttempts: 3 });
    const handle = await harness.openCase(undefined, caseId);
    await enrol(handle);

    const watching = await waitUntil(handle, (view) => view.stage === 'MONITORING');
    // To just before the look: the failing attempts and their retries run on the clock, outside any skip.
    await harness.skipTo(Date.parse(watching.monitoring!.checks[0]!.dueAt) - 500);
    const waiting = await waitUntil(handle, (view) => view.waitingFor !== undefined);
    expect(waiting.waitingFor).toMatchObject({ registry: 'DAPODIK', failedAttempts: 1 });
    expect(harness.fake.eventsOf(caseId).filter((event) => event.type === 'REGISTRY_UNAVAILABLE').map((event) => event.data)).toEqual([{ registry: 'DAPODIK' }]);

    await harness.skipTo(Date.parse(waiting.waitingFor!.nextAttemptAt) + 1000);
    const answered = await waitUntil(handle, (view) => view.monitoring?.checks[0]?.finding !== undefined);
    expect(answered.waitingFor).toBeUndefined();
    expect(answered.monitoring!.checks[0]!.finding).toBe('ON_ROLL');
    await closeAsMoved(handle);
  });
});

describe('a coordinator', () => {
  it('may close a case while it is being monitored; the school roll is not looked at again', async () => {
    const handle = await harness.openCase();
    const caseId = handle.workflowId;
    await enrol(handle);
    await waitUntil(handle, (view) => view.stage === 'MONITORING');

    await closeAsMoved(handle);
    expect(await handle.query(getCaseQuery)).toMatchObject({ stage: 'CLOSED', outcome: 'CLOSED', closeReason: 'MOVED' });
    expect(harness.fake.rollLookupsOf(caseId)).toEqual([]);
    await harness.expectReplays(handle);
  });
});
