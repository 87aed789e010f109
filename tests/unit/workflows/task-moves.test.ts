import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeCaseUpdate, completeTaskUpdate, declineTaskUpdate, parseFormRejection, reassignTaskUpdate, UPDATE_REJECTIONS,
} from '../../../workflows/messages.js';
import { aReport, CaseHarness, complete, eventually, FORMS, openTaskOf, visitAndEnrol, waitUntil, type CaseHandle } from './case-harness.js';
import { OFFICERS, OTHER_OFFICERS } from './fake-activities.js';

let harness: CaseHarness;
beforeAll(async () => {
  harness = await CaseHarness.start();
});
afterAll(async () => {
  await harness?.stop();
});

const MINUTE = 60_000;
const FIELD_OFFICER = OFFICERS.DISDIKBUD.FIELD_OFFICER;
const SUPERVISOR = OFFICERS.DISDIKBUD.SUPERVISOR;
const COORDINATOR = OFFICERS.DISDIKBUD.COORDINATOR;
const OTHER_FIELD_OFFICER = OTHER_OFFICERS.DISDIKBUD_FIELD_OFFICER;
const supervisorActor = { kind: 'OFFICER', id: SUPERVISOR.officerId } as const;

async function skipTo(at: number): Promise<void> {
  const now = await harness.env.currentTimeMs();
  if (at > now) await harness.env.sleep(at - now);
}

const emailsFor = (caseId: string, taskId: string) =>
  harness.fake.emailsOf(caseId).filter((email) => email.taskId === taskId).map((email) => [email.kind, email.recipientOfficerId]);

async function rejectionOf(update: Promise<unknown>): Promise<string> {
  const error = await update.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  return (error as WorkflowUpdateFailedError).cause?.message ?? '';
}

async function updateEventsIn(handle: CaseHandle): Promise<number> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).filter(
    (event) => event.workflowExecutionUpdateAcceptedEventAttributes || event.workflowExecutionUpdateRejectedEventAttributes,
  ).length;
}

/**
 * Ends a story once the case waits for the visit report: terminating a run while one of its activities
 * is in flight leaves the time-skipping test server unable to skip time for the rest of the file.
 */
async function finish(handle: CaseHandle): Promise<void> {
  await waitUntil(handle, (view) => openTaskOf(view, 'VISIT_REPORT') !== undefined);
  await eventually(() => emailsFor(handle.workflowId, 'visit-report-1').length === 1);
  await handle.terminate('test finished');
}

async function caseWithVisitToSchedule(): Promise<{ handle: CaseHandle; caseId: string }> {
  const handle = await harness.openCase();
  await waitUntil(handle, (view) => openTaskOf(view, 'VISIT_SCHEDULING') !== undefined);
  return { handle, caseId: handle.workflowId };
}

