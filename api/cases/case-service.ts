import { type Client, type WorkflowHandle, WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import type { Actor, CaseView, CloseCaseRequest } from '../../domain/case.js';
import { endOfWitaDay, startOfWitaDay } from '../../domain/period.js';
import { CASE_KECAMATAN } from '../../domain/search-attributes.js';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { closeCaseUpdate, getCaseQuery, UPDATE_REJECTIONS } from '../../workflows/messages.js';
import { inScope, type Principal } from '../../domain/access.js';
import { notFound, validationFailed } from '../../use-cases/errors.js';
import { type CaseRow, detailOf, summaryOfRow } from './case-views.js';
import type { CaseDetail, CaseSummary } from './schemas.js';
import { refusalAsApiError } from '../../use-cases/workflow-rejections.js';

export interface CaseServiceDeps {
  prisma: PrismaClient;
  temporal: Client;
  log: FastifyBaseLogger;
}

/** A query waits for a worker; past this the API answers from the database instead. */
const LIVE_QUERY_TIMEOUT_MS = 5000;

const caseRowInclude = {
  child: true,
  tasks: { include: { assignee: { select: { id: true, name: true } } }, orderBy: { openedAt: 'asc' } },
} satisfies Prisma.CaseInclude;

/** One case as its caller may see it. Out of the key's scope is reported as not found, so scope reveals nothing. */
export async function getCase(deps: CaseServiceDeps, caseId: string, caller: Principal): Promise<CaseDetail> {
  const [row, live] = await Promise.all([
    deps.prisma.case.findUnique({ where: { id: caseId }, include: caseRowInclude }) as Promise<CaseRow | null>,
    liveView(deps, caseId),
  ]);
  const kecamatan = live?.kecamatan ?? row?.kecamatan;
  if (kecamatan === undefined || !inScope(caller, kecamatan)) throw notFound();
  return detailOf(row, live, caller.role);
}

async function liveView(deps: CaseServiceDeps, caseId: string): Promise<CaseView | undefined> {
  const handle = deps.temporal.workflow.getHandle(caseId);
  try {
    const description = await handle.describe();
    if (description.status.name !== 'RUNNING') return undefined;
    return await deps.temporal.withDeadline(Date.now() + LIVE_QUERY_TIMEOUT_MS, () => handle.query(getCaseQuery));
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) {
      deps.log.warn({ errType: error instanceof Error ? error.name : typeof error }, 'live case state unavailable; answering from the database');
    }
    return undefined;
  }
}

/** What a list of cases may be narrowed to; `from` and `to` are WITA report days, both included. */
export interface CaseFilter {
  stage?: string | undefined;
  kecamatan?: string | undefined;
  category?: string | undefined;
  overdue?: boolean | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface CaseListQuery extends CaseFilter {
  limit: number;
  cursor?: string | undefined;
}

export interface CaseList {
  items: CaseSummary[];
  nextCursor: string | null;
  total: number;
}

/** Newest cases first, from the database; the cursor is the last item's (openedAt, id). */
export async function listCases(prisma: PrismaClient, query: CaseListQuery, caller: Principal): Promise<CaseList> {
  const where = caseListWhere(query, caller);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const pageWhere: Prisma.CaseWhereInput = after
    ? { AND: [where, { OR: [{ openedAt: { lt: after.openedAt } }, { openedAt: after.openedAt, id: { lt: after.id } }] }] }
    : where;
  const [rows, total] = await Promise.all([
    prisma.case.findMany({ where: pageWhere, orderBy: [{ openedAt: 'desc' }, { id: 'desc' }], take: query.limit + 1 }),
    prisma.case.count({ where }),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(summaryOfRow),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.openedAt, last.id) : null,
    total,
  };
}

/** The cases a list query selects within the caller's area; the list and its CSV export share it. */
export function caseListWhere(query: CaseFilter, caller: Pick<Principal, 'scope'>): Prisma.CaseWhereInput {
  return {
    ...(query.stage ? { stage: query.stage } : {}),
    ...(query.category ? { category: query.category } : {}),
    ...(query.overdue !== undefined ? { overdue: query.overdue } : {}),
    ...kecamatanFilter(query.kecamatan, caller),
    ...openedWithin(query.from, query.to),
  };
}

/** Reported on these WITA days, both included. */
function openedWithin(from: string | undefined, to: string | undefined): Prisma.CaseWhereInput {
  if (from === undefined && to === undefined) return {};
  return { openedAt: { ...(from !== undefined ? { gte: startOfWitaDay(from) } : {}), ...(to !== undefined ? { lt: endOfWitaDay(to) } : {}) } };
}

function kecamatanFilter(requested: string | undefined, caller: Pick<Principal, 'scope'>): Prisma.CaseWhereInput {
  if (requested !== undefined) return { kecamatan: inScope(caller, requested) ? requested : { in: [] } };
  return caller.scope.length > 0 ? { kecamatan: { in: caller.scope } } : {};
}

function encodeCursor(openedAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([openedAt.toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string): { openedAt: Date; id: string } {
  try {
    const [openedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(openedAt));
    if (typeof id === 'string' && !Number.isNaN(date.getTime())) return { openedAt: date, id };
  } catch {
    // falls through to the validation error
  }
  throw validationFailed([{ field: 'cursor', message: 'Kursor halaman tidak valid. Gunakan nilai nextCursor dari halaman sebelumnya.' }]);
}

/** Closes a case through its workflow; a case that is already closed is a conflict, not a failure. */
export async function closeCase(
  deps: CaseServiceDeps,
  caseId: string,
  request: CloseCaseRequest,
  caller: Pick<Principal, 'id' | 'scope'>,
  requestId: string,
): Promise<{ caseId: string; stage: 'CLOSED' }> {
  return changeCaseAsStaff(deps, caseId, caller, (handle, actor) => handle.executeUpdate(closeCaseUpdate, { args: [request, actor], updateId: requestId }));
}

/**
 * A staff member's change to a case of their area, made through an update of its workflow. The
 * workflow's refusals become what the caller sees: field errors (400), or a conflict (409) when the
 * case is closed, closing or busy; a case outside the area is not found.
 */
export async function changeCaseAsStaff<T>(
  deps: CaseServiceDeps,
  caseId: string,
  caller: Pick<Principal, 'id' | 'scope'>,
  update: (handle: WorkflowHandle, actor: Actor) => Promise<T>,
): Promise<T> {
  const kecamatan = await caseKecamatan(deps, caseId);
  if (kecamatan === undefined || !inScope(caller, kecamatan)) throw notFound();
  try {
    return await update(deps.temporal.workflow.getHandle(caseId), { kind: 'STAFF', id: caller.id });
  } catch (error) {
    // A finished workflow means the case was closed (or completed) before this request.
    throw refusalAsApiError(error, UPDATE_REJECTIONS.CASE_CLOSED, (message) => (message === UPDATE_REJECTIONS.CASE_CLOSED ? 'CASE_ALREADY_CLOSED' : 'CONFLICT'));
  }
}

/** Where a case is, from the database or, before its first row is written, from the workflow's search attributes. */
export async function caseKecamatan(deps: CaseServiceDeps, caseId: string): Promise<string | undefined> {
  const row = await deps.prisma.case.findUnique({ where: { id: caseId }, select: { kecamatan: true } });
  if (row) return row.kecamatan;
  try {
    const description = await deps.temporal.workflow.getHandle(caseId).describe();
    return description.typedSearchAttributes.get(CASE_KECAMATAN);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
}
