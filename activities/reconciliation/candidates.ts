import { ApplicationFailure } from '@temporalio/common';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { receiveReport, type IntakeResult } from '../../use-cases/intake.js';
import type { Actor } from '../../domain/case.js';
import { type IntakeReport, intakeReportSchema } from '../../domain/intake.js';
import type { CandidateOutcome } from '../../domain/reconciliation.js';
import type { ReconciliationCandidate } from '../../generated/prisma/client.js';
import { CANDIDATE_REVIEW_WORKFLOW_TYPE, candidateReviewWorkflowId, type CandidateReviewInput } from '../../workflows/reconciliation/messages.js';
import type { ReconciliationDeps } from './deps.js';

/** The last enrolment of a child who left school, as the candidate keeps it. */
export interface LastSchool {
  npsn: string;
  schoolName: string;
  level: string;
  grade: number;
  exitType: string | null;
  exitDate: string | null;
}

/** The review task of an OPEN candidate: a workflow of its own, started once (a repeated start finds it there). */
export async function ensureReview({ temporal, settings }: ReconciliationDeps, candidate: ReconciliationCandidate): Promise<void> {
  try {
    await temporal.workflow.start(CANDIDATE_REVIEW_WORKFLOW_TYPE, {
      workflowId: candidateReviewWorkflowId(candidate.id),
      taskQueue: settings.taskQueue,
      args: [{ candidateId: candidate.id, kecamatan: candidate.kecamatan } satisfies CandidateReviewInput],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/**
 * Opens the child's case through the same intake as every report, so one child still has one case:
 * a child reported meanwhile joins that case. Keyed by the candidate, a retry adds no second report.
 */
export async function startCaseFor(
  deps: ReconciliationDeps,
  candidate: ReconciliationCandidate,
  actor: Actor,
  decidedAt: Date,
): Promise<CandidateOutcome> {
  const { prisma, temporal, settings } = deps;
  const report = intakeReportSchema.safeParse(reportOf(candidate));
  if (!report.success) {
    throw ApplicationFailure.nonRetryable(`the candidate's registry data do not make a valid report (at ${report.error.issues[0]?.path.join('.')})`, 'CandidateReportInvalid');
  }
  let result: IntakeResult;
  try {
    result = await receiveReport(
      { prisma, temporal, taskQueue: settings.taskQueue, caseKeySecret: settings.caseKeySecret },
      report.data,
      actor,
      `reconciliation/${candidate.id}`,
    );
  } catch (error) {
    // Intake refuses while the child's case is being closed: a moment later the report reopens it.
    throw ApplicationFailure.retryable(`intake refused the report for now (${error instanceof Error ? error.name : 'error'})`, 'IntakeBusy');
  }
  const outcome: CandidateOutcome =
    'reviewId' in result ? { status: 'CASE_IN_REVIEW', reviewId: result.reviewId } : { status: 'CASE_STARTED', caseId: result.caseId };
  await prisma.reconciliationCandidate.update({
    where: { id: candidate.id },
    data: {
      status: outcome.status,
      caseId: outcome.status === 'CASE_STARTED' ? outcome.caseId : null,
      reviewId: outcome.status === 'CASE_IN_REVIEW' ? outcome.reviewId : null,
      decidedAt,
      decidedBy: `${actor.kind}:${actor.id}`,
      note: candidate.note,
    },
  });
  return outcome;
}

/** The report a coordinator would have filed: what the registries know, and that the reasons are still to be found out. */
function reportOf(candidate: ReconciliationCandidate): IntakeReport {
  const last = candidate.lastSchool as LastSchool | null;
  const leftSchool = candidate.reason === 'LEFT_SCHOOL' && last !== null;
  return {
    child: {
      fullName: candidate.fullName,
      nik: candidate.nik,
      noKk: candidate.noKk,
      birthDate: candidate.birthDate,
      sex: candidate.sex as 'L' | 'P',
      kecamatan: candidate.kecamatan as IntakeReport['child']['kecamatan'],
      desa: candidate.desa,
      address: candidate.address.length >= 3 ? candidate.address : `Desa ${candidate.desa}`,
    },
    category: leftSchool ? (last.exitType === 'GRADUATED' ? 'LTM' : 'DO') : 'BPB',
    ...(leftSchool
      ? { lastSchool: { name: last.schoolName, npsn: last.npsn, level: last.level as 'SD', lastGrade: last.grade } }
      : {}),
    reasons: ['OTHER'],
    source: { channel: leftSchool ? 'DAPODIK' : 'AGENCY', reference: `rekonsiliasi ${candidate.raisedInRun}`.slice(0, 120), reportedBy: 'Rekonsiliasi data' },
    notes: leftSchool
      ? 'Ditemukan oleh rekonsiliasi data: tercatat keluar sekolah di Dapodik tanpa pendaftaran kembali. Alasan belum diketahui.'
      : 'Ditemukan oleh rekonsiliasi data: terdaftar di Disdukcapil, tidak tercatat di Dapodik. Alasan belum diketahui.',
  };
}