describe('a supervisor reassigns a late task', () => {
  it('gives it to the new officer with a fresh deadline, kills the old officer’s link and sends the new officer the reminders and escalations', async () => {
    const { handle, caseId } = await caseWithVisitToSchedule();
    const { opened } = harness.fake.task(caseId, 'visit-scheduling-1');
    await skipTo(opened.dueAt + MINUTE);
    await waitUntil(handle, (view) => openTaskOf(view, 'VISIT_SCHEDULING')?.escalationLevel === 1);
    const reassignedAt = await harness.env.currentTimeMs();

    const moved = await handle.executeUpdate(reassignTaskUpdate, {
      args: [{ taskId: 'visit-scheduling-1', to: OTHER_FIELD_OFFICER, reason: 'Rina sedang cuti melahirkan.', by: supervisorActor }],
    });

    const { current } = harness.fake.task(caseId, 'visit-scheduling-1');
    expect(moved).toEqual({ taskId: 'visit-scheduling-1', assignee: OTHER_FIELD_OFFICER, dueAt: new Date(current.dueAt).toISOString() });
    expect(current.dueAt).toBeGreaterThan(reassignedAt);
    const view = await waitUntil(handle, () => true);
    expect(openTaskOf(view, 'VISIT_SCHEDULING')).toMatchObject({ assignee: OTHER_FIELD_OFFICER, overdue: false, escalationLevel: 0 });
    expect(view.nextDeadline).toBe(new Date(current.dueAt).toISOString());

    const reassigned = harness.fake.eventsOf(caseId).find((event) => event.type === 'TASK_REASSIGNED')!;
    expect(reassigned).toMatchObject({
      actor: supervisorActor,
      data: {
        taskId: 'visit-scheduling-1', fromOfficerId: FIELD_OFFICER.officerId, toOfficerId: OTHER_FIELD_OFFICER.officerId,
        reason: 'Rina sedang cuti melahirkan.', dueAt: new Date(current.dueAt).toISOString(),
      },
      snapshot: { overdue: false },
    });
    expect(reassigned.occurredAt).toBeGreaterThanOrEqual(reassignedAt);
    await eventually(() => emailsFor(caseId, 'visit-scheduling-1').length === 5);
    expect(emailsFor(caseId, 'visit-scheduling-1').slice(3)).toEqual([
      ['REASSIGNED', FIELD_OFFICER.officerId],
      ['ASSIGNED', OTHER_FIELD_OFFICER.officerId],
    ]);

    // The old officer's link is refused by the workflow itself.
    const late = handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: 'visit-scheduling-1', officerId: FIELD_OFFICER.officerId, form: FORMS.visitScheduled }],
    });
    expect(await rejectionOf(late)).toBe(UPDATE_REJECTIONS.NOT_THE_ASSIGNEE);

    // The new officer's ladder: the reminder goes to them, and being late climbs from the supervisor again.
    const [reminder, toSupervisor] = current.ladder;
    expect([reminder!.kind, reminder!.recipient, toSupervisor!.kind, toSupervisor!.recipient]).toEqual(['REMINDER', OTHER_FIELD_OFFICER, 'ESCALATION', SUPERVISOR]);
    await skipTo(toSupervisor!.at + MINUTE);
    await eventually(() => emailsFor(caseId, 'visit-scheduling-1').length === 7);
    expect(emailsFor(caseId, 'visit-scheduling-1').slice(5)).toEqual([
      ['REMINDER', OTHER_FIELD_OFFICER.officerId],
      ['ESCALATION', SUPERVISOR.officerId],
    ]);

    await handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: 'visit-scheduling-1', officerId: OTHER_FIELD_OFFICER.officerId, form: FORMS.visitScheduled }],
    });
    await waitUntil(handle, (v) => openTaskOf(v, 'VISIT_REPORT') !== undefined);
    expect(harness.fake.task(caseId, 'visit-scheduling-1').closed).toMatchObject({
      status: 'COMPLETED', closedBy: { kind: 'OFFICER', id: OTHER_FIELD_OFFICER.officerId },
    });
    await harness.expectReplays(handle);
    await finish(handle);
  });

  it('is refused without a reason, to the officer who already has it, for a finished task, and none of it reaches history', async () => {
    const { handle } = await caseWithVisitToSchedule();
    const reassign = (to: typeof FIELD_OFFICER, reason: string, taskId = 'visit-scheduling-1') =>
      handle.executeUpdate(reassignTaskUpdate, { args: [{ taskId, to, reason, by: supervisorActor }] });

    expect(parseFormRejection(await rejectionOf(reassign(OTHER_FIELD_OFFICER, ' ok ')))).toEqual([{ field: 'reason', message: 'Minimal 5 karakter.' }]);
    expect(await rejectionOf(reassign(FIELD_OFFICER, 'Dipegang petugas yang sama.'))).toBe(UPDATE_REJECTIONS.SAME_OFFICER);
    expect(await rejectionOf(reassign(OTHER_FIELD_OFFICER, 'Tugas yang tidak ada.', 'visit-scheduling-7'))).toBe(UPDATE_REJECTIONS.TASK_NOT_FOUND);
    expect(await updateEventsIn(handle)).toBe(0);

    await complete(handle, 'VISIT_SCHEDULING', FORMS.visitScheduled);
    expect(await rejectionOf(reassign(OTHER_FIELD_OFFICER, 'Sudah terlambat untuk dialihkan.'))).toBe(UPDATE_REJECTIONS.TASK_COMPLETED);
    await finish(handle);
  });
});

