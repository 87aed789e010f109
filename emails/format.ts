/** How emails write dates, names and text: for readers in Kutai Timur, who live on WITA (UTC+8). */
const TIME_ZONE = 'Asia/Makassar';

const dayFormat = new Intl.DateTimeFormat('id-ID', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE });
const timeFormat = new Intl.DateTimeFormat('id-ID', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE });

/** "Jumat, 4 Desember 2026" */
export function formatDay(ms: number): string {
  return dayFormat.format(new Date(ms));
}

/** "Jumat, 4 Desember 2026 pukul 17.00 WITA" */
export function formatDeadline(ms: number): string {
  return `${formatDay(ms)} pukul ${timeFormat.format(new Date(ms))} WITA`;
}

/** Emails name a child by first name only: enough for the officer to recognise the case, no more. */
export function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? '';
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
