import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { WatchdogActivities, WatchdogSummary } from './watchdog-messages.js';

const watchdog = proxyActivities<WatchdogActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
});

/**
 * One pass over every open case: a page of cases at a time is checked against Temporal (a running
 * workflow, an owner, a next deadline), then what was not seen again is resolved and the admins hear of
 * what is new. Pages are a few hundred cases, so ten thousand open cases are a few dozen activities.
 */
export async function caseWatchdogWorkflow(): Promise<WatchdogSummary> {
  const seenAt = Date.now();
  let after: string | undefined;
  let checked = 0;
  let found = 0;
  do {
    const page = await watchdog.checkCasePage({ ...(after === undefined ? {} : { after }), seenAt });
    checked += page.checked;
    found += page.found;
    after = page.nextAfter;
  } while (after !== undefined);
  const { resolved } = await watchdog.resolveUnseenViolations({ seenAt });
  const { emailed } = await watchdog.notifyAdminsOfViolations({ runId: workflowInfo().workflowId });
  return { checked, found, resolved, emailed };
}
