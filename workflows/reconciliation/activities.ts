import { proxyActivities, type RetryPolicy } from '@temporalio/workflow';
import type { ReconciliationActivities } from '../../activities/reconciliation/contract.js';

/**
 * A registry page gets a few minutes of retries (5 s, 10 s, 20 s, 40 s, then each minute); if the registry
 * is still down the kecamatan stops with a registry error and the run goes on with the others.
 */
export const REGISTRY_PAGE_RETRY: RetryPolicy = { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 6 };

/** The database: retried until it answers. */
const RECORD_KEEPING_RETRY: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' };

/**
 * A page holds up to a thousand records and a look-up in Dapodik for each child missing from it; it
 * heartbeats as it goes, so a page whose worker died is taken up again within the heartbeat timeout.
 */
export const registryPages = proxyActivities<ReconciliationActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '20 seconds',
  retry: REGISTRY_PAGE_RETRY,
});

export const records = proxyActivities<ReconciliationActivities>({
  startToCloseTimeout: '1 minute',
  retry: RECORD_KEEPING_RETRY,
});

/** The coordinator's email is a courtesy: the candidates wait on the staff page whether or not it arrives. */
export const courtesy = proxyActivities<ReconciliationActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumAttempts: 5 },
});
