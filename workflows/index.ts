/** The workflow bundle's entry: workflow functions only. */
export { childCaseWorkflow } from './case-workflow.js';
export { duplicateReviewWorkflow } from './duplicate-review.js';
export { reconciliationWorkflow } from './reconciliation/run.js';
export { kecamatanReconciliationWorkflow } from './reconciliation/kecamatan.js';
export { candidateReviewWorkflow } from './reconciliation/review.js';
export { importWorkflow } from './import-workflow.js';
export { caseWatchdogWorkflow } from './watchdog.js';
