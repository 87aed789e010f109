import { createApiKey } from '../../../api/auth/api-keys.js';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseActivities } from '../../../activities/contract.js';
import { caseIdFor, identityKeys } from '../../../infra/case-identity.js';
import { ensureWatchdogSchedule } from '../../../infra/watchdog-schedule.js';
import type { Person } from '../../../simulators/population.js';
import { caseWatchdogWorkflow } from '../../../workflows/watchdog.js';
import { WATCHDOG_SCHEDULE_ID, type WatchdogSummary } from '../../../workflows/watchdog-messages.js';
import { createStaffUser } from '../../support/staff.js';
import { eventually, reportOf, startJourneyStack, type JourneyStack } from './stack.js';

/**
 * "Not one child missed": the watchdog checks every open case against Temporal. This story plants each
 * way a case can be lost without anyone noticing (a workflow that failed on a bug, one an operator
 * terminated, a case row whose workflow is gone, an open task whose officer was deactivated), lets the
 * watchdog find them, sees the admin told once, repairs each from the API, and sees them gone.
 */
interface HealthBody {
  open: number;
  cases: number;
  violations: { id: string; caseId: string; kind: string; subject: string; repair: string | null }[];
}

/**
 * The planted bug: in these cases, until someone fixes it, linking the child's identity fails with a
 * failure meant for another caller (an undeliverable email, which only the task emails answer). The
 * case waits out faults of our system, but passes that answer through, and nothing catches it there.
 */
const buggyCases = new Set<string>();

function withPlantedBug(real: CaseActivities): CaseActivities {
  return {
    ...real,
    async linkChildIdentity(input) {
      if (buggyCases.has(input.caseId)) throw ApplicationFailure.nonRetryable('planted bug in linking the identity', 'EmailUndeliverable');
      return real.linkChildIdentity(input);
    },
  };
}

let stack: JourneyStack;
let adminKey: string;
let adminEmail: string;

beforeAll(async () => {
  stack = await startJourneyStack({ adaptActivities: withPlantedBug });
  const admin = await createStaffUser(stack.prisma, { role: 'ADMIN', name: 'Admin Disdikbud' });
  adminEmail = admin.email;
  ({ key: adminKey } = await createApiKey(stack.prisma, { name: 'admin (watchdog story)', role: 'ADMIN', scope: [] }));
});

afterAll(async () => {
  await stack?.temporal.schedule.getHandle(WATCHDOG_SCHEDULE_ID).delete().catch(() => undefined);
  await stack?.close();
});

const api = (path: string, key: string, init: RequestInit = {}) =>
  fetch(`${stack.apiUrl}${path}`, { ...init, headers: { ...init.headers, authorization: `Bearer ${key}`, 'content-type': 'application/json' } });

async function health(): Promise<HealthBody> {
  const response = await api('/api/v1/health/cases', adminKey);
  expect(response.status).toBe(200);
  return (await response.json()) as HealthBody;
}

function runWatchdog(): Promise<WatchdogSummary> {
  return stack.temporal.workflow.execute(caseWatchdogWorkflow, { workflowId: `case-watchdog-story-${Date.now()}`, taskQueue: stack.taskQueue });
}

const watchdogEmails = () => stack.sink.messages().filter((m) => m.to.includes(adminEmail) && m.subject.includes('Pengawas sistem'));

async function workflowStatus(caseId: string): Promise<string> {
  try {
    return (await stack.temporal.workflow.getHandle(caseId).describe()).status.name;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return 'MISSING';
    throw error;
  }
}

const openTaskOf = (caseId: string) => eventually(async () => stack.prisma.task.findFirst({ where: { caseId, status: 'OPEN' }, orderBy: { openedAt: 'asc' } }), `an open task of ${caseId}`, 60_000);

async function report(child: Person): Promise<string> {
  const { status, body } = await stack.coordinator.reportChild(reportOf(child));
  expect(status).toBe(201);
  return body.caseId;
}

