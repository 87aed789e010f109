import { kecamatanName } from '../../domain/kecamatan.js';
import { type FieldError, fieldErrors, todayIso } from '../../domain/validation.js';
import { type OutreachOutcome, type OutreachStatus, outreachVisitSchema } from '../../domain/welfare-outreach.js';
import type { PrismaClient, WelfareOutreach } from '../../generated/prisma/client.js';
import { formatDay } from './html/layout.js';

/**
 * A household as the officer's own pages show it. The family card in full: Dinsos gives no name or address, and
 * masked cards of one desa look alike, so it is how the officer finds the family (as the correction task shows
 * the child's KK). Emails, which pass through mail servers, mask it.
 */
export interface OutreachHousehold {
  /** The outreach row's id: it names the household in the page's links, and is no secret. */
  ref: string;
  status: OutreachStatus;
  kecamatanName: string;
  desa: string;
  noKk: string;
  decile: number;
  children: number;
  programmes: string[];
  /** Day the reconciliation flagged the household (YYYY-MM-DD, WITA). */
  flaggedOn: string;
  visit?: { visitedOn: string; outcome: OutreachOutcome; note: string | null };
}

export type VisitOutcome =
  | { kind: 'RECORDED'; household: OutreachHousehold }
  | { kind: 'INVALID'; fields: FieldError[] }
  | { kind: 'ALREADY_RECORDED'; household: OutreachHousehold };

/** The officer's open households, by desa then family card, as the email listed them. */
export async function openOutreachOf(prisma: PrismaClient, officerId: string): Promise<OutreachHousehold[]> {
  const rows = await prisma.welfareOutreach.findMany({ where: { officerId, status: 'OPEN' }, orderBy: [{ desa: 'asc' }, { noKk: 'asc' }, { id: 'asc' }] });
  return rows.map(householdOf);
}

/** One household of the officer's, open or done; another officer's is none of theirs. */
export async function outreachOf(prisma: PrismaClient, officerId: string, ref: string): Promise<OutreachHousehold | undefined> {
  const row = await prisma.welfareOutreach.findFirst({ where: { id: ref, officerId } });
  return row ? householdOf(row) : undefined;
}

/**
 * Records the officer's visit: the outreach is DONE and no longer holds the household's open key, so a
 * later run may flag the household again once the cooldown is over. A household is visited once: the
 * second record (another tap, another phone) is refused, whatever it says.
 */
export async function recordVisit(prisma: PrismaClient, officerId: string, household: OutreachHousehold, form: unknown, now = new Date()): Promise<VisitOutcome> {
  if (household.status === 'DONE') return { kind: 'ALREADY_RECORDED', household };
  const parsed = outreachVisitSchema.safeParse(form);
  if (!parsed.success) return { kind: 'INVALID', fields: fieldErrors(parsed.error) };
  const { visitedOn, outcome, note } = parsed.data;
  if (visitedOn < household.flaggedOn) {
    return { kind: 'INVALID', fields: [{ field: 'visitedOn', message: `Tanggal kunjungan tidak boleh sebelum keluarga ini masuk daftar (${formatDay(household.flaggedOn)}).` }] };
  }
  const { count } = await prisma.welfareOutreach.updateMany({
    where: { id: household.ref, officerId, status: 'OPEN' },
    data: { status: 'DONE', openHouseholdHash: null, visitedOn, outcome, note: note || null, doneBy: officerId, doneAt: now },
  });
  const after = (await outreachOf(prisma, officerId, household.ref))!;
  return count === 1 ? { kind: 'RECORDED', household: after } : { kind: 'ALREADY_RECORDED', household: after };
}

function householdOf(row: WelfareOutreach): OutreachHousehold {
  return {
    ref: row.id,
    status: row.status as OutreachStatus,
    kecamatanName: kecamatanName(row.kecamatan),
    desa: row.desa,
    noKk: row.noKk,
    decile: row.decile,
    children: row.children,
    programmes: row.programmes,
    flaggedOn: todayIso(row.raisedAt.getTime()),
    ...(row.visitedOn && row.outcome ? { visit: { visitedOn: row.visitedOn, outcome: row.outcome as OutreachOutcome, note: row.note } } : {}),
  };
}
