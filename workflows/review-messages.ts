import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../domain/case.js';
import type { ReviewDecision, ReviewOutcome, ReviewView, WaitingReport } from '../domain/duplicate-review.js';

/** A coordinator merges the report into a candidate case or keeps it apart; answers once the decision is carried out. */
export const decideReviewUpdate = defineUpdate<ReviewOutcome, [ReviewDecision, Actor]>('decideDuplicateReview');

/** Another report of the same child (same identity key) arrived while the review waits: it follows the decision too. */
export const addReportToReviewSignal = defineSignal<[WaitingReport]>('addReportToReview');

export const getReviewQuery = defineQuery<ReviewView>('getDuplicateReview');

export const DUPLICATE_REVIEW_WORKFLOW_TYPE = 'duplicateReviewWorkflow';