describe('The watchdog', () => {
  const cases = { failed: '', terminated: '', missing: '', orphanedTask: '' };
  let orphanedTaskId = '';

  it('finds a failed, a terminated and a vanished workflow and a task whose officer left, and tells the admin once', async () => {
    const used = new Set<string>();
    const pick = (where: (p: Person) => boolean) => {
      const child = stack.simulators.population.findChild((p) => where(p) && !used.has(p.nik));
      if (!child) throw new Error('no child left in the population');
      used.add(child.nik);
      return child;
    };
    const inSangattaUtara = (p: Person) => p.kecamatanCode === '640804';

    // A case whose workflow Temporal no longer has (its history was deleted): the row stays, an hour old.
    // Temporal deletes in the background, which takes up to a minute, so this one is planted first.
    cases.missing = await report(pick(inSangattaUtara));
    await openTaskOf(cases.missing);
    await stack.temporal.workflow.getHandle(cases.missing).terminate('planted: about to be deleted');
    await stack.temporal.workflowService.deleteWorkflowExecution({ namespace: 'default', workflowExecution: { workflowId: cases.missing } });
    await stack.prisma.$executeRaw`UPDATE cases SET updated_at = now() - interval '1 hour' WHERE id = ${cases.missing}`;

    // A bug in an activity fails one case's workflow.
    const failing = pick(inSangattaUtara);
    buggyCases.add(caseIdFor(identityKeys({ ...failing, kecamatan: failing.kecamatanCode }, stack.caseKeySecret)));
    cases.failed = await report(failing);
    await eventually(async () => (await workflowStatus(cases.failed)) === 'FAILED', 'the buggy case to fail');

    // An operator terminates a case that waits on its home visit.
    cases.terminated = await report(pick(inSangattaUtara));
    await openTaskOf(cases.terminated);
    await stack.temporal.workflow.getHandle(cases.terminated).terminate('planted: terminated by an operator');


    // The officer holding an open task is deactivated in the directory.
    cases.orphanedTask = await report(pick((p) => !inSangattaUtara(p)));
    const task = (await openTaskOf(cases.orphanedTask))!;
    orphanedTaskId = task.taskId;
    const deactivated = await api(`/api/v1/admin/officers/${encodeURIComponent(task.assigneeId)}`, adminKey, { method: 'PATCH', body: JSON.stringify({ active: false }) });
    expect(deactivated.status).toBe(200);

    await eventually(async () => (await workflowStatus(cases.missing)) === 'MISSING', 'the deleted workflow to be gone', 150_000);

    // The hourly schedule starts the watchdog; here it is triggered at once.
    expect(await ensureWatchdogSchedule(stack.temporal, { cron: '0 0 1 1 *', timezone: 'Asia/Makassar', taskQueue: stack.taskQueue })).toMatch(/created|updated/);
    const schedule = stack.temporal.schedule.getHandle(WATCHDOG_SCHEDULE_ID);
    await schedule.trigger();
    const scheduledRun = await eventually(async () => (await schedule.describe()).info.recentActions.at(-1)?.action.workflow.workflowId, 'the scheduled watchdog run');
    const first = (await stack.temporal.workflow.getHandle(scheduledRun).result()) as WatchdogSummary;
    expect(first).toMatchObject({ checked: 4, found: 4 });

    const found = await health();
    expect(found.open).toBe(4);
    expect(found.violations.map((v) => [v.caseId, v.kind, v.repair]).sort()).toEqual(
      [
        [cases.failed, 'WORKFLOW_FAILED', 'RESET'],
        [cases.terminated, 'WORKFLOW_TERMINATED', 'RESET'],
        [cases.missing, 'WORKFLOW_MISSING', 'RESTART'],
        [cases.orphanedTask, 'TASK_WITHOUT_ASSIGNEE', 'REASSIGN'],
      ].sort(),
    );
    expect(found.violations.find((v) => v.kind === 'TASK_WITHOUT_ASSIGNEE')?.subject).toBe(orphanedTaskId);

    const dashboard = (await (await api('/api/v1/dashboard', adminKey)).json()) as { caseHealth: { cases: number; violations: number } };
    expect(dashboard.caseHealth).toEqual({ cases: 4, violations: 4 });

    const email = await eventually(() => watchdogEmails()[0], 'the admin email');
    for (const caseId of Object.values(cases)) expect(email.text).toContain(caseId);
    expect(email.subject).toContain('4 masalah');
  });

  it('records the same violations again on the next run without a second email', async () => {
    const second = await runWatchdog();
    expect(second).toMatchObject({ found: 4, resolved: 0, emailed: 0 });
    expect((await health()).open).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(watchdogEmails()).toHaveLength(1);
  });

  it('shows the findings to admins and auditors only', async () => {
    const { key: coordinatorKey } = await createApiKey(stack.prisma, { name: 'coordinator (watchdog story)', role: 'COORDINATOR', scope: [] });
    expect((await api('/api/v1/health/cases', coordinatorKey)).status).toBe(403);
    const { key: auditorKey } = await createApiKey(stack.prisma, { name: 'auditor (watchdog story)', role: 'AUDITOR', scope: [] });
    expect((await api('/api/v1/health/cases', auditorKey)).status).toBe(200);
    const violation = (await health()).violations[0]!;
    expect((await api(`/api/v1/health/cases/violations/${violation.id}/repair`, auditorKey, { method: 'POST', body: '{}' })).status).toBe(403);
  });

  it('repairs each case from the API, writes the repair to its history, and the next run finds nothing', async () => {
    const byKind = new Map((await health()).violations.map((v) => [v.kind, v]));
    const repair = async (kind: string) => {
      const response = await api(`/api/v1/health/cases/violations/${byKind.get(kind)!.id}/repair`, adminKey, { method: 'POST', body: '{}' });
      const body = (await response.json()) as { action: string; runId?: string; toOfficerId?: string };
      expect(response.status, JSON.stringify(body)).toBe(200);
      return body;
    };

    // The bug is fixed, then the failed case runs again from before the failing step and goes on to its first task.
    buggyCases.clear();
    expect((await repair('WORKFLOW_FAILED')).action).toBe('RESET');
    await openTaskOf(cases.failed);

    // The terminated case runs again from its last step: it waits on the same home-visit task, whose link still works.
    const waitingTask = await stack.prisma.task.findFirstOrThrow({ where: { caseId: cases.terminated, status: 'OPEN' } });
    expect((await repair('WORKFLOW_TERMINATED')).action).toBe('RESET');
    expect(await workflowStatus(cases.terminated)).toBe('RUNNING');
    await eventually(async () => {
      const view = await stack.temporal.workflow.getHandle(cases.terminated).query<{ tasks: { taskId: string; status: string }[] }>('getCase');
      return view.tasks.some((t) => t.taskId === waitingTask.taskId && t.status === 'OPEN');
    }, 'the reset case to hold its task again');

    // The vanished case starts a fresh run from the report it was opened with; the dead run's task is cancelled.
    const staleTask = await stack.prisma.task.findFirstOrThrow({ where: { caseId: cases.missing, status: 'OPEN' } });
    expect((await repair('WORKFLOW_MISSING')).action).toBe('RESTART');
    await eventually(async () => (await stack.prisma.task.findFirst({ where: { caseId: cases.missing, status: 'OPEN', taskId: { endsWith: '-run2' } } })) !== null, 'the fresh run to open its task', 60_000);
    expect((await stack.prisma.task.findUniqueOrThrow({ where: { id: staleTask.id } })).status).toBe('CANCELLED');

    // The orphaned task goes to an active officer through the ordinary reassignment.
    const reassigned = await repair('TASK_WITHOUT_ASSIGNEE');
    expect(reassigned.action).toBe('REASSIGN');
    const task = await stack.prisma.task.findUniqueOrThrow({ where: { caseId_taskId: { caseId: cases.orphanedTask, taskId: orphanedTaskId } }, include: { assignee: true } });
    expect(task).toMatchObject({ status: 'OPEN', assigneeId: reassigned.toOfficerId, assignee: { active: true } });

    for (const caseId of Object.values(cases)) {
      const repairs = await stack.prisma.caseEvent.findMany({ where: { caseId, type: 'CASE_REPAIRED' } });
      expect(repairs, caseId).toHaveLength(1);
      expect(repairs[0]!.actorKind).toBe('STAFF');
    }

    const third = await runWatchdog();
    expect(third).toMatchObject({ checked: 4, found: 0, resolved: 4, emailed: 0 });
    expect(await health()).toMatchObject({ open: 0, cases: 0, violations: [] });
    const dashboard = (await (await api('/api/v1/dashboard', adminKey)).json()) as { caseHealth: { cases: number } };
    expect(dashboard.caseHealth.cases).toBe(0);
    expect(await stack.prisma.caseHealthViolation.count({ where: { resolvedAt: { not: null } } })).toBe(4);
    expect(watchdogEmails()).toHaveLength(1);
  });
});
