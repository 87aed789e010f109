import { emptyTally, IMPORT_OUTCOMES, type ImportOutcome, type ImportTally } from '../domain/imports.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

/** Rows per outcome among the rows matching `where` that have one. */
export async function tallyOf(prisma: PrismaClient, where: Prisma.ImportRowWhereInput): Promise<ImportTally> {
  const groups = await prisma.importRow.groupBy({ by: ['outcome'], where: { ...where, outcome: { not: null } }, _count: { _all: true } });
  const tally = emptyTally();
  for (const group of groups) {
    if (IMPORT_OUTCOMES.includes(group.outcome as ImportOutcome)) tally[group.outcome as ImportOutcome] = group._count._all;
  }
  return tally;
}

/** Chunks of an import with at least one row still without an outcome, in file order. */
export async function pendingChunks(prisma: PrismaClient, batchId: string): Promise<number[]> {
  const pending = await prisma.importRow.findMany({
    where: { batchId, outcome: null, chunk: { not: null } },
    distinct: ['chunk'],
    select: { chunk: true },
    orderBy: { chunk: 'asc' },
  });
  return pending.map((row) => row.chunk!);
}

/**
 * Outcomes of the rows outside unfinished chunks: what the import workflow has counted once every
 * finished chunk has reported, so a figure read here never runs ahead of the workflow's own.
 */
export async function settledTally(prisma: PrismaClient, batchId: string, pending?: number[]): Promise<ImportTally> {
  const unfinished = pending ?? (await pendingChunks(prisma, batchId));
  return tallyOf(prisma, { batchId, OR: [{ chunk: null }, { chunk: { notIn: unfinished } }] });
}
