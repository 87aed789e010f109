import { defaultRepair, VIOLATION_KINDS, VIOLATION_LABELS, type RepairAction, type ViolationKind } from '../../domain/case-health.js';
import type { PrismaClient } from '../../generated/prisma/client.js';

export interface ViolationView {
  id: string;
  caseId: string;
  kind: ViolationKind;
  label: string;
  /** The task id for a task's violation; empty for the case's own. */
  subject: string;
  detail: Record<string, unknown>;
  stage: string;
  kecamatan: string;
  firstSeenAt: string;
  lastSeenAt: string;
  notifiedAt: string | null;
  /** What the repair button does; null when only a person can put it right. */
  repair: RepairAction | null;
  lastRepair: { action: string; by: string; at: string } | null;
}

export interface CaseHealthReport {
  /** Open violations, all kinds together. */
  open: number;
  /** Open cases with at least one open violation. */
  cases: number;
  byKind: { kind: ViolationKind; label: string; open: number }[];
  violations: ViolationView[];
}

/** The open violations the watchdog recorded, oldest first, with what the admin can do about each. */
export async function caseHealthReport(prisma: PrismaClient, limit = 500): Promise<CaseHealthReport> {
  const [rows, counts, cases] = await Promise.all([
    prisma.caseHealthViolation.findMany({
      where: { resolvedAt: null },
      orderBy: [{ firstSeenAt: 'asc' }, { id: 'asc' }],
      take: limit,
      include: { case: { select: { stage: true, kecamatan: true } } },
    }),
    prisma.caseHealthViolation.groupBy({ by: ['kind'], where: { resolvedAt: null }, _count: { _all: true } }),
    prisma.caseHealthViolation.findMany({ where: { resolvedAt: null }, distinct: ['caseId'], select: { caseId: true } }),
  ]);
  const byKind = VIOLATION_KINDS.map((kind) => ({ kind, label: VIOLATION_LABELS[kind], open: counts.find((c) => c.kind === kind)?._count._all ?? 0 }));
  return {
    open: byKind.reduce((sum, k) => sum + k.open, 0),
    cases: cases.length,
    byKind,
    violations: rows.map((row) => {
      const kind = row.kind as ViolationKind;
      return {
        id: row.id,
        caseId: row.caseId,
        kind,
        label: VIOLATION_LABELS[kind] ?? row.kind,
        subject: row.subject,
        detail: row.detail as Record<string, unknown>,
        stage: row.case.stage,
        kecamatan: row.case.kecamatan,
        firstSeenAt: row.firstSeenAt.toISOString(),
        lastSeenAt: row.lastSeenAt.toISOString(),
        notifiedAt: row.notifiedAt?.toISOString() ?? null,
        repair: defaultRepair(kind, kind !== 'WORKFLOW_MISSING') ?? null,
        lastRepair: row.repairAction && row.repairedBy && row.repairedAt ? { action: row.repairAction, by: row.repairedBy, at: row.repairedAt.toISOString() } : null,
      };
    }),
  };
}
