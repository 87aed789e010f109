import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { ReviewActivities } from '../activities/reviews/contract.js';
import type { Actor } from '../domain/case.js';
import {
  REVIEW_REJECTIONS,
  reviewDecisionSchema,
  type DuplicateReviewInput,
  type ReviewDecision,
  type ReviewOutcome,
  type ReviewView,
  type WaitingReport,
} from '../domain/duplicate-review.js';
import { fieldErrors } from '../domain/validation.js';
import { formRejection } from './messages.js';
import { addReportToReviewSignal, decideReviewUpdate, getReviewQuery } from './review-messages.js';

const acts = proxyActivities<ReviewActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

interface Decided extends ReviewDecision {
  actor: Actor;
  at: number;
}

/**
 * A report that may be a child who already has a case waits for the coordinator: they are told, reminded
 * before the deadline and the head hears of it after; once they decide, the report joins the chosen case
 * or starts its own, and the decision goes into the audit log of every case it touches.
 */
export async function duplicateReviewWorkflow(input: DuplicateReviewInput): Promise<ReviewOutcome> {
  const candidateCaseIds = input.candidates.map((candidate) => candidate.caseId);
  const state: { decided?: Decided; outcome?: ReviewOutcome; dueAt?: number; remindersSent: number; escalationsSent: number } = {
    remindersSent: 0,
    escalationsSent: 0,
  };
  // The same report sent again (a retried request, a file uploaded twice) is the one already here.
  const waiting: WaitingReport[] = [];
  const known = new Set([canonical(input.report)]);
  setHandler(addReportToReviewSignal, (further) => {
    const text = canonical(further.report);
    if (known.has(text)) return;
    known.add(text);
    waiting.push(further);
  });

  setHandler(getReviewQuery, (): ReviewView => ({
    reviewId: input.reviewId,
    status: state.outcome?.status ?? 'PENDING',
    candidateCaseIds,
    ...(state.dueAt === undefined ? {} : { dueAt: state.dueAt }),
    remindersSent: state.remindersSent,
    escalationsSent: state.escalationsSent,
    waitingReports: waiting.length,
    ...(state.outcome ? { outcome: state.outcome } : {}),
  }));
  setHandler(
    decideReviewUpdate,
    async (decision, actor) => {
      state.decided = { ...reviewDecisionSchema.parse(decision), actor, at: Date.now() };
      await condition(() => state.outcome !== undefined);
      return state.outcome!;
    },
    {
      validator: (decision, _actor) => {
        if (state.decided) throw new Error(REVIEW_REJECTIONS.ALREADY_DECIDED);
        const parsed = reviewDecisionSchema.safeParse(decision);
        if (!parsed.success) throw formRejection(fieldErrors(parsed.error));
        if (parsed.data.decision === 'MERGE' && !candidateCaseIds.includes(parsed.data.caseId!)) {
          throw formRejection([{ field: 'caseId', message: REVIEW_REJECTIONS.NOT_A_CANDIDATE }]);
        }
      },
    },
  );

  const opened = await acts.openReview({ reviewId: input.reviewId, kecamatan: input.kecamatan, desa: input.desa, openedAt: Date.now() });
  state.dueAt = opened.dueAt;
  for (const [step, rung] of opened.ladder.entries()) {
    if (await condition(() => state.decided !== undefined, Math.max(rung.at - Date.now(), 1))) break;
    const { sent } = await acts.sendReviewEmail({ reviewId: input.reviewId, kind: rung.kind, step, recipientOfficerId: rung.recipientOfficerId });
    if (sent && rung.kind === 'REMINDER') state.remindersSent++;
    if (sent && rung.kind === 'ESCALATION') state.escalationsSent++;
  }
  await condition(() => state.decided !== undefined);
  const decision = state.decided!;

  const { caseId } = await acts.fileReviewedReport({
    reviewId: input.reviewId,
    decision: decision.decision,
    ...(decision.decision === 'MERGE' ? { caseId: decision.caseId! } : {}),
    report: input.report,
    reportedBy: input.reportedBy,
    requestId: input.requestId,
  });
  await acts.recordReviewDecision({
    reviewId: input.reviewId,
    decision: decision.decision,
    caseId,
    candidateCaseIds,
    decidedBy: decision.actor,
    decidedAt: decision.at,
    note: decision.note,
  });
  // Further reports of the child join the case the decision chose or started, even those arriving meanwhile.
  for (let filed = 0; filed < waiting.length; filed++) {
    const further = waiting[filed]!;
    await acts.fileReviewedReport({ reviewId: input.reviewId, decision: 'MERGE', caseId, ...further });
  }
  state.outcome = { reviewId: input.reviewId, status: decision.decision === 'MERGE' ? 'MERGED' : 'KEPT_APART', caseId };
  await condition(allHandlersFinished);
  return state.outcome;
}

/** JSON with sorted keys: the review's own report comes back from the database with its keys in another order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
