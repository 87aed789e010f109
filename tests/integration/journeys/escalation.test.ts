import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseActivities, OpenedTask } from '../../../activities/contract.js';
import { officerIds } from '../../../infra/seed.js';
import { REGISTRY_OUTAGE_FIRST_WAIT_MS } from '../../../workflows/activities.js';
import { daysFromNow } from './field-officer.js';
import { auditLogOf, browser, emailTo, eventually, fieldOfficerFor, officer, reportOf, startJourneyStack, taskLinkIn, type JourneyStack } from './stack.js';

/**
 * Deadlines are days apart and real days cannot pass on the dev server, so this file compresses
 * time honestly: the real openTask activity computes the real schedule from the real deadline
 * policy, and only the moments it returns are mapped so that one day lasts one second, keeping
 * the ladder's order and proportions. Everything after that (the workflow's durable timers, the
 * emails, the officer directory, the API) runs as in production. That each rung falls on the
 * right working day is proven day by day on the time-skipping server in tests/unit/workflows.
 */
const DAY_MS = 86_400_000;
const ONE_DAY_LASTS_MS = 1_000;

function compressed(openedAt: number, at: number): number {
  return openedAt + ((at - openedAt) * ONE_DAY_LASTS_MS) / DAY_MS;
}

function withCompressedDeadlines(real: CaseActivities): CaseActivities {
  return {
    ...real,
    async openTask(input): Promise<OpenedTask> {
      const opened = await real.openTask(input);
      return {
        ...opened,
        dueAt: compressed(input.openedAt, opened.dueAt),
        ladder: opened.ladder.map((step) => ({ ...step, at: compressed(input.openedAt, step.at) })),
      };
    },
  };
}

let stack: JourneyStack;

beforeAll(async () => {
  stack = await startJourneyStack({ adaptActivities: withCompressedDeadlines });
});

afterAll(async () => {
  await stack?.close();
});

describe('A late task is escalated', () => {
  it('reminds the officer, then tells the supervisor and the coordinator, and still takes the late answer', async () => {
    const child = stack.simulators.population.scenarios.matchingChild;
    const fieldOfficer = fieldOfficerFor(child.kecamatanCode, child.desa);
    const supervisor = officer(officerIds.supervisor(child.kecamatanCode));
    const coordinator = officer(officerIds.coordinator());
    const { body } = await stack.coordinator.reportChild(reportOf(child));
    const { caseId } = body;

    const assignment = await emailTo(stack.sink, fieldOfficer, 'Jadwalkan kunjungan rumah');
    const opened = await stack.coordinator.caseDetail(caseId);
    const task = opened.tasks.find((t) => t.taskId === 'visit-scheduling-1')!;
    const dueAt = Date.parse(task.dueAt);

    // The officer does nothing. First a reminder, before the due date.
    const reminder = await emailTo(stack.sink, fieldOfficer, 'Pengingat: Jadwalkan kunjungan rumah', 20_000);
    expect(Date.parse(reminder.receivedAt)).toBeLessThan(dueAt);

    // At the due date the kecamatan supervisor hears who is late.
    const toSupervisor = await emailTo(stack.sink, supervisor, 'Terlambat: Jadwalkan kunjungan rumah', 20_000);
    expect(Date.parse(toSupervisor.receivedAt)).toBeGreaterThanOrEqual(dueAt);
    expect(toSupervisor.subject).toContain(`(${fieldOfficer.name})`);
    expect(toSupervisor.text).toContain(`belum diselesaikan oleh ${fieldOfficer.name}`);
    expect(toSupervisor.text).toContain(caseId);
    expect(toSupervisor.text).not.toContain('/tasks/');

    // Later still, the district coordinator.
    const toCoordinator = await emailTo(stack.sink, coordinator, 'Terlambat: Jadwalkan kunjungan rumah', 20_000);
    expect(Date.parse(toCoordinator.receivedAt)).toBeGreaterThan(Date.parse(toSupervisor.receivedAt));
    expect(toCoordinator.text).toContain('Sebagai koordinator');

    const escalated = await stack.coordinator.waitForCase(
      caseId,
      (c) => c.tasks.some((t) => t.taskId === 'visit-scheduling-1' && t.escalationLevel === 2),
      'the second escalation on the case',
    );
    expect(escalated.overdue).toBe(true);
    expect(escalated.tasks.find((t) => t.taskId === 'visit-scheduling-1')).toMatchObject({ status: 'OPEN', overdue: true, escalationLevel: 2 });
    const overdueCases = await stack.coordinator.listCases({ overdue: 'true' });
    expect(overdueCases.items.map((item) => item.caseId)).toContain(caseId);
    const onTimeCases = await stack.coordinator.listCases({ overdue: 'false' });
    expect(onTimeCases.items.map((item) => item.caseId)).not.toContain(caseId);

    // The officer finally opens the link from the first email; it still works, and the case moves on.
    const link = taskLinkIn(assignment);
    const page = await browser.open(link);
    const sent = await browser.submit(link, page.form.type('visitDate', daysFromNow(1)));
    expect(sent.status).toBe(200);
    await emailTo(stack.sink, fieldOfficer, 'Laporan kunjungan rumah');
    const movedOn = await stack.coordinator.caseDetail(caseId);
    expect(movedOn.tasks.find((t) => t.taskId === 'visit-scheduling-1')).toMatchObject({ status: 'COMPLETED', escalationLevel: 2 });

    const log = await auditLogOf(stack.prisma, caseId);
    const scheduling = log.types.slice(log.types.indexOf('TASK_OPENED'), log.types.indexOf('TASK_COMPLETED') + 1);
    expect(scheduling).toEqual(['TASK_OPENED', 'TASK_REMINDED', 'TASK_ESCALATED', 'TASK_ESCALATED', 'TASK_COMPLETED']);
    expect(log.chain.valid).toBe(true);
    const emailed = stack.sink.messages().filter((m) => m.subject.includes('Jadwalkan kunjungan rumah')).map((m) => m.to);
    expect(emailed).toEqual([[fieldOfficer.email], [fieldOfficer.email], [supervisor.email], [coordinator.email]]);
  });
});

