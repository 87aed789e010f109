import { ApplicationFailure } from '@temporalio/common';
import type { CandidateOutcome } from '../../domain/reconciliation.js';
import { startCaseFor } from './candidates.js';
import type { ReconciliationActivities } from './contract.js';
import type { ReconciliationDeps } from './deps.js';

const DAY_MS = 86_400_000;

export function decisionActivities(deps: ReconciliationDeps): Pick<ReconciliationActivities, 'applyCandidateDecision'> {
  const { prisma, settings } = deps;
  return {
    /** Carried out once: a candidate already decided answers with what its decision did. */
    async applyCandidateDecision({ candidateId, decision, actor, decidedAt }) {
      const candidate = await prisma.reconciliationCandidate.findUnique({ where: { id: candidateId } });
      if (!candidate) throw ApplicationFailure.nonRetryable('the candidate does not exist', 'CandidateNotFound');
      if (candidate.status !== 'OPEN') return outcomeOf(candidate);

      const at = new Date(decidedAt);
      if (decision.decision === 'START_CASE') {
        return startCaseFor(deps, { ...candidate, ...(decision.note ? { note: decision.note } : {}) }, actor, at);
      }
      // Dismissed, the child no longer holds the open key: once the dismissal lapses, a later run may raise them again.
      await prisma.reconciliationCandidate.update({
        where: { id: candidateId },
        data: {
          status: 'DISMISSED',
          openNikHash: null,
          dismissReason: decision.reason,
          note: decision.note ?? null,
          dismissedUntil: new Date(at.getTime() + settings.dismissalDays * DAY_MS),
          decidedAt: at,
          decidedBy: `${actor.kind}:${actor.id}`,
        },
      });
      return { status: 'DISMISSED' };
    },
  };
}

function outcomeOf(candidate: { status: string; caseId: string | null; reviewId: string | null }): CandidateOutcome {
  if (candidate.status === 'CASE_STARTED' && candidate.caseId) return { status: 'CASE_STARTED', caseId: candidate.caseId };
  if (candidate.status === 'CASE_IN_REVIEW' && candidate.reviewId) return { status: 'CASE_IN_REVIEW', reviewId: candidate.reviewId };
  return { status: 'DISMISSED' };
}
