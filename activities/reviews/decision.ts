import { ApplicationFailure } from '@temporalio/common';
import { REVIEW_EVENT_TYPES } from '../../domain/duplicate-review.js';
import { fileReport, startSeparateCase } from '../../use-cases/intake.js';
import { caseIdFor, identityKeys } from '../../infra/case-identity.js';
import { appendCaseEvent } from '../case-events.js';
import type { ReviewActivities } from './contract.js';
import type { ReviewActivityDeps } from './deps.js';

/**
 * Carrying out a coordinator's decision. MERGE: the report joins the chosen case through the case's own
 * `addReport` update (or reopens it, when it closed meanwhile), and the report's identity key becomes an
 * alias of that case, so later reports spelled this way join it directly. KEEP_APART: the report starts a
 * case of its own, whose identity key then finds it; the review row remembers the pair so the finder does
 * not propose it again. The decision, with who, when and why, goes into the audit log of every case it touches.
 */
export function reviewDecisionActivities(deps: ReviewActivityDeps): Pick<ReviewActivities, 'fileReviewedReport' | 'recordReviewDecision'> {
  const { prisma } = deps;
  return {
    async fileReviewedReport({ reviewId, decision, caseId, report, reportedBy, requestId }) {
      if (decision === 'MERGE') {
        if (!caseId) throw new Error('MERGE needs the chosen case');
        const filed = await fileReport(deps, caseId, report, reportedBy, `${reviewId}/merge/${requestId}`);
        return { caseId: filed.caseId };
      }
      const ownCaseId = caseIdFor(identityKeys(report.child, deps.caseKeySecret));
      await startSeparateCase(deps, ownCaseId, report, reportedBy);
      return { caseId: ownCaseId };
    },

    async recordReviewDecision({ reviewId, decision, caseId, candidateCaseIds, decidedBy, decidedAt, note }) {
      const review = await prisma.duplicateReview.findUniqueOrThrow({ where: { id: reviewId } });
      const actor = { kind: decidedBy.kind, id: decidedBy.id };
      const eventId = `${reviewId}/decision`;
      if (decision === 'MERGE') {
        await prisma.caseAlias.createMany({
          data: [{ keyHash: review.identityKeyHash, kind: 'NAME_BIRTHDATE_DESA', caseId }],
          skipDuplicates: true,
        });
        await appendCaseEvent(prisma, {
          caseId, eventId, type: REVIEW_EVENT_TYPES.MERGED, actor, occurredAt: decidedAt,
          data: { reviewId, decision, note, candidateCaseIds },
        });
      } else {
        await caseRecorded(prisma, caseId);
        await appendCaseEvent(prisma, {
          caseId, eventId, type: REVIEW_EVENT_TYPES.KEPT_APART, actor, occurredAt: decidedAt,
          data: { reviewId, decision, note, keptApartFrom: candidateCaseIds },
        });
        for (const candidate of candidateCaseIds) {
          await appendCaseEvent(prisma, {
            caseId: candidate, eventId, type: REVIEW_EVENT_TYPES.KEPT_APART, actor, occurredAt: decidedAt,
            data: { reviewId, decision, note, separateCaseId: caseId },
          });
        }
      }
      await prisma.duplicateReview.update({
        where: { id: reviewId },
        data: {
          status: decision === 'MERGE' ? 'MERGED' : 'KEPT_APART',
          decidedAt: new Date(decidedAt),
          decidedBy: decidedBy.id,
          decisionNote: note,
          resultCaseId: caseId,
        },
      });
    },
  };
}

/**
 * The new case writes its first event (and its row) itself, moments after it starts: wait for it here a
 * while, and past that fail so that Temporal retries later.
 */
async function caseRecorded(prisma: ReviewActivityDeps['prisma'], caseId: string): Promise<void> {
  for (let waited = 0; waited < CASE_ROW_WAIT_MS; waited += 250) {
    if ((await prisma.case.count({ where: { id: caseId } })) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw ApplicationFailure.retryable(`Case ${caseId} has not written its first event yet`, 'CaseNotYetRecorded');
}

const CASE_ROW_WAIT_MS = 15_000;
