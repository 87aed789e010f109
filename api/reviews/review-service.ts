import type { Client } from '@temporalio/client';
import { inScope, UNMASKED_IDENTITY_ROLES, type Principal } from '../../domain/access.js';
import {
  REVIEW_REJECTIONS,
  REVIEW_STATUS_LABELS,
  type DuplicateCandidate,
  type ReviewDecision,
  type ReviewStatus,
} from '../../domain/duplicate-review.js';
import type { IntakeReport } from '../../domain/intake.js';
import { kecamatanName } from '../../domain/kecamatan.js';
import { maskNik } from '../../domain/nik.js';
import type { Child, DuplicateReview, PrismaClient } from '../../generated/prisma/client.js';
import { normaliseDesa } from '../../infra/case-identity.js';
import { decideReviewUpdate } from '../../workflows/review-messages.js';
import { summaryOfRow } from '../cases/case-views.js';
import { ApiError, notFound, validationFailed } from '../../use-cases/errors.js';
import { refusalAsApiError } from '../../use-cases/workflow-rejections.js';
import type { ReviewDetail, ReviewSummary } from './schemas.js';

/** Who reads or decides: a signed-in staff user or an API key. */
export type Caller = Pick<Principal, 'id' | 'role' | 'scope'>;

export interface ReviewListQuery {
  status?: ReviewStatus | undefined;
  kecamatan?: string | undefined;
  limit: number;
}

/** Pending reviews first, the oldest on top (closest to its deadline); then decided ones, the latest first. Only the caller's area. */
export async function listReviews(prisma: PrismaClient, query: ReviewListQuery, caller: Caller): Promise<{ items: ReviewSummary[] }> {
  if (query.kecamatan && !inScope(caller, query.kecamatan)) return { items: [] };
  const area = query.kecamatan ? { kecamatan: query.kecamatan } : caller.scope.length > 0 ? { kecamatan: { in: caller.scope } } : {};
  const wantPending = !query.status || query.status === 'PENDING';
  const pending = wantPending
    ? await prisma.duplicateReview.findMany({ where: { ...area, status: 'PENDING' }, orderBy: { createdAt: 'asc' }, take: query.limit })
    : [];
  const decided =
    query.status === 'PENDING' || pending.length >= query.limit
      ? []
      : await prisma.duplicateReview.findMany({
          where: { ...area, status: query.status ?? { not: 'PENDING' } },
          orderBy: { decidedAt: 'desc' },
          take: query.limit - pending.length,
        });
  const now = Date.now();
  return { items: [...pending, ...decided].map((row) => summaryOf(row, now)) };
}

function summaryOf(row: DuplicateReview, now: number): ReviewSummary {
  const candidates = row.candidates as unknown as DuplicateCandidate[];
  return {
    reviewId: row.id,
    status: row.status as ReviewStatus,
    statusLabel: REVIEW_STATUS_LABELS[row.status as ReviewStatus] ?? row.status,
    kecamatan: row.kecamatan,
    kecamatanName: kecamatanName(row.kecamatan),
    desa: row.desa,
    candidateCount: candidates.length,
    topScore: Math.max(0, ...candidates.map((candidate) => candidate.score)),
    createdAt: row.createdAt.toISOString(),
    ...(row.dueAt ? { dueAt: row.dueAt.toISOString() } : {}),
    overdue: row.status === 'PENDING' && row.dueAt !== null && row.dueAt.getTime() < now,
    ...(row.decidedAt ? { decidedAt: row.decidedAt.toISOString() } : {}),
    ...(row.resultCaseId ? { resultCaseId: row.resultCaseId } : {}),
  };
}

/** The review the caller may see: out of scope is not found, so scope reveals nothing. */
async function reviewInScope(prisma: PrismaClient, reviewId: string, caller: Caller): Promise<DuplicateReview> {
  const row = await prisma.duplicateReview.findUnique({ where: { id: reviewId } });
  if (!row || !inScope(caller, row.kecamatan)) throw notFound();
  return row;
}

type ChildView = ReviewDetail['report']['child'];
const COMPARED_FIELDS = ['fullName', 'nik', 'birthDate', 'sex', 'desa', 'address'] as const;

/** Written differently, that is; a desa with or without "Desa" in front is the same desa. */
function differingFields(a: ChildView, b: ChildView): string[] {
  const same = (field: (typeof COMPARED_FIELDS)[number]) =>
    field === 'desa' ? normaliseDesa(a.desa) === normaliseDesa(b.desa) : (a[field] ?? '') === (b[field] ?? '');
  return COMPARED_FIELDS.filter((field) => !same(field));
}

