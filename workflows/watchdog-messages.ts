/** The watchdog's workflow type, schedule and activities (workflows/watchdog.ts, activities/watchdog/). */
export const WATCHDOG_WORKFLOW_TYPE = 'caseWatchdogWorkflow';
/** The Temporal Schedule that starts a watchdog run; created or updated when a worker starts. */
export const WATCHDOG_SCHEDULE_ID = 'ats-case-watchdog';
/** Scheduled runs' workflow id prefix; the schedule appends the run's time. */
export const WATCHDOG_WORKFLOW_ID_PREFIX = 'case-watchdog';

export interface WatchdogPage {
  /** Open cases checked in this page. */
  checked: number;
  /** Violations seen in this page (new and standing). */
  found: number;
  /** The last case id of the page, to start the next page after; absent when this was the last page. */
  nextAfter?: string;
}

export interface WatchdogSummary {
  checked: number;
  found: number;
  resolved: number;
  /** Admins emailed about violations first seen in this run (or not yet emailed). */
  emailed: number;
}

export interface WatchdogActivities {
  /**
   * Checks one page of open cases (ordered by id, after `after`) against Temporal and records what is
   * wrong: a new finding opens a violation first seen at `seenAt`, a standing one is marked seen again.
   */
  checkCasePage(input: { after?: string; seenAt: number }): Promise<WatchdogPage>;
  /** Resolves every open violation this run did not see again: its case is healthy now, or closed. */
  resolveUnseenViolations(input: { seenAt: number }): Promise<{ resolved: number }>;
  /** One email per admin listing the violations no email has told of yet; `runId` keys the emails, so a retry sends none twice. */
  notifyAdminsOfViolations(input: { runId: string }): Promise<{ emailed: number; violations: number }>;
}
