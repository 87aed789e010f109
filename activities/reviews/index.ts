import type { ReviewActivities } from './contract.js';
import { reviewDecisionActivities } from './decision.js';
import type { ReviewActivityDeps } from './deps.js';
import { reviewEmailActivities } from './review-emails.js';

export type { ReviewActivities } from './contract.js';
export type { ReviewActivityDeps } from './deps.js';

/** The duplicate review workflow's activities, bound to the clients they use. */
export function createReviewActivities(deps: ReviewActivityDeps): ReviewActivities {
  return { ...reviewEmailActivities(deps), ...reviewDecisionActivities(deps) };
}
