import type { DuplicateCandidate } from '../domain/duplicate-review.js';
import type { ChildIdentity } from '../domain/intake.js';
import { compareChildren, desaSimilarity, swappedBirthDate, type DuplicateThresholds } from '../domain/name-similarity.js';
import type { PrismaClient } from '../generated/prisma/client.js';

export interface DuplicateSettings extends DuplicateThresholds {
  /** Closed cases stay candidates this many days after they closed (DUPLICATE_CLOSED_WITHIN_DAYS). */
  closedWithinDays: number;
}

/** At most this many candidates are put before the coordinator, best first. */
export const MAX_CANDIDATES = 5;
const DAY_MS = 86_400_000;

/**
 * Existing cases in the report's kecamatan whose child is likely the report's child: running cases, and
 * cases closed within the configured days (a child who dropped out again is the same child). The database
 * narrows by kecamatan and birth date (the window, or day and month swapped); names and desa are scored
 * here. Cases a coordinator already kept apart from this report's identity are not proposed again.
 */
export async function findLikelyDuplicates(
  prisma: PrismaClient,
  child: Pick<ChildIdentity, 'fullName' | 'birthDate' | 'kecamatan' | 'desa'>,
  settings: DuplicateSettings,
  identityKeyHash: string,
  now: Date = new Date(),
): Promise<DuplicateCandidate[]> {
  const swapped = swappedBirthDate(child.birthDate);
  // Children by their index (kecamatan, birth date), then their cases by primary key: one join would scan every case.
  const rows = await prisma.child.findMany({
    where: {
      kecamatan: child.kecamatan,
      OR: [
        { birthDate: { gte: shiftDate(child.birthDate, -settings.birthDateWindowDays), lte: shiftDate(child.birthDate, settings.birthDateWindowDays) } },
        ...(swapped ? [{ birthDate: swapped }] : []),
      ],
    },
    select: { caseId: true, fullName: true, birthDate: true, desa: true },
  });
  const desaScores = new Map<string, number>();
  const sameDesa = (desa: string) => {
    if (!desaScores.has(desa)) desaScores.set(desa, desaSimilarity(child.desa, desa));
    return desaScores.get(desa)! >= settings.desaMinSimilarity;
  };
  const nearby = rows.filter((row) => sameDesa(row.desa));
  if (nearby.length === 0) return [];
  const closedBefore = new Date(now.getTime() - settings.closedWithinDays * DAY_MS);
  const current = await prisma.case.findMany({
    where: { id: { in: nearby.map((row) => row.caseId) }, OR: [{ closedAt: null }, { closedAt: { gte: closedBefore } }] },
    select: { id: true },
  });
  const candidates = new Set(current.map((row) => row.id));
  const keptApart = await keptApartCases(prisma, identityKeyHash);
  return nearby
    .filter((row) => candidates.has(row.caseId) && !keptApart.has(row.caseId))
    .map((row) => ({ caseId: row.caseId, ...compareChildren(child, row, settings) }))
    .filter((match) => match.likely)
    .sort((a, b) => b.score - a.score || a.caseId.localeCompare(b.caseId))
    .slice(0, MAX_CANDIDATES)
    .map(({ likely: _likely, ...candidate }) => candidate);
}

async function keptApartCases(prisma: PrismaClient, identityKeyHash: string): Promise<Set<string>> {
  const reviews = await prisma.duplicateReview.findMany({
    where: { identityKeyHash, status: 'KEPT_APART' },
    select: { candidateCaseIds: true },
  });
  return new Set(reviews.flatMap((review) => review.candidateCaseIds));
}

/** YYYY-MM-DD moved by whole days; ISO dates compare as strings, so the window is a string range. */
function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
