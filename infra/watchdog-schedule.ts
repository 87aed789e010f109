import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy, type ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import type { Env } from '../config/env.js';
import { WATCHDOG_SCHEDULE_ID, WATCHDOG_WORKFLOW_ID_PREFIX, WATCHDOG_WORKFLOW_TYPE, type WatchdogSummary } from '../workflows/watchdog-messages.js';

type WatchdogWorkflow = () => Promise<WatchdogSummary>;

export interface WatchdogScheduleSettings {
  /** A cron expression of five fields (WATCHDOG_SCHEDULE), or `off`. */
  cron: string;
  timezone: string;
  taskQueue: string;
}

export function watchdogScheduleSettings(env: Pick<Env, 'WATCHDOG_SCHEDULE' | 'RECONCILIATION_TIMEZONE' | 'TEMPORAL_TASK_QUEUE'>): WatchdogScheduleSettings {
  return { cron: env.WATCHDOG_SCHEDULE, timezone: env.RECONCILIATION_TIMEZONE, taskQueue: env.TEMPORAL_TASK_QUEUE };
}

/** What the schedule starts: one pass of the watchdog over every open case, named after the schedule's run time. */
export function watchdogAction(taskQueue: string): ScheduleOptionsStartWorkflowAction<WatchdogWorkflow> {
  return { type: 'startWorkflow', workflowType: WATCHDOG_WORKFLOW_TYPE, workflowId: WATCHDOG_WORKFLOW_ID_PREFIX, taskQueue, args: [] };
}

/**
 * Creates the watchdog's schedule, or brings an existing one to the configured time and task queue, as
 * the reconciliation's schedule is kept (infra/reconciliation-schedule.ts). A pass still running when the
 * next is due makes the next one skip; a missed pass is caught up within an hour, once.
 * With `off` the worker leaves the schedule alone: none is created, an existing one stays (pause or delete it in the Temporal UI).
 */
export async function ensureWatchdogSchedule(client: Client, settings: WatchdogScheduleSettings): Promise<'created' | 'updated' | 'off'> {
  if (settings.cron === 'off') return 'off';
  const spec = { cronExpressions: [settings.cron], timezone: settings.timezone };
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour', pauseOnFailure: false };
  try {
    await client.schedule.create({ scheduleId: WATCHDOG_SCHEDULE_ID, spec, action: watchdogAction(settings.taskQueue), policies });
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  await client.schedule.getHandle(WATCHDOG_SCHEDULE_ID).update((previous) => ({ ...previous, spec, action: watchdogAction(settings.taskQueue), policies }));
  return 'updated';
}