/** The new report and each candidate case side by side, with the fields that differ. */
export async function getReview(prisma: PrismaClient, reviewId: string, caller: Caller): Promise<ReviewDetail> {
  const row = await reviewInScope(prisma, reviewId, caller);
  const report = row.report as unknown as IntakeReport;
  const candidates = row.candidates as unknown as DuplicateCandidate[];
  const cases = await prisma.case.findMany({ where: { id: { in: candidates.map((c) => c.caseId) } }, include: { child: true } });
  const unmasked = UNMASKED_IDENTITY_ROLES.includes(caller.role);
  const reportChild = childView(report.child, unmasked);
  return {
    ...summaryOf(row, Date.now()),
    report: {
      child: reportChild,
      category: report.category,
      source: { channel: report.source.channel, ...(report.source.reference ? { reference: report.source.reference } : {}) },
    },
    candidates: candidates.map((candidate) => {
      const found = cases.find((c) => c.id === candidate.caseId);
      const child = found?.child ? childView(found.child, true) : undefined;
      return {
        caseId: candidate.caseId,
        score: candidate.score,
        matched: {
          nameSimilarity: candidate.nameSimilarity,
          birthDate: candidate.birthDate,
          daysApart: candidate.daysApart,
          desaSimilarity: candidate.desaSimilarity,
        },
        // Compared in full, shown masked: a NIK that differs is a difference even when both are masked.
        differences: child ? differingFields(childView(report.child, true), child) : [],
        ...(found?.child ? { child: childView(found.child, unmasked) } : {}),
        ...(found ? { case: summaryOfRow(found) } : {}),
      };
    }),
    ...(row.decidedAt && row.resultCaseId
      ? {
          decision: {
            decision: row.status === 'MERGED' ? ('MERGE' as const) : ('KEEP_APART' as const),
            decidedAt: row.decidedAt.toISOString(),
            decidedBy: await staffName(prisma, row.decidedBy),
            note: row.decisionNote ?? '',
            caseId: row.resultCaseId,
          },
        }
      : {}),
  };
}

/** Who decided, by name: a signed-in staff user or an API key; the id when neither is known any more. */
async function staffName(prisma: PrismaClient, id: string | null): Promise<string> {
  if (!id) return '';
  const user = await prisma.staffUser.findUnique({ where: { id }, select: { name: true } });
  if (user) return user.name;
  const key = await prisma.apiKey.findUnique({ where: { id }, select: { name: true } });
  return key ? `${key.name} (kunci API)` : id;
}

function childView(child: IntakeReport['child'] | Child, unmasked: boolean): ChildView {
  const shown = (number: string | null | undefined) => (number ? { value: unmasked ? number : maskNik(number) } : undefined);
  const nik = shown(child.nik);
  const noKk = shown(child.noKk);
  return {
    fullName: child.fullName,
    ...(nik ? { nik: nik.value } : {}),
    ...(noKk ? { noKk: noKk.value } : {}),
    birthDate: child.birthDate,
    sex: child.sex as ChildView['sex'],
    desa: child.desa,
    address: child.address,
  };
}

export interface DecideDeps {
  prisma: PrismaClient;
  temporal: Client;
}

/**
 * The coordinator's decision reaches the review workflow as an update: its validator refuses a decided
 * review, a case that was not proposed or a missing reason before anything is written; the answer comes
 * once the report has joined or started its case. `requestId` makes a retried request decide once.
 */
export async function decideReview(
  deps: DecideDeps,
  reviewId: string,
  decision: ReviewDecision,
  caller: Caller,
  requestId: string,
): Promise<{ reviewId: string; status: 'MERGED' | 'KEPT_APART'; caseId: string }> {
  const row = await reviewInScope(deps.prisma, reviewId, caller);
  if (row.status !== 'PENDING') throw new ApiError(409, 'CONFLICT', REVIEW_REJECTIONS.ALREADY_DECIDED);
  if (decision.decision === 'MERGE' && !row.candidateCaseIds.includes(decision.caseId!)) {
    throw validationFailed([{ field: 'caseId', message: REVIEW_REJECTIONS.NOT_A_CANDIDATE }]);
  }
  try {
    const outcome = await deps.temporal.workflow
      .getHandle(reviewId)
      .executeUpdate(decideReviewUpdate, { args: [decision, { kind: 'STAFF', id: caller.id }], updateId: requestId });
    return { reviewId, status: outcome.status, caseId: outcome.caseId };
  } catch (error) {
    throw refusalAsApiError(error, REVIEW_REJECTIONS.ALREADY_DECIDED);
  }
}
