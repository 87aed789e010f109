import { inScope, type Principal } from '../../domain/access.js';
import { KECAMATAN_CODES } from '../../domain/kecamatan.js';
import { endOfWitaDay, startOfWitaDay } from '../../domain/period.js';
import { Prisma } from '../../generated/prisma/client.js';

/** What the figures are narrowed to: the caller's area, and the filters a person chose. */
export interface CaseSelection {
  kecamatan?: string | undefined;
  category?: string | undefined;
  /** WITA calendar days, both included. */
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * The kecamatan a query may look at: the one asked for if the caller's area holds it (else none, so a
 * kecamatan outside the area reads as empty, not as forbidden), otherwise the caller's whole area.
 */
export function kecamatanInView(selection: CaseSelection, caller: Pick<Principal, 'scope'>): string[] {
  if (selection.kecamatan !== undefined) return inScope(caller, selection.kecamatan) ? [selection.kecamatan] : [];
  return caller.scope.length > 0 ? KECAMATAN_CODES.filter((code) => caller.scope.includes(code)) : [...KECAMATAN_CODES];
}

/**
 * The WHERE conditions on `cases c` for a selection. The area is always applied: a caller with the whole
 * district still gets `kecamatan = ANY(all 18)`, which costs nothing and cannot be forgotten.
 */
export function caseConditions(selection: CaseSelection, caller: Pick<Principal, 'scope'>): Prisma.Sql {
  const conditions = [Prisma.sql`c.kecamatan = ANY(${kecamatanInView(selection, caller)}::text[])`];
  if (selection.category !== undefined) conditions.push(Prisma.sql`c.category = ${selection.category}`);
  if (selection.from !== undefined) conditions.push(Prisma.sql`c.opened_at >= ${startOfWitaDay(selection.from)}`);
  if (selection.to !== undefined) conditions.push(Prisma.sql`c.opened_at < ${endOfWitaDay(selection.to)}`);
  return Prisma.join(conditions, ' AND ');
}
