import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { CASE_WORKFLOW_TYPE } from '../../use-cases/intake.js';
import { type CaseObservation, nextRollCheck, type WorkflowState } from '../../domain/case-health.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { getCaseQuery } from '../../workflows/messages.js';

/** How long the watchdog waits for a case workflow to answer its query; a busy worker is not a finding. */
const QUERY_TIMEOUT_MS = 10_000;
/** Workflows asked at once; each may replay its history on the worker. */
const QUERY_CONCURRENCY = 4;

export interface OpenCasePage {
  observations: CaseObservation[];
  lastCaseId?: string;
}

/**
 * One page of open cases as they stand in the read model and in Temporal. Temporal is asked as little as
 * it can be: one visibility query for the whole page, a describe only for the cases it does not list as
 * running (visibility lags a little; describe does not), and a query of the workflow only for a running
 * case with no open task outside the monitoring, whose next step only the workflow knows.
 */
export async function observeOpenCases(
  deps: { prisma: PrismaClient; temporal: Client },
  page: { after?: string; size: number },
): Promise<OpenCasePage> {
  const { prisma, temporal } = deps;
  const cases = await prisma.case.findMany({
    where: { stage: { not: 'CLOSED' }, ...(page.after === undefined ? {} : { id: { gt: page.after } }) },
    orderBy: { id: 'asc' },
    take: page.size,
    select: {
      id: true, stage: true, kecamatan: true, updatedAt: true,
      tasks: { where: { status: 'OPEN' }, select: { taskId: true, type: true, dueAt: true, assigneeId: true, assignee: { select: { active: true } } } },
    },
  });
  if (cases.length === 0) return { observations: [] };

  const [workflows, coordinatorAreas, rollChecks] = await Promise.all([
    workflowStates(temporal, cases.map((c) => c.id)),
    activeCoordinatorAreas(prisma),
    nextRollChecks(prisma, cases.filter((c) => c.stage === 'MONITORING' && c.tasks.length === 0).map((c) => c.id)),
  ]);

  const observations: CaseObservation[] = cases.map((c) => ({
    caseId: c.id,
    stage: c.stage,
    kecamatan: c.kecamatan,
    updatedAt: c.updatedAt,
    workflow: workflows.get(c.id) ?? { status: 'MISSING' },
    openTasks: c.tasks.map((t) => ({ taskId: t.taskId, type: t.type, assigneeId: t.assigneeId, assigneeActive: t.assignee.active, dueAt: t.dueAt })),
    coordinatorCovers: coordinatorAreas.has(null) || coordinatorAreas.has(c.kecamatan),
    ...(rollChecks.has(c.id) ? { nextWakeAt: rollChecks.get(c.id)! } : {}),
  }));
  const askWorkflow = observations.filter((o) => o.workflow.status === 'RUNNING' && o.openTasks.length === 0 && o.nextWakeAt === undefined);
  await inBatches(askWorkflow, QUERY_CONCURRENCY, async (o) => Object.assign(o, await nextStepOf(temporal, o.caseId)));
  return { observations, lastCaseId: cases.at(-1)!.id };
}

/** The latest run of each case's workflow: from visibility, confirmed by describe where visibility does not show it running. */
async function workflowStates(temporal: Client, caseIds: string[]): Promise<Map<string, WorkflowState>> {
  const runs = new Map<string, { state: WorkflowState; startedAt: number }>();
  const ids = caseIds.filter((id) => /^[A-Za-z0-9_-]+$/.test(id));
  const query = `WorkflowType = '${CASE_WORKFLOW_TYPE}' AND WorkflowId IN (${ids.map((id) => `'${id}'`).join(', ')})`;
  for await (const info of temporal.workflow.list({ query, pageSize: 1000 })) {
    const state = stateOf(info.status.name, info.runId);
    const startedAt = info.startTime.getTime();
    const known = runs.get(info.workflowId);
    // A running run wins; among closed runs, the latest.
    if (!known || (known.state.status !== 'RUNNING' && (state.status === 'RUNNING' || startedAt > known.startedAt))) {
      runs.set(info.workflowId, { state, startedAt });
    }
  }
  const states = new Map<string, WorkflowState>();
  await inBatches(caseIds, QUERY_CONCURRENCY, async (caseId) => {
    const listed = runs.get(caseId)?.state;
    states.set(caseId, listed?.status === 'RUNNING' ? listed : await describedState(temporal, caseId));
  });
  return states;
}

async function describedState(temporal: Client, caseId: string): Promise<WorkflowState> {
  try {
    const description = await temporal.workflow.getHandle(caseId).describe();
    return stateOf(description.status.name, description.runId);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return { status: 'MISSING' };
    throw error;
  }
}

function stateOf(status: string, runId: string): WorkflowState {
  switch (status) {
    case 'RUNNING':
    case 'FAILED':
    case 'TERMINATED':
    case 'COMPLETED':
    case 'CANCELLED':
    case 'TIMED_OUT':
    case 'CONTINUED_AS_NEW':
      return { status, runId };
    default:
      return { status: 'MISSING' };
  }
}

/** Kecamatan codes an active Disdikbud coordinator covers; null stands for the whole district. */
async function activeCoordinatorAreas(prisma: PrismaClient): Promise<Set<string | null>> {
  const coordinators = await prisma.officer.findMany({ where: { agency: 'DISDIKBUD', role: 'COORDINATOR', active: true }, select: { kecamatan: true } });
  return new Set(coordinators.map((c) => c.kecamatan));
}

/** The next roll check of monitored cases, from their audit events: one query for the page, no workflow replayed. */
async function nextRollChecks(prisma: PrismaClient, caseIds: string[]): Promise<Map<string, Date>> {
  if (caseIds.length === 0) return new Map();
  const events = await prisma.caseEvent.findMany({
    where: { caseId: { in: caseIds }, type: { in: ['ENROLMENT_CONFIRMED', 'SCHOOL_ROLL_CHECKED'] } },
    orderBy: [{ caseId: 'asc' }, { sequence: 'asc' }],
    select: { caseId: true, type: true, data: true },
  });
  const next = new Map<string, Date>();
  for (const caseId of caseIds) {
    const due = nextRollCheck(events.filter((e) => e.caseId === caseId));
    if (due) next.set(caseId, due);
  }
  return next;
}

/** What only the workflow knows of a case without an open task: the next attempt it waits for, or that it is at work. */
async function nextStepOf(temporal: Client, caseId: string): Promise<Pick<CaseObservation, 'nextWakeAt' | 'inMotion'>> {
  const handle = temporal.workflow.getHandle(caseId);
  try {
    const view = await temporal.withDeadline(Date.now() + QUERY_TIMEOUT_MS, () => handle.query(getCaseQuery));
    const waitingUntil = (view.waitingFor as { nextAttemptAt?: string } | undefined)?.nextAttemptAt;
    const nextCheck = view.monitoring?.checks.find((check) => check.checkedAt === undefined)?.dueAt;
    const wake = waitingUntil ?? nextCheck;
    if (wake) return { nextWakeAt: new Date(wake) };
    const { raw } = await handle.describe();
    return { inMotion: (raw.pendingActivities?.length ?? 0) > 0 || Boolean(raw.pendingWorkflowTask) };
  } catch {
    // A workflow that cannot answer now (a busy worker, a replay under way) is not found wanting for that.
    return { inMotion: true };
  }
}

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}
