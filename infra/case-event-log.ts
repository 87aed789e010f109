import { fromStoredEvent, verifyChain, type ChainVerdict } from '../activities/event-chain.js';
import type { PrismaClient } from '../generated/prisma/client.js';

/** One case's stored audit log checked against its hash chain. */
export interface CaseChainVerdict {
  caseId: string;
  /** How many events are stored for the case. */
  events: number;
  verdict: ChainVerdict;
}

/** Recomputes one case's chain from the rows as stored; a case without events has an empty, valid chain. */
export async function verifyCaseEvents(prisma: PrismaClient, caseId: string): Promise<CaseChainVerdict> {
  const rows = await prisma.caseEvent.findMany({ where: { caseId }, orderBy: { sequence: 'asc' } });
  return { caseId, events: rows.length, verdict: verifyChain(rows.map(fromStoredEvent)) };
}

/** Every case's chain in turn, so a log of any size is checked one case at a time. */
export async function* verifyEventLog(prisma: PrismaClient): AsyncGenerator<CaseChainVerdict> {
  const cases = await prisma.caseEvent.findMany({ distinct: ['caseId'], select: { caseId: true }, orderBy: { caseId: 'asc' } });
  for (const { caseId } of cases) yield verifyCaseEvents(prisma, caseId);
}
