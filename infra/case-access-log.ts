import type { CaseAccessAction, CaseAccessChannel, CaseAccessor } from '../domain/case-access.js';
import type { PrismaClient } from '../generated/prisma/client.js';

/**
 * Notes that `principal` looked at (or took away) a case, before the answer leaves: a look that
 * cannot be recorded is not served. One line at each route or page that shows a case:
 * `await recordCaseAccess(app.prisma, request.principal, caseId, 'VIEW', 'GET /api/v1/cases/:caseId')`.
 * The table refuses updates and deletes (migration 20261204040000_case_access_log).
 */
export async function recordCaseAccess(
  prisma: PrismaClient,
  principal: CaseAccessor,
  caseId: string,
  action: CaseAccessAction,
  channel: CaseAccessChannel,
): Promise<void> {
  await prisma.caseAccess.create({
    data: { caseId, principalKind: principal.kind, principalId: principal.id, role: principal.role, action, channel },
  });
}

export interface CaseAccessQuery {
  caseId?: string | undefined;
  principal?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
  /** Kecamatan the reader may see: only accesses to cases there are listed. */
  kecamatanScope?: string[] | undefined;
}

export interface CaseAccessEntry {
  id: string;
  caseId: string;
  principalKind: string;
  principalId: string;
  role: string;
  action: string;
  channel: string;
  accessedAt: string;
}

/** Newest first; `to` is exclusive so consecutive periods do not overlap. */
export async function readCaseAccessLog(prisma: PrismaClient, query: CaseAccessQuery): Promise<CaseAccessEntry[]> {
  const inScope = query.kecamatanScope
    ? (await prisma.case.findMany({ where: { kecamatan: { in: query.kecamatanScope } }, select: { id: true } })).map((row) => row.id)
    : undefined;
  const rows = await prisma.caseAccess.findMany({
    where: {
      ...(inScope ? { AND: [{ caseId: { in: inScope } }] } : {}),
      ...(query.caseId ? { caseId: query.caseId } : {}),
      ...(query.principal ? { principalId: query.principal } : {}),
      ...(query.from || query.to ? { accessedAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lt: query.to } : {}) } } : {}),
    },
    orderBy: [{ accessedAt: 'desc' }, { id: 'desc' }],
    take: query.limit,
  });
  return rows.map((row) => ({
    id: row.id.toString(),
    caseId: row.caseId,
    principalKind: row.principalKind,
    principalId: row.principalId,
    role: row.role,
    action: row.action,
    channel: row.channel,
    accessedAt: row.accessedAt.toISOString(),
  }));
}
