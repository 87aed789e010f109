import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy, type ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import type { Env } from '../config/env.js';
import {
  RECONCILIATION_SCHEDULE_ID,
  RECONCILIATION_WORKFLOW_ID_PREFIX,
  RECONCILIATION_WORKFLOW_TYPE,
  type ReconciliationInput,
} from '../workflows/reconciliation/messages.js';

type ReconciliationWorkflow = (input: ReconciliationInput) => Promise<unknown>;

export interface ReconciliationScheduleSettings {
  /** A cron expression of five fields (RECONCILIATION_SCHEDULE), or `off`. */
  cron: string;
  timezone: string;
  taskQueue: string;
}

export function scheduleSettings(env: Pick<Env, 'RECONCILIATION_SCHEDULE' | 'RECONCILIATION_TIMEZONE' | 'TEMPORAL_TASK_QUEUE'>): ReconciliationScheduleSettings {
  return { cron: env.RECONCILIATION_SCHEDULE, timezone: env.RECONCILIATION_TIMEZONE, taskQueue: env.TEMPORAL_TASK_QUEUE };
}

/** What the schedule starts: a reconciliation of every kecamatan, named after the schedule's run time. */
export function scheduledAction(taskQueue: string): ScheduleOptionsStartWorkflowAction<ReconciliationWorkflow> {
  return {
    type: 'startWorkflow',
    workflowType: RECONCILIATION_WORKFLOW_TYPE,
    workflowId: RECONCILIATION_WORKFLOW_ID_PREFIX,
    taskQueue,
    args: [{ trigger: 'SCHEDULE' }],
  };
}

/**
 * Creates the nightly schedule, or brings an existing one to the configured time and task queue, so
 * that every worker start leaves exactly one schedule as configured. A night's run that is still going
 * when the next is due makes the next one skip (overlap SKIP); a missed night is caught up within 6 hours.
 * With `off` the worker leaves the schedule alone: none is created, an existing one stays (pause or delete it in the Temporal UI).
 */
export async function ensureReconciliationSchedule(client: Client, settings: ReconciliationScheduleSettings): Promise<'created' | 'updated' | 'off'> {
  if (settings.cron === 'off') return 'off';
  const handle = client.schedule.getHandle(RECONCILIATION_SCHEDULE_ID);
  const spec = { cronExpressions: [settings.cron], timezone: settings.timezone };
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '6 hours', pauseOnFailure: false };
  try {
    await client.schedule.create({ scheduleId: RECONCILIATION_SCHEDULE_ID, spec, action: scheduledAction(settings.taskQueue), policies });
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  await handle.update((previous) => ({ ...previous, spec, action: scheduledAction(settings.taskQueue), policies }));
  return 'updated';
}
