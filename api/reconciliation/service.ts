import type { Client } from '@temporalio/client';
import { inScope, type Principal, UNMASKED_IDENTITY_ROLES } from '../../domain/access.js';
import { kecamatanName } from '../../domain/kecamatan.js';
import { maskNik } from '../../domain/nik.js';
import {
  type CandidateDecision,
  type CandidateReason,
  type CandidateStatus,
  type DismissReason,
  KECAMATAN_COUNT_FIELDS,
  type KecamatanCounts,
  type KecamatanResultStatus,
  type RunStatus,
  type RunTrigger,
  zeroCounts,
  addCounts,
} from '../../domain/reconciliation.js';
import type { Prisma, PrismaClient, ReconciliationCandidate, ReconciliationResult, ReconciliationRun } from '../../generated/prisma/client.js';
import { candidateReviewWorkflowId, decideCandidateUpdate, REVIEW_REJECTIONS } from '../../workflows/reconciliation/messages.js';
import { ApiError, notFound } from '../../use-cases/errors.js';
import { refusalAsApiError } from '../../use-cases/workflow-rejections.js';
import type { CandidateListQuery, CandidateView, KecamatanResultView, OutreachProgress, RunDetail, RunSummary } from './schemas.js';

/** Runs cover the whole district; a caller sees the kecamatan of their area only, in the list and in the totals. */
export async function listRuns(prisma: PrismaClient, caller: Principal, limit: number): Promise<RunSummary[]> {
  const runs = await prisma.reconciliationRun.findMany({ orderBy: [{ startedAt: 'desc' }, { id: 'desc' }], take: limit, include: { results: true } });
  return runs.map((run) => summaryOf(run, visible(run.results, caller)));
}

export async function getRun(prisma: PrismaClient, caller: Principal, id: string): Promise<RunDetail> {
  const run = await prisma.reconciliationRun.findUnique({ where: { id }, include: { results: { orderBy: { kecamatan: 'asc' } } } });
  if (!run) throw notFound();
  const results = visible(run.results, caller);
  return { ...summaryOf(run, results), results: results.map(resultView) };
}

function visible(results: ReconciliationResult[], caller: Principal): ReconciliationResult[] {
  return results.filter((result) => inScope(caller, result.kecamatan));
}

function summaryOf(run: ReconciliationRun, results: ReconciliationResult[]): RunSummary {
  return {
    id: run.id,
    trigger: run.trigger as RunTrigger,
    status: run.status as RunStatus,
    autoStart: run.autoStart,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    totals: results.reduce((sum, result) => addCounts(sum, countsOf(result)), zeroCounts()),
    kecamatanCount: results.length,
  };
}

function countsOf(result: ReconciliationResult): KecamatanCounts {
  return Object.fromEntries(KECAMATAN_COUNT_FIELDS.map((field) => [field, result[field]])) as KecamatanCounts;
}

function resultView(result: ReconciliationResult): KecamatanResultView {
  return {
    kecamatan: result.kecamatan,
    kecamatanName: kecamatanName(result.kecamatan),
    status: result.status as KecamatanResultStatus,
    error: result.error,
    pagesRead: result.pagesRead,
    ...countsOf(result),
  };
}

/** Candidates of the caller's area, open ones first and oldest first, so the list reads as a work queue. */
export async function listCandidates(prisma: PrismaClient, caller: Principal, query: CandidateListQuery): Promise<{ items: CandidateView[]; total: number }> {
  const where: Prisma.ReconciliationCandidateWhereInput = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.run ? { raisedInRun: query.run } : {}),
    ...(query.kecamatan !== undefined
      ? { kecamatan: inScope(caller, query.kecamatan) ? query.kecamatan : { in: [] } }
      : caller.scope.length > 0
        ? { kecamatan: { in: caller.scope } }
        : {}),
  };
  const [rows, total] = await Promise.all([
    prisma.reconciliationCandidate.findMany({
      where,
      orderBy: [{ raisedAt: 'asc' }, { kecamatan: 'asc' }, { desa: 'asc' }, { fullName: 'asc' }, { id: 'asc' }],
      skip: query.offset,
      take: query.limit,
    }),
    prisma.reconciliationCandidate.count({ where }),
  ]);
  return { items: rows.map((row) => candidateView(row, caller)), total };
}