describe('Dukcapil is down', () => {
  it('shows the case waiting for Dukcapil instead of failing it', async () => {
    const { child } = stack.simulators.population.scenarios.nonPoorHousehold;
    stack.simulators.setFaults({ errorRate: 1 }, 'dukcapil');
    try {
      const { body } = await stack.coordinator.reportChild(reportOf(child));
      const { caseId } = body;

      // A few quick tries within seconds, then the case waits durably and says so.
      const waiting = await stack.coordinator.waitForCase(caseId, (c) => c.waitingFor !== undefined, 'the case to wait for Dukcapil');
      expect(waiting).toMatchObject({ stage: 'VERIFYING_IDENTITY', identityStatus: 'UNVERIFIED', waitingFor: { registry: 'DUKCAPIL', failedAttempts: 1 } });
      expect(waiting.outcome).toBeUndefined();
      const { since, nextAttemptAt } = waiting.waitingFor!;
      expect(Date.parse(nextAttemptAt) - Date.parse(since)).toBe(REGISTRY_OUTAGE_FIRST_WAIT_MS);
      const run = await stack.temporal.workflow.getHandle(caseId).describe();
      expect(run.status.name).toBe('RUNNING');
      // The live case says so at once; the audit log follows as soon as the event is written.
      const log = await eventually(async () => {
        const current = await auditLogOf(stack.prisma, caseId);
        return current.types.length >= 2 ? current : undefined;
      }, 'the outage in the audit log');
      expect(log.types).toEqual(['CASE_OPENED', 'REGISTRY_UNAVAILABLE']);
      // The durable retry after the first one-minute wait is shown on the time-skipping server (tests/unit/workflows/identity.test.ts).
    } finally {
      stack.simulators.setFaults({ errorRate: 0 }, 'dukcapil');
    }
  });

  it('rides out a short outage with quick retries, and the case goes on as if nothing happened', async () => {
    const { child } = stack.simulators.population.scenarios.unregisteredHousehold;
    const fieldOfficer = fieldOfficerFor(child.kecamatanCode, child.desa);
    stack.simulators.setFaults({ failNext: 2 }, 'dukcapil');
    const { body } = await stack.coordinator.reportChild(reportOf(child));
    const { caseId } = body;

    await emailTo(stack.sink, fieldOfficer, 'Jadwalkan kunjungan rumah');
    const recovered = await stack.coordinator.caseDetail(caseId);
    expect(recovered).toMatchObject({ identityStatus: 'CONFIRMED', stage: 'HOME_VISIT' });
    expect(recovered.waitingFor).toBeUndefined();
    const faults = (await (await fetch(`${stack.simulators.dukcapilUrl}/_admin/faults`)).json()) as { failNext: number };
    expect(faults.failNext).toBe(0);
    const log = await auditLogOf(stack.prisma, caseId);
    expect(log.types).not.toContain('REGISTRY_UNAVAILABLE');
    expect(log.types.slice(0, 2)).toEqual(['CASE_OPENED', 'IDENTITY_CONFIRMED']);
  });
});
