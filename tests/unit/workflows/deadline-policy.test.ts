import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays, DEFAULT_DEADLINE_POLICY, deadlinePolicySchema, subtractWorkingDays, type DeadlinePolicy } from '../../../domain/deadline-policy.js';
import { aReport, CaseHarness, complete, eventually, FORMS, openTaskOf, waitUntil, type CaseHandle } from './case-harness.js';
import { OFFICERS } from './fake-activities.js';

let harness: CaseHarness;
beforeAll(async () => {
  harness = await CaseHarness.start();
});
afterAll(async () => {
  await harness?.stop();
});
afterEach(() => {
  harness.fake.usePolicy(DEFAULT_DEADLINE_POLICY);
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const FIELD_OFFICER = OFFICERS.DISDIKBUD.FIELD_OFFICER.officerId;
const SUPERVISOR = OFFICERS.DISDIKBUD.SUPERVISOR.officerId;
const BUSANG = '640806';
const MUARA_WAHAU = '640802';

async function skipTo(at: number): Promise<void> {
  const now = await harness.env.currentTimeMs();
  if (at > now) await harness.env.sleep(at - now);
}

/** Gives the workflows a moment to act on the time just skipped to. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

const emailsFor = (caseId: string, taskId: string) =>
  harness.fake.emailsOf(caseId).filter((email) => email.taskId === taskId).map((email) => [email.kind, email.recipientOfficerId]);

const policy = (changes: Partial<DeadlinePolicy>): DeadlinePolicy => deadlinePolicySchema.parse({ ...DEFAULT_DEADLINE_POLICY, ...changes });

/** 10:00 WITA on the next Friday at least a day after the test server's clock. */
async function nextFridayMorning(): Promise<number> {
  let day = new Date((await harness.env.currentTimeMs()) + DAY);
  while (day.getUTCDay() !== 5) day = new Date(day.getTime() + DAY);
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 2);
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** 17:00 WITA, the end of a working day, `days` calendar days after `from`. */
const fivePmWita = (from: number, days: number) => Date.parse(`${isoDay(from + days * DAY)}T09:00:00Z`);

async function visitToSchedule(report = aReport()): Promise<{ handle: CaseHandle; caseId: string }> {
  const handle = await harness.openCase(report);
  await waitUntil(handle, (view) => openTaskOf(view, 'VISIT_SCHEDULING') !== undefined);
  return { handle, caseId: handle.workflowId };
}

describe('working days', () => {
  it('skip the weekend and a public holiday: a task opened on Friday before a Monday holiday is due on Thursday', async () => {
    const friday = await nextFridayMorning();
    const mondayHoliday = isoDay(friday + 3 * DAY);
    harness.fake.usePolicy(policy({ holidays: [mondayHoliday] }));
    await skipTo(friday);
    const { handle, caseId } = await visitToSchedule();

    // Three working days: Tuesday, Wednesday, Thursday. Reminded on Wednesday, the working day before.
    const { opened } = harness.fake.task(caseId, 'visit-scheduling-1');
    const thursday = fivePmWita(friday, 6);
    const wednesday = fivePmWita(friday, 5);
    expect(opened.dueAt).toBe(thursday);
    expect(opened.ladder[0]).toMatchObject({ kind: 'REMINDER', at: wednesday });

    // On Tuesday evening (a plain weekday calendar would have reminded and be due by now) nothing has happened yet.
    await skipTo(fivePmWita(friday, 4) + HOUR);
    await settle();
    expect(emailsFor(caseId, 'visit-scheduling-1')).toEqual([['ASSIGNED', FIELD_OFFICER]]);

    await skipTo(wednesday + MINUTE);
    await eventually(() => emailsFor(caseId, 'visit-scheduling-1').length === 2);
    expect(emailsFor(caseId, 'visit-scheduling-1')[1]).toEqual(['REMINDER', FIELD_OFFICER]);

    await skipTo(thursday + MINUTE);
    await eventually(() => emailsFor(caseId, 'visit-scheduling-1').length === 3);
    expect(emailsFor(caseId, 'visit-scheduling-1')[2]).toEqual(['ESCALATION', SUPERVISOR]);
    await harness.expectReplays(handle);
  });
});

describe('a remote kecamatan', () => {
  it('follows its own override: extra travel days and its own reminder, while other remote kecamatan keep the district’s extra days', async () => {
    harness.fake.usePolicy(policy({
      remoteKecamatanExtraDays: 3,
      kecamatanOverrides: { [BUSANG]: { extraWorkingDays: 5, tasks: { VISIT_SCHEDULING: { remindBeforeDueWorkingDays: [2] } } } },
    }));
    const busang = await visitToSchedule(aReport({ child: { kecamatan: BUSANG, desa: 'Long Lees' } }));
    const wahau = await visitToSchedule(aReport({ child: { kecamatan: MUARA_WAHAU, desa: 'Wahau Baru' } }));
    const town = await visitToSchedule();

    const calendar = DEFAULT_DEADLINE_POLICY;
    const due = ({ caseId }: { caseId: string }) => harness.fake.task(caseId, 'visit-scheduling-1');
    expect(due(busang).opened.dueAt).toBe(addWorkingDays(calendar, due(busang).input.openedAt, 3 + 5));
    expect(due(wahau).opened.dueAt).toBe(addWorkingDays(calendar, due(wahau).input.openedAt, 3 + 3));
    expect(due(town).opened.dueAt).toBe(addWorkingDays(calendar, due(town).input.openedAt, 3));
    const busangReminders = due(busang).opened.ladder.filter((step) => step.kind === 'REMINDER');
    expect(busangReminders.map((step) => step.at)).toEqual([subtractWorkingDays(calendar, due(busang).opened.dueAt, 2)]);
    expect(due(wahau).opened.ladder.filter((step) => step.kind === 'REMINDER').map((step) => step.at)).toEqual([
      subtractWorkingDays(calendar, due(wahau).opened.dueAt, 1),
    ]);

    // When the town's task is late, Busang's is still on time; it escalates only at its own due date.
    await skipTo(due(town).opened.dueAt + MINUTE);
    await eventually(() => emailsFor(town.caseId, 'visit-scheduling-1').some(([kind]) => kind === 'ESCALATION'));
    expect(emailsFor(busang.caseId, 'visit-scheduling-1').map(([kind]) => kind)).not.toContain('ESCALATION');
    const stillOnTime = await waitUntil(busang.handle, () => true);
    expect(openTaskOf(stillOnTime, 'VISIT_SCHEDULING')).toMatchObject({ overdue: false });

    await skipTo(due(busang).opened.dueAt + MINUTE);
    await eventually(() => emailsFor(busang.caseId, 'visit-scheduling-1').some(([kind]) => kind === 'ESCALATION'));
    await waitUntil(busang.handle, (view) => openTaskOf(view, 'VISIT_SCHEDULING')?.overdue === true);
  });
});

describe('changing the deadline policy', () => {
  it('reaches only tasks that open afterwards: a running task keeps the ladder it opened with', async () => {
    const { handle, caseId } = await visitToSchedule();
    const { opened } = harness.fake.task(caseId, 'visit-scheduling-1');
    const changed = policy({
      tasks: {
        ...DEFAULT_DEADLINE_POLICY.tasks,
        VISIT_SCHEDULING: { dueInWorkingDays: 10, remindBeforeDueWorkingDays: [1], escalations: [{ to: 'SUPERVISOR', afterDueWorkingDays: 0 }] },
        VISIT_REPORT: { dueInWorkingDays: 7, remindBeforeDueWorkingDays: [2], escalations: [{ to: 'COORDINATOR', afterDueWorkingDays: 1 }] },
      },
    });
    harness.fake.usePolicy(changed);

    // The open task still escalates at the due date it opened with, three working days out, not ten.
    await skipTo(opened.dueAt + MINUTE);
    await eventually(() => emailsFor(caseId, 'visit-scheduling-1').some(([kind]) => kind === 'ESCALATION'));
    await waitUntil(handle, (view) => openTaskOf(view, 'VISIT_SCHEDULING')?.escalationLevel === 1);

    // The next task opens under the new policy.
    await complete(handle, 'VISIT_SCHEDULING', FORMS.visitScheduled);
    const reporting = await waitUntil(handle, (view) => openTaskOf(view, 'VISIT_REPORT') !== undefined);
    const report = harness.fake.task(caseId, 'visit-report-1');
    expect(openTaskOf(reporting, 'VISIT_REPORT')!.dueAt).toBe(new Date(addWorkingDays(changed, report.input.openedAt, 7)).toISOString());
    expect(report.opened.ladder.map((step) => [step.kind, step.to])).toEqual([['REMINDER', 'ASSIGNEE'], ['ESCALATION', 'COORDINATOR']]);
    await harness.expectReplays(handle);
  });
});
