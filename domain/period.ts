/**
 * Days and months as people in Kutai Timur count them: on WITA (Asia/Makassar, UTC+8 all year, no
 * daylight saving), so a case reported at 07:00 WITA on the 1st belongs to the 1st, not to the 31st
 * of the month before as it would in UTC.
 */
export const WITA_OFFSET_MS = 8 * 3600_000;

const INDONESIAN_DAY = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'UTC' });

/** A calendar date (YYYY-MM-DD) in Indonesian, e.g. "14 Juli 2025"; anything else as it came. */
export function indonesianDay(isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDay : INDONESIAN_DAY.format(date);
}

/** The instant a WITA calendar day (YYYY-MM-DD) starts. */
export function startOfWitaDay(isoDay: string): Date {
  return new Date(Date.parse(`${isoDay}T00:00:00Z`) - WITA_OFFSET_MS);
}

/** The instant the WITA calendar day after `isoDay` starts: the exclusive end of "up to and including `isoDay`". */
export function endOfWitaDay(isoDay: string): Date {
  return new Date(startOfWitaDay(isoDay).getTime() + 24 * 3600_000);
}

/** The WITA calendar day (YYYY-MM-DD) of an instant. */
export function witaDay(instant: Date): string {
  return new Date(instant.getTime() + WITA_OFFSET_MS).toISOString().slice(0, 10);
}

export interface WitaMonth {
  /** YYYY-MM */
  month: string;
  start: Date;
  /** Exclusive. */
  end: Date;
}

/** The WITA calendar month an instant falls in, with its bounds as instants. */
export function witaMonthOf(instant: Date): WitaMonth {
  const local = new Date(instant.getTime() + WITA_OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  return {
    month: `${year}-${String(month + 1).padStart(2, '0')}`,
    start: new Date(Date.UTC(year, month, 1) - WITA_OFFSET_MS),
    end: new Date(Date.UTC(year, month + 1, 1) - WITA_OFFSET_MS),
  };
}

const monthFormat = new Intl.DateTimeFormat('id-ID', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "Desember 2026" for 2026-12. */
export function monthLabel(month: string): string {
  return monthFormat.format(new Date(`${month}-01T00:00:00Z`));
}
