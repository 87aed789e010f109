import type { Client } from '@temporalio/client';
import type { Actor } from '../domain/case.js';
import type { DuplicateCandidate, DuplicateReviewInput, WaitingReport } from '../domain/duplicate-review.js';
import type { IntakeReport } from '../domain/intake.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { reviewIdFor, type IdentityKey } from '../infra/case-identity.js';
import { addReportToReviewSignal, DUPLICATE_REVIEW_WORKFLOW_TYPE } from '../workflows/review-messages.js';
import { findLikelyDuplicates, type DuplicateSettings } from './duplicate-finder.js';

export interface ReviewDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  caseKeySecret: string;
  duplicates: DuplicateSettings;
}

/** Opened (or already open) for this report, decided before (file the report where it went), or not a likely duplicate. */
export type ReviewCheck = { review: 'OPEN'; reviewId: string } | { review: 'DECIDED'; caseId: string } | undefined;

type DuplicateReviewWorkflow = (input: DuplicateReviewInput) => Promise<unknown>;

/**
 * A report of a child without NIK and without a known case: when children with a case look like this
 * child, the report waits for a coordinator's review instead of starting a second case. The review's id
 * comes from the report's identity, so a report sent again (a retried request, a file uploaded twice)
 * finds the same review. The row is written before the workflow starts, and the workflow is started from
 * the row, so a crash between the two is repaired by the next attempt.
 */
export async function reviewIfLikelyDuplicate(
  deps: ReviewDeps,
  report: IntakeReport,
  actor: Actor,
  requestId: string,
  keys: IdentityKey[],
): Promise<ReviewCheck> {
  const reviewId = reviewIdFor(keys, deps.caseKeySecret);
  const nameKey = keys.find((key) => key.kind === 'NAME_BIRTHDATE_DESA')!;
  let row = await deps.prisma.duplicateReview.findUnique({ where: { id: reviewId } });
  if (row && row.status !== 'PENDING' && row.resultCaseId) return { review: 'DECIDED', caseId: row.resultCaseId };
  if (!row) {
    const candidates = await findLikelyDuplicates(deps.prisma, report.child, deps.duplicates, nameKey.hash);
    if (candidates.length === 0) return undefined;
    await deps.prisma.duplicateReview.createMany({
      data: [
        {
          id: reviewId,
          kecamatan: report.child.kecamatan,
          desa: report.child.desa,
          identityKeyHash: nameKey.hash,
          report: report as unknown as Prisma.InputJsonValue,
          reportedBy: { kind: actor.kind, id: actor.id },
          candidateCaseIds: candidates.map((candidate) => candidate.caseId),
          candidates: candidates as unknown as Prisma.InputJsonValue,
          requestId,
        },
      ],
      skipDuplicates: true,
    });
    row = await deps.prisma.duplicateReview.findUniqueOrThrow({ where: { id: reviewId } });
  }
  // Started from the row if it is not running yet; this report waits with it either way (the workflow drops a repeat).
  await deps.temporal.workflow.signalWithStart<DuplicateReviewWorkflow, [WaitingReport]>(DUPLICATE_REVIEW_WORKFLOW_TYPE, {
    workflowId: reviewId,
    taskQueue: deps.taskQueue,
    args: [
      {
        reviewId,
        kecamatan: row.kecamatan,
        desa: row.desa,
        report: row.report as unknown as IntakeReport,
        reportedBy: row.reportedBy as unknown as Actor,
        requestId: row.requestId,
        candidates: row.candidates as unknown as DuplicateCandidate[],
      },
    ],
    signal: addReportToReviewSignal,
    signalArgs: [{ report, reportedBy: { kind: actor.kind, id: actor.id }, requestId }],
  });
  return { review: 'OPEN', reviewId };
}
