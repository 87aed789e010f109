/** Dates on the staff pages, as people in Kutai Timur read them (WITA). */
const dateTime = new Intl.DateTimeFormat('id-ID', {
  day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Makassar',
});
const date = new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Asia/Makassar' });
const calendarDay = new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "4 Des 2026 10.30 WITA" */
export function shortDateTime(iso: string | Date): string {
  return `${dateTime.format(new Date(iso)).replace(',', '')} WITA`;
}

/** "4 Des 2026" (the WITA day) */
export function shortDate(iso: string | Date): string {
  return date.format(new Date(iso));
}

/** A calendar day (YYYY-MM-DD, e.g. a birth date) as "12 Maret 2013". */
export function longDay(isoDay: string): string {
  const parsed = new Date(`${isoDay}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? isoDay : calendarDay.format(parsed);
}
