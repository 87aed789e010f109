import { CancellationScope, proxyActivities, type RetryPolicy } from '@temporalio/workflow';
import type { CaseActivities } from '../activities/contract.js';

/** The longest one attempt of any activity may take. */
const ACTIVITY_ATTEMPT_TIMEOUT = '30 seconds';

/**
 * The database and the mail server get five quick tries (about fifteen seconds); after that the case
 * waits for them durably and visibly (see system-faults.ts).
 */
const RECORD_KEEPING_RETRY: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumAttempts: 5 };

/** A registry gets a few quick tries; after that the case waits for it durably (see registry-call.ts). */
const REGISTRY_RETRY: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumAttempts: 3 };

/** While a registry is down the case tries again after 1 minute, then 2, 4, … but never waits longer than an hour. */
export const REGISTRY_OUTAGE_FIRST_WAIT_MS = 60_000;
export const REGISTRY_OUTAGE_MAX_WAIT_MS = 3_600_000;

const recordKeeping = proxyActivities<CaseActivities>({
  startToCloseTimeout: ACTIVITY_ATTEMPT_TIMEOUT,
  retry: RECORD_KEEPING_RETRY,
});

const registryCalls = proxyActivities<CaseActivities>({
  startToCloseTimeout: ACTIVITY_ATTEMPT_TIMEOUT,
  retry: REGISTRY_RETRY,
});

/** Registry look-ups stop at once when the case is closed: their answer no longer matters. */
export const registries = {
  verifyIdentity: registryCalls.verifyIdentity,
  checkWelfare: registryCalls.checkWelfare,
  checkSchoolRoll: registryCalls.checkSchoolRoll,
};

/**
 * Record-keeping runs to the end even while the case is being closed, so the audit log, the task table
 * and the officers' mailboxes never see half of a step.
 */
function toTheEnd<A extends unknown[], R>(activity: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return (...args) => CancellationScope.nonCancellable(() => activity(...args));
}

export const records = {
  openTask: toTheEnd(recordKeeping.openTask),
  sendTaskEmail: toTheEnd(recordKeeping.sendTaskEmail),
  moveTask: toTheEnd(recordKeeping.moveTask),
  closeTask: toTheEnd(recordKeeping.closeTask),
  notifyCaseClosed: toTheEnd(recordKeeping.notifyCaseClosed),
  recordCaseEvent: toTheEnd(recordKeeping.recordCaseEvent),
  linkChildIdentity: toTheEnd(recordKeeping.linkChildIdentity),
  planMonitoring: toTheEnd(recordKeeping.planMonitoring),
  reportCaseNeedsAttention: toTheEnd(recordKeeping.reportCaseNeedsAttention),
  clearCaseNeedsAttention: toTheEnd(recordKeeping.clearCaseNeedsAttention),
};