describe('an officer who cannot do a task declines it', () => {
  it('goes to the supervisor with the reason, keeps its deadline and ladder, and the supervisor reassigns it', async () => {
    const { handle, caseId } = await caseWithVisitToSchedule();
    const { opened } = harness.fake.task(caseId, 'visit-scheduling-1');
    const decline = (officerId: string, reason: string) =>
      handle.executeUpdate(declineTaskUpdate, { args: [{ taskId: 'visit-scheduling-1', officerId, reason }] });

    expect(parseFormRejection(await rejectionOf(decline(FIELD_OFFICER.officerId, 'cuti')))).toEqual([{ field: 'reason', message: 'Minimal 5 karakter.' }]);
    expect(parseFormRejection(await rejectionOf(decline(FIELD_OFFICER.officerId, 'x'.repeat(501))))).toEqual([{ field: 'reason', message: 'Maksimal 500 karakter.' }]);
    expect(await rejectionOf(decline(OTHER_FIELD_OFFICER.officerId, 'Bukan tugas saya.'))).toBe(UPDATE_REJECTIONS.NOT_THE_ASSIGNEE);
    expect(await updateEventsIn(handle)).toBe(0);

    const declined = await decline(FIELD_OFFICER.officerId, 'Sedang tugas luar ke Samarinda sampai akhir bulan.');
    expect(declined).toEqual({ taskId: 'visit-scheduling-1', assignee: SUPERVISOR, dueAt: new Date(opened.dueAt).toISOString() });
    const view = await waitUntil(handle, () => true);
    expect(openTaskOf(view, 'VISIT_SCHEDULING')).toMatchObject({ assignee: SUPERVISOR, dueAt: new Date(opened.dueAt).toISOString() });
    expect(harness.fake.eventsOf(caseId).find((event) => event.type === 'TASK_DECLINED')).toMatchObject({
      actor: { kind: 'OFFICER', id: FIELD_OFFICER.officerId },
      data: { fromOfficerId: FIELD_OFFICER.officerId, toOfficerId: SUPERVISOR.officerId, reason: 'Sedang tugas luar ke Samarinda sampai akhir bulan.' },
    });
    await eventually(() => emailsFor(caseId, 'visit-scheduling-1').length === 2);
    expect(emailsFor(caseId, 'visit-scheduling-1')).toEqual([['ASSIGNED', FIELD_OFFICER.officerId], ['DECLINED', SUPERVISOR.officerId]]);
    expect(await rejectionOf(decline(FIELD_OFFICER.officerId, 'Sekali lagi saya tolak.'))).toBe(UPDATE_REJECTIONS.NOT_THE_ASSIGNEE);

    // Nobody reassigns it in time: the supervisor is reminded that it waits for them, then the coordinator hears it is late.
    const { current } = harness.fake.task(caseId, 'visit-scheduling-1');
    expect(current.ladder.filter((step) => step.kind === 'ESCALATION').map((step) => step.recipient.officerId)[0]).toBe(COORDINATOR.officerId);
    await skipTo(opened.dueAt + MINUTE);
    await eventually(() => emailsFor(caseId, 'visit-scheduling-1').length === 4);
    expect(emailsFor(caseId, 'visit-scheduling-1').slice(2)).toEqual([['DECLINED', SUPERVISOR.officerId], ['ESCALATION', COORDINATOR.officerId]]);
    await waitUntil(handle, (v) => openTaskOf(v, 'VISIT_SCHEDULING')?.overdue === true);

    const moved = await handle.executeUpdate(reassignTaskUpdate, {
      args: [{ taskId: 'visit-scheduling-1', to: OTHER_FIELD_OFFICER, reason: 'Yusuf yang paling dekat dengan desa.', by: supervisorActor }],
    });
    expect(moved.assignee).toEqual(OTHER_FIELD_OFFICER);
    await eventually(() => emailsFor(caseId, 'visit-scheduling-1').length === 6);
    expect(emailsFor(caseId, 'visit-scheduling-1').slice(4)).toEqual([['REASSIGNED', SUPERVISOR.officerId], ['ASSIGNED', OTHER_FIELD_OFFICER.officerId]]);
    const after = await waitUntil(handle, () => true);
    expect(openTaskOf(after, 'VISIT_SCHEDULING')).toMatchObject({ assignee: OTHER_FIELD_OFFICER, overdue: false, escalationLevel: 0 });

    await handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: 'visit-scheduling-1', officerId: OTHER_FIELD_OFFICER.officerId, form: FORMS.visitScheduled }],
    });
    await waitUntil(handle, (v) => openTaskOf(v, 'VISIT_REPORT') !== undefined);
    const moves = harness.fake.eventTypesOf(caseId).filter((type) => ['TASK_DECLINED', 'TASK_REASSIGNED', 'TASK_COMPLETED'].includes(type));
    expect(moves).toEqual(['TASK_DECLINED', 'TASK_REASSIGNED', 'TASK_COMPLETED']);
    await harness.expectReplays(handle);
    await finish(handle);
  });
});

describe('a case that closes', () => {
  it('tells the officers whose tasks it cancelled, and the coordinator, when a coordinator closes it', async () => {
    const { handle, caseId } = await caseWithVisitToSchedule();
    await handle.executeUpdate(closeCaseUpdate, {
      args: [{ reason: 'MOVED', note: 'Keluarga pindah ke Bontang.' }, { kind: 'STAFF', id: 'koordinator-ats' }],
    });
    await handle.result();
    expect(harness.fake.caseClosedNoticesOf(caseId)).toEqual([
      {
        caseId, outcome: 'CLOSED', closeReason: 'MOVED',
        cancelledTasks: [{ taskId: 'visit-scheduling-1', type: 'VISIT_SCHEDULING', officerId: FIELD_OFFICER.officerId }],
      },
    ]);
    await harness.expectReplays(handle);
  });

  it('tells the coordinator when the child has stayed in school', async () => {
    const handle = await harness.openCase(aReport());
    await visitAndEnrol(handle);
    expect(harness.fake.caseClosedNoticesOf(handle.workflowId)).toEqual([{ caseId: handle.workflowId, outcome: 'RETAINED', cancelledTasks: [] }]);
  });
});
