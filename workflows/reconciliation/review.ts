import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import type { Actor } from '../../domain/case.js';
import { type CandidateDecision, type CandidateOutcome, candidateDecisionSchema } from '../../domain/reconciliation.js';
import { fieldErrors } from '../../domain/validation.js';
import { formRejection } from '../messages.js';
import { records } from './activities.js';
import { type CandidateReviewInput, decideCandidateUpdate, REVIEW_REJECTIONS } from './messages.js';

/**
 * The coordinator's review of one candidate: it waits for the decision, which arrives as an update
 * whose validator refuses a malformed or second decision, and carries it out.
 */
export async function candidateReviewWorkflow({ candidateId }: CandidateReviewInput): Promise<CandidateOutcome> {
  const review: { decided?: { decision: CandidateDecision; actor: Actor; at: number }; outcome?: CandidateOutcome } = {};

  setHandler(
    decideCandidateUpdate,
    async (decision, actor) => {
      review.decided = { decision: candidateDecisionSchema.parse(decision), actor, at: Date.now() };
      await condition(() => review.outcome !== undefined);
      return review.outcome!;
    },
    {
      validator: (decision, _actor) => {
        if (review.decided) throw new Error(REVIEW_REJECTIONS.ALREADY_DECIDED);
        const parsed = candidateDecisionSchema.safeParse(decision);
        if (!parsed.success) throw formRejection(fieldErrors(parsed.error));
      },
    },
  );

  await condition(() => review.decided !== undefined);
  const { decision, actor, at } = review.decided!;
  review.outcome = await records.applyCandidateDecision({ candidateId, decision, actor, decidedAt: at });
  await condition(allHandlersFinished);
  return review.outcome;
}
