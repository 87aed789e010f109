import { allHandlersFinished, condition, patched, setHandler } from '@temporalio/workflow';
import type { Actor } from '../../domain/case.js';
import { type CandidateDecision, type CandidateOutcome, candidateDecisionSchema } from '../../domain/reconciliation.js';
import { fieldErrors } from '../../domain/validation.js';
import { formRejection } from '../messages.js';
import { courtesy, records } from './activities.js';
import { type CandidateReviewInput, decideCandidateUpdate, REVIEW_REJECTIONS } from './messages.js';

/**
 * The coordinator's review of one candidate: it gets a deadline, and while nobody decides the coordinator
 * is reminded before it and the head hears of it after. The decision arrives as an update whose validator
 * refuses a malformed or second decision; it stops the ladder and is carried out.
 */
export async function candidateReviewWorkflow({ candidateId, kecamatan }: CandidateReviewInput): Promise<CandidateOutcome> {
  const review: { decided?: { decision: CandidateDecision; actor: Actor; at: number }; outcome?: CandidateOutcome } = {};
  const decided = () => review.decided !== undefined;

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

  // Reviews opened before the ladder existed wait without one, as their histories recorded.
  if (patched('candidate-review-reminders')) {
    const { dueAt, ladder } = await records.openCandidateReview({ candidateId, kecamatan, openedAt: Date.now() });
    for (const rung of ladder) {
      if (await condition(decided, Math.max(rung.at - Date.now(), 1))) break;
      // A reminder lost to a mail outage is not worth holding up a decision arriving meanwhile.
      await courtesy.sendCandidateReviewEmail({ candidateId, kecamatan, dueAt, rung }).catch(() => undefined);
    }
  }
  await condition(decided);
  const { decision, actor, at } = review.decided!;
  review.outcome = await records.applyCandidateDecision({ candidateId, decision, actor, decidedAt: at });
  await condition(allHandlersFinished);
  return review.outcome;
}
