import type { EmailLanguage } from './language.js';

/** How emails write dates, names and text: for readers in Kutai Timur, who live on WITA (UTC+8). */
const TIME_ZONE = 'Asia/Makassar';

const LOCALES: Record<EmailLanguage, string> = { id: 'id-ID', en: 'en-GB' };
const AT: Record<EmailLanguage, string> = { id: 'pukul', en: 'at' };

const dayFormats = Object.fromEntries(
  Object.entries(LOCALES).map(([language, locale]) => [
    language,
    new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE }),
  ]),
) as Record<EmailLanguage, Intl.DateTimeFormat>;
const timeFormats = Object.fromEntries(
  Object.entries(LOCALES).map(([language, locale]) => [
    language,
    new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE }),
  ]),
) as Record<EmailLanguage, Intl.DateTimeFormat>;

/** "Jumat, 4 Desember 2026" (en: "Friday 4 December 2026") */
export function formatDay(ms: number, language: EmailLanguage = 'id'): string {
  return dayFormats[language].format(new Date(ms));
}

/** "Jumat, 4 Desember 2026 pukul 17.00 WITA" (en: "Friday 4 December 2026 at 17:00 WITA") */
export function formatDeadline(ms: number, language: EmailLanguage = 'id'): string {
  return `${formatDay(ms, language)} ${AT[language]} ${timeFormats[language].format(new Date(ms))} WITA`;
}

/**
 * Emails and task pages name a child by first name only: enough for the officer to recognise the
 * case, no more. A title or initial ("H." in "H. Fransiskus Lawing", "M Rizky") is no name, so the
 * first word that is not one is taken; a name made only of such words keeps its first word.
 */
export function firstName(fullName: string): string {
  const words = fullName.trim().split(/\s+/);
  return words.find((word) => !word.endsWith('.') && [...word].length > 1) ?? words[0] ?? '';
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
