import { coordinatorEmailActivities } from './coordinator-email.js';
import type { ReconciliationActivities } from './contract.js';
import { decisionActivities } from './decisions.js';
import type { ReconciliationDeps } from './deps.js';
import { residentActivities } from './residents.js';
import { reviewLadderActivities } from './review-ladder.js';
import { rollActivities } from './roll.js';
import { runActivities } from './runs.js';
import { welfareOutreachActivities } from './welfare-outreach.js';

export type { ReconciliationDeps, ReconciliationSettings } from './deps.js';

/** The reconciliation's activities, bound to the clients they use (registered beside the case activities). */
export function createReconciliationActivities(deps: ReconciliationDeps): ReconciliationActivities {
  return {
    ...runActivities(deps),
    ...rollActivities(deps),
    ...residentActivities(deps),
    ...coordinatorEmailActivities(deps),
    ...decisionActivities(deps),
    ...reviewLadderActivities(deps),
    ...welfareOutreachActivities(deps),
  };
}