export async function getCandidate(prisma: PrismaClient, caller: Principal, id: string): Promise<CandidateView> {
  return candidateView(await candidateInScope(prisma, caller, id), caller);
}

async function candidateInScope(prisma: PrismaClient, caller: Principal, id: string): Promise<ReconciliationCandidate> {
  const row = await prisma.reconciliationCandidate.findUnique({ where: { id } });
  if (!row || !inScope(caller, row.kecamatan)) throw notFound();
  return row;
}

function candidateView(row: ReconciliationCandidate, caller: Principal): CandidateView {
  return {
    id: row.id,
    kecamatan: row.kecamatan,
    kecamatanName: kecamatanName(row.kecamatan),
    desa: row.desa,
    reason: row.reason as CandidateReason,
    status: row.status as CandidateStatus,
    child: {
      fullName: row.fullName,
      nik: UNMASKED_IDENTITY_ROLES.includes(caller.role) ? row.nik : maskNik(row.nik),
      birthDate: row.birthDate,
      sex: row.sex as 'L' | 'P',
      address: row.address,
    },
    lastSchool: (row.lastSchool as CandidateView['lastSchool']) ?? null,
    raisedInRun: row.raisedInRun,
    raisedAt: row.raisedAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    dismissReason: (row.dismissReason as DismissReason | null) ?? null,
    note: row.note,
    caseId: row.caseId,
    reviewId: row.reviewId,
    dueAt: row.dueAt?.toISOString() ?? null,
    overdue: row.status === 'OPEN' && row.dueAt !== null && row.dueAt.getTime() < Date.now(),
    remindersSent: row.remindersSent,
    escalationLevel: row.escalationLevel,
  };
}

export interface DecisionResult {
  candidateId: string;
  status: 'CASE_STARTED' | 'CASE_IN_REVIEW' | 'DISMISSED';
  caseId?: string;
  reviewId?: string;
}

/**
 * The coordinator's decision goes to the candidate's review workflow, which carries it out and answers
 * with what came of it. `requestId` makes a repeated request (a double click, a retry) one decision.
 */
export async function decideCandidate(
  deps: { prisma: PrismaClient; temporal: Client },
  caller: Principal,
  id: string,
  decision: CandidateDecision,
  requestId: string,
): Promise<DecisionResult> {
  const candidate = await candidateInScope(deps.prisma, caller, id);
  if (candidate.status !== 'OPEN') throw new ApiError(409, 'CONFLICT', REVIEW_REJECTIONS.ALREADY_DECIDED);
  const handle = deps.temporal.workflow.getHandle(candidateReviewWorkflowId(candidate.id));
  try {
    const outcome = await handle.executeUpdate(decideCandidateUpdate, { args: [decision, { kind: 'STAFF', id: caller.id }], updateId: requestId });
    return { candidateId: candidate.id, ...outcome };
  } catch (error) {
    throw refusalAsApiError(error, REVIEW_REJECTIONS.ALREADY_DECIDED);
  }
}

/** Preventive visits per kecamatan of the caller's area: how many families wait, how many were visited. Kecamatan without any are left out. */
export async function outreachProgress(prisma: PrismaClient, caller: Principal): Promise<OutreachProgress> {
  const groups = await prisma.welfareOutreach.groupBy({
    by: ['kecamatan', 'status'],
    _count: { _all: true },
    ...(caller.scope.length > 0 ? { where: { kecamatan: { in: caller.scope } } } : {}),
  });
  const byKecamatan = new Map<string, { open: number; done: number }>();
  for (const group of groups) {
    const counts = byKecamatan.get(group.kecamatan) ?? { open: 0, done: 0 };
    counts[group.status === 'DONE' ? 'done' : 'open'] += group._count._all;
    byKecamatan.set(group.kecamatan, counts);
  }
  const items = [...byKecamatan]
    .map(([kecamatan, counts]) => ({ kecamatan, kecamatanName: kecamatanName(kecamatan), ...counts }))
    .sort((a, b) => a.kecamatanName.localeCompare(b.kecamatanName, 'id'));
  return { items, totals: { open: items.reduce((n, i) => n + i.open, 0), done: items.reduce((n, i) => n + i.done, 0) } };
}
