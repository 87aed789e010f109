import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { StoredMessage } from '../../infra/smtp-sink.js';
import { TARGET_SCHOOL } from '../integration/journeys/field-officer.js';
import { startJourneyStack, type JourneyStack } from '../integration/journeys/stack.js';
import { closeChromium, launchChromium } from '../support/browser.js';

/** Chromium and the whole system for one test file: started before its stories, stopped after them. */
export function phoneTestbed(): { stack: JourneyStack; browser: Browser } {
  const bed = {} as { stack: JourneyStack; browser: Browser };
  beforeAll(async () => {
    bed.browser = await launchChromium();
    bed.stack = await startJourneyStack();
  });
  afterAll(async () => {
    await closeChromium(bed.browser);
    await bed.stack?.close();
  });
  return bed;
}

/** One request the phone made, with the bytes that crossed the network for it (response headers and body). */
export interface Transfer {
  url: string;
  bytes: number;
}

/** A page the phone loaded: its HTTP status and every request the load made, subresources included. */
export interface PageLoad {
  status: number;
  transfers: Transfer[];
}

/**
 * Runs what the officer does (a tap) and waits for the page it leads to: its response, its load
 * event, then a quiet network, so that any image, font or favicon it asks for is counted too.
 */
async function loadPage(page: Page, isThePage: (request: Request) => boolean, act: () => Promise<unknown>): Promise<PageLoad> {
  const requests: Request[] = [];
  const record = (request: Request) => requests.push(request);
  page.on('request', record);
  try {
    const navigation = page.waitForResponse((response) => response.request().isNavigationRequest() && isThePage(response.request()));
    const loaded = page.waitForEvent('load');
    await act();
    const response = await navigation;
    await loaded;
    await page.waitForLoadState('networkidle');
    const transfers = await Promise.all(
      requests.map(async (request): Promise<Transfer> => {
        const sizes = await request.sizes();
        return { url: request.url(), bytes: sizes.responseHeadersSize + sizes.responseBodySize };
      }),
    );
    return { status: response.status(), transfers };
  } finally {
    page.off('request', record);
  }
}

/**
 * The officer reads the email on the phone and taps its button ("Buka tugas" unless told): the
 * link is the one in the email's HTML body, exactly as a mail app shows it.
 */
export async function tapLinkInEmail(page: Page, email: StoredMessage, button = 'Buka tugas'): Promise<PageLoad> {
  if (!email.html) throw new Error(`the email "${email.subject}" has no HTML body`);
  await page.setContent(email.html);
  return loadPage(page, () => true, () => page.getByRole('link', { name: button, exact: true }).tap());
}

/** Opens a link typed or pasted into the phone's address bar; answers the page's HTTP status. */
export async function openLink(page: Page, link: string): Promise<number> {
  const response = await page.goto(link);
  if (!response) throw new Error(`opening ${link} gave no response`);
  return response.status();
}

/** Taps a form's button ("Kirim laporan", the task's own, unless told) and waits for the page the server answers with. */
export function sendForm(page: Page, button = 'Kirim laporan'): Promise<PageLoad> {
  return loadPage(page, (request) => request.method() === 'POST', () => page.getByRole('button', { name: button, exact: true }).tap());
}

/** The page's title as the officer reads it in the coloured bar at the top. */
export async function headingOf(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).textContent())?.trim() ?? '';
}

/** A deadline's calendar day as a reader in Kutai Timur (WITA) finds it on the page, e.g. "3 Desember 2026" or "03 Desember 2026". */
export function deadlineDayPattern(isoInstant: string): RegExp {
  const day = new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Asia/Makassar' }).format(new Date(isoInstant));
  return new RegExp(`(^|\\D)0?${day}\\b`);
}

/** The task's summary card ("Anak", "Desa", "Batas waktu") as label → text. */
export async function taskSummaryOf(page: Page): Promise<Record<string, string>> {
  const labels = await page.locator('main dl dt').allTextContents();
  const values = await page.locator('main dl dd').allTextContents();
  return Object.fromEntries(labels.map((label, index) => [label.trim(), values[index]?.trim() ?? '']));
}

/** The form on the page, as the officer sees it, found by the text of its labels and group legends. */
export const form = {
  field: (page: Page, label: string) => page.getByLabel(label),
  choice: (page: Page, group: string, option: string) => page.getByRole('group', { name: group }).getByLabel(option, { exact: true }),
};

/** Visit scheduling: the date the officer will go, and a note for the record. */
export async function fillVisitScheduling(page: Page, visitDate: string): Promise<void> {
  await form.field(page, 'Tanggal kunjungan').fill(visitDate);
  await form.field(page, 'Catatan').fill('Kunjungan pagi hari, sebelum orang tua berangkat ke kebun.');
}

/** Visit report: the family was met, the reasons confirmed, both willing, formal school at the target school. */
export async function fillVisitReport(page: Page, school: { name: string; npsn: string } = TARGET_SCHOOL): Promise<void> {
  await form.choice(page, 'Apakah keluarga berhasil ditemui?', 'Ya, keluarga ditemui').check();
  await form.choice(page, 'Alasan anak tidak sekolah', 'Ekonomi').check();
  await form.choice(page, 'Alasan anak tidak sekolah', 'Bekerja').check();
  await form.choice(page, 'Anak bersedia kembali sekolah?', 'Ya').check();
  await form.choice(page, 'Orang tua/wali mendukung?', 'Ya').check();
  await form.field(page, 'Jalur kembali sekolah yang disepakati').selectOption({ label: 'Sekolah formal' });
  await form.field(page, 'Sekolah/PKBM tujuan').fill(school.name);
  await form.field(page, 'NPSN sekolah tujuan').fill(school.npsn);
  await form.field(page, 'Catatan').fill('Anak membantu orang tua di kebun; bersedia kembali ke kelas 5.');
}

/** Enrolment confirmation: the school is already filled in from the visit; the officer adds the date and the class. */
export async function fillEnrolmentConfirmation(page: Page, enrolmentDate: string): Promise<void> {
  await form.field(page, 'Tanggal terdaftar').fill(enrolmentDate);
  await form.field(page, 'Kelas').fill('5');
}
