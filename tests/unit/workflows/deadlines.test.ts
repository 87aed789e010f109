import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeReport } from '../../../domain/intake.js';
import { DEFAULT_DEADLINE_POLICY } from '../../../domain/deadline-policy.js';
import { CASE_NEXT_DEADLINE, CASE_OVERDUE } from '../../../domain/search-attributes.js';
import { TASK_OWNERS, TASK_TYPES, type TaskType } from '../../../domain/tasks.js';
import { aReport, CaseHarness, CHILD_NIK, complete, eventually, FORMS, openTaskOf, waitUntil, type CaseHandle } from './case-harness.js';
import { OFFICERS } from './fake-activities.js';

let harness: CaseHarness;
beforeAll(async () => {
  harness = await CaseHarness.start();
});
afterAll(async () => {
  await harness?.stop();
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Moves the test server's clock (and every workflow timer) to just after `at`. */
async function skipTo(at: number): Promise<void> {
  const now = await harness.env.currentTimeMs();
  if (at > now) await harness.env.sleep(at - now);
}

const emailsFor = (caseId: string, taskId: string) =>
  harness.fake.emailsOf(caseId).filter((email) => email.taskId === taskId).map((email) => [email.kind, email.recipientOfficerId]);

describe('a task nobody acts on', () => {
  it('reminds the field officer before it is due, then climbs the ladder: supervisor when due, coordinator and head of agency later', async () => {
    const handle = await harness.openCase();
    const caseId = handle.workflowId;
    await waitUntil(handle, (view) => openTaskOf(view, 'VISIT_SCHEDULING') !== undefined);
    const { opened } = harness.fake.task(caseId, 'visit-scheduling-1');
    const [reminder, toSupervisor, toCoordinator, toHead] = opened.ladder;
    expect(opened.ladder.map((step) => [step.kind, step.to, step.level])).toEqual([
      ['REMINDER', 'ASSIGNEE', 0], ['ESCALATION', 'SUPERVISOR', 1], ['ESCALATION', 'COORDINATOR', 2], ['ESCALATION', 'HEAD', 3],
    ]);
    expect(reminder!.at).toBeLessThan(opened.dueAt);
    expect(toSupervisor!.at).toBe(opened.dueAt);
    expect(toHead!.at).toBeGreaterThan(toCoordinator!.at);

    await skipTo(reminder!.at - HOUR);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(emailsFor(caseId, 'visit-scheduling-1')).toEqual([['ASSIGNED', 'disdik-lapangan']]);

    await skipTo(reminder!.at + MINUTE);
    await eventually(() => emailsFor(caseId, 'visit-scheduling-1').length === 2);
    expect(emailsFor(caseId, 'visit-scheduling-1')[1]).toEqual(['REMINDER', 'disdik-lapangan']);
    await eventually(() => harness.fake.eventTypesOf(caseId).includes('TASK_REMINDED'));
    const reminded = await waitUntil(handle, () => true);
    expect(openTaskOf(reminded, 'VISIT_SCHEDULING')).toMatchObject({ overdue: false, escalationLevel: 0 });

    await skipTo(opened.dueAt + MINUTE);
    const overdue = await waitUntil(handle, (view) => openTaskOf(view, 'VISIT_SCHEDULING')?.escalationLevel === 1);
    expect(openTaskOf(overdue, 'VISIT_SCHEDULING')!.overdue).toBe(true);
    expect(overdue.nextDeadline).toBe(new Date(toCoordinator!.at).toISOString());
    await eventually(() => emailsFor(caseId, 'visit-scheduling-1').length === 3);
    expect(emailsFor(caseId, 'visit-scheduling-1')[2]).toEqual(['ESCALATION', 'disdik-penyelia']);
    const escalated = await eventually(() => harness.fake.eventsOf(caseId).find((event) => event.type === 'TASK_ESCALATED'));
    expect(escalated.data).toMatchObject({ taskId: 'visit-scheduling-1', level: 1, to: 'SUPERVISOR', recipientOfficerId: 'disdik-penyelia' });
    expect(escalated.snapshot).toMatchObject({ overdue: true, nextDeadline: toCoordinator!.at });
    expect((await handle.describe()).typedSearchAttributes.get(CASE_OVERDUE)).toBe(true);

    await skipTo(toCoordinator!.at + MINUTE);
    const atCoordinator = await waitUntil(handle, (view) => openTaskOf(view, 'VISIT_SCHEDULING')?.escalationLevel === 2);
    expect(atCoordinator.nextDeadline).toBe(new Date(toHead!.at).toISOString());
    await eventually(() => emailsFor(caseId, 'visit-scheduling-1').length === 4);
    expect(emailsFor(caseId, 'visit-scheduling-1')[3]).toEqual(['ESCALATION', 'disdik-koordinator']);

    await skipTo(toHead!.at + MINUTE);
    const atHead = await waitUntil(handle, (view) => openTaskOf(view, 'VISIT_SCHEDULING')?.escalationLevel === 3);
    expect(atHead.nextDeadline).toBe(new Date(opened.dueAt).toISOString());
    await eventually(() => emailsFor(caseId, 'visit-scheduling-1').length === 5);
    expect(emailsFor(caseId, 'visit-scheduling-1')[4]).toEqual(['ESCALATION', 'disdik-kepala']);
    const rungs = harness.fake.eventsOf(caseId).filter((event) => event.type === 'TASK_ESCALATED').map((event) => [event.data.level, event.data.to]);
    expect(rungs).toEqual([[1, 'SUPERVISOR'], [2, 'COORDINATOR'], [3, 'HEAD']]);

    // Late is better than never: the officer can still complete the task, and the case is no longer overdue.
    await complete(handle, 'VISIT_SCHEDULING', FORMS.visitScheduled);
    const onTimeAgain = await waitUntil(handle, (view) => openTaskOf(view, 'VISIT_REPORT') !== undefined);
    expect(onTimeAgain.tasks[0]).toMatchObject({ status: 'COMPLETED', overdue: true, escalationLevel: 3 });
    const attributes = (await handle.describe()).typedSearchAttributes;
    expect(attributes.get(CASE_OVERDUE)).toBe(false);
    expect(attributes.get(CASE_NEXT_DEADLINE)?.toISOString()).toBe(openTaskOf(onTimeAgain, 'VISIT_REPORT')!.dueAt);
    await harness.expectReplays(handle);
  });
});

describe('an officer whose email address bounces', () => {
  it('keeps the case going, records the bounce and tells the supervisor at once, long before the task is due', async () => {
    const caseId = `case-${randomUUID()}`;
    harness.fake.bounceEmailsTo(caseId, OFFICERS.DUKCAPIL.FIELD_OFFICER.officerId);
    const handle = await harness.openCase(aReport({ child: { nik: undefined } }), caseId);
    const registering = await waitUntil(handle, (view) => openTaskOf(view, 'DUKCAPIL_REGISTRATION') !== undefined);
    expect(registering.stage).toBe('REGISTERING_CHILD');
    const bounced = await eventually(() => harness.fake.eventsOf(caseId).find((event) => event.type === 'EMAIL_UNDELIVERABLE'));
    expect(bounced.data).toMatchObject({ kind: 'ASSIGNED', recipientOfficerId: OFFICERS.DUKCAPIL.FIELD_OFFICER.officerId });

    // The supervisor hears that the officer cannot be reached while there is still time to act.
    const { opened } = harness.fake.task(caseId, 'dukcapil-registration-1');
    const told = await eventually(() => harness.fake.emailsOf(caseId).find((email) => email.kind === 'UNREACHABLE'));
    expect(told.recipientOfficerId).toBe(OFFICERS.DUKCAPIL.SUPERVISOR.officerId);
    expect(await harness.env.currentTimeMs()).toBeLessThan(opened.dueAt);
    const escalated = await eventually(() => harness.fake.eventsOf(caseId).find((event) => event.type === 'TASK_ESCALATED'));
    expect(escalated.data).toMatchObject({
      level: 1, to: 'SUPERVISOR', recipientOfficerId: OFFICERS.DUKCAPIL.SUPERVISOR.officerId,
      cause: 'ASSIGNEE_UNREACHABLE', unreachableOfficerId: OFFICERS.DUKCAPIL.FIELD_OFFICER.officerId,
    });
    const view = await waitUntil(handle, (v) => openTaskOf(v, 'DUKCAPIL_REGISTRATION')?.escalationLevel === 1);
    expect(openTaskOf(view, 'DUKCAPIL_REGISTRATION')!.overdue).toBe(false);

    // The reminder bounces too, but the supervisor is not told twice; the ladder still runs at the due date.
    await skipTo(opened.dueAt + MINUTE);
    await waitUntil(handle, (v) => openTaskOf(v, 'DUKCAPIL_REGISTRATION')?.overdue === true);
    await eventually(() => harness.fake.emailsOf(caseId).find((email) => email.kind === 'ESCALATION'));
    expect(harness.fake.emailsOf(caseId).map((email) => [email.kind, email.recipientOfficerId])).toEqual([
      ['UNREACHABLE', OFFICERS.DUKCAPIL.SUPERVISOR.officerId],
      ['ESCALATION', OFFICERS.DUKCAPIL.SUPERVISOR.officerId],
    ]);
    expect(harness.fake.eventsOf(caseId).filter((event) => event.type === 'EMAIL_UNDELIVERABLE').map((event) => event.data.kind)).toEqual([
      'ASSIGNED', 'REMINDER',
    ]);
    await harness.expectReplays(handle);
    await handle.terminate('test finished');
  });
});

interface Route {
  report?: IntakeReport;
  script?: (caseId: string) => void;
  reach?: (handle: CaseHandle) => Promise<void>;
}

const poor = (caseId: string) =>
  harness.fake.scriptDinsos(caseId, {
    answer: { status: 'REGISTERED', noKk: '6408040101150003', decile: 1, programmes: ['PKH'], pipCandidate: true },
  });

/** How a case gets to the point where a task of each type is open. */
const ROUTES: Record<TaskType, Route> = {
  DUKCAPIL_CORRECTION: {
    script: (caseId) =>
      harness.fake.scriptDukcapil(caseId, {
        answer: {
          status: 'MISMATCH',
          record: {
            nik: CHILD_NIK, noKk: '6408040101150003', fullName: 'Andi S.', birthDate: '2015-03-12', sex: 'L', kecamatanCode: '640804', desa: 'Swarga Bara',
          },
          differences: [{ field: 'fullName', reported: 'Andi Saputra', registry: 'Andi S.' }],
        },
      }),
  },
  DUKCAPIL_REGISTRATION: { report: aReport({ child: { nik: undefined } }) },
  DINSOS_REFERRAL: { script: poor },
  VISIT_SCHEDULING: {},
  VISIT_REPORT: { reach: (handle) => complete(handle, 'VISIT_SCHEDULING', FORMS.visitScheduled).then(() => undefined) },
  ENROLMENT_CONFIRMATION: {
    reach: async (handle) => {
      await complete(handle, 'VISIT_SCHEDULING', FORMS.visitScheduled);
      await complete(handle, 'VISIT_REPORT', FORMS.familyMetAndWilling);
    },
  },
  COORDINATOR_DECISION: {
    reach: async (handle) => {
      await complete(handle, 'VISIT_SCHEDULING', FORMS.visitScheduled);
      await complete(handle, 'VISIT_REPORT', FORMS.familyMetButUnwilling);
    },
  },
  // The school roll never shows the child, so after the last monthly check the officer asks the school.
  RETENTION_CHECK: {
    script: (caseId) => harness.fake.scriptSchoolRoll(caseId, { answers: [{ status: 'NOT_FOUND' }] }),
    reach: async (handle) => {
      await complete(handle, 'VISIT_SCHEDULING', FORMS.visitScheduled);
      await complete(handle, 'VISIT_REPORT', FORMS.familyMetAndWilling);
      await complete(handle, 'ENROLMENT_CONFIRMATION', FORMS.enrolled);
      await harness.skipToRollCheck(handle, 2);
    },
  },
};

describe('every kind of task', () => {
  it.each(TASK_TYPES.map((type) => [type]))('%s reminds its assignee and climbs its escalation ladder', async (type) => {
    const route = ROUTES[type];
    const caseId = harness.newCaseId();
    route.script?.(caseId);
    const handle = await harness.openCase(route.report ?? aReport(), caseId);
    await route.reach?.(handle);
    const view = await waitUntil(handle, (v) => openTaskOf(v, type) !== undefined);
    const task = openTaskOf(view, type)!;
    const { agency, role } = TASK_OWNERS[type];
    expect(task.assignee).toEqual(OFFICERS[agency][role]);

    const rule = DEFAULT_DEADLINE_POLICY.tasks[type];
    const { opened } = harness.fake.task(caseId, task.taskId);
    const lastStep = opened.ladder.at(-1)!;
    await skipTo(lastStep.at + MINUTE);

    const expected = [
      ['ASSIGNED', task.assignee.officerId],
      ...rule.remindBeforeDueWorkingDays.map(() => ['REMINDER', task.assignee.officerId]),
      ...rule.escalations.map((step) => ['ESCALATION', step.to === 'SUPERVISOR' ? OFFICERS[agency].SUPERVISOR.officerId : OFFICERS.DISDIKBUD[step.to].officerId]),
    ];
    await eventually(() => emailsFor(caseId, task.taskId).length === expected.length);
    expect(emailsFor(caseId, task.taskId)).toEqual(expected);
    const escalated = await waitUntil(handle, (v) => openTaskOf(v, type)?.escalationLevel === rule.escalations.length);
    expect(openTaskOf(escalated, type)!.overdue).toBe(true);
  });
});
