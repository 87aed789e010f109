/** The workflow bundle's entry: workflow functions only. */
export { childCaseWorkflow } from './case-workflow.js';
export { duplicateReviewWorkflow } from './duplicate-review.js';
