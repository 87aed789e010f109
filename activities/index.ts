import { caseAliasActivities } from './case-aliases.js';
import { caseAttentionActivities } from './case-attention.js';
import { caseClosedEmailActivities } from './case-closed-email.js';
import { caseEventActivities } from './case-events.js';
import type { CaseActivities } from './contract.js';
import type { ActivityDeps } from './deps.js';
import { identityActivities } from './identity.js';
import { taskEmailActivities } from './task-email.js';
import { taskActivities } from './tasks.js';
import { schoolRollActivities } from './school-roll.js';
import { welfareActivities } from './welfare.js';

export type { ActivityDeps, ActivitySettings } from './deps.js';

/** The case workflow's activities, bound to the clients they use (Temporal's dependency-injection pattern). */
export function createActivities(deps: ActivityDeps): CaseActivities {
  return {
    ...identityActivities(deps),
    ...welfareActivities(deps),
    ...taskActivities(deps),
    ...taskEmailActivities(deps),
    ...caseClosedEmailActivities(deps),
    ...caseEventActivities(deps),
    ...caseAliasActivities(deps),
    ...schoolRollActivities(deps),
    ...caseAttentionActivities(deps),
  };
}
