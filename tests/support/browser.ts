import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core: `npx playwright install` cannot download a browser
 * here, and CI installs this one with apt (see .ci/run). CHROMIUM_PATH points elsewhere if needed.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** A mid-range Android phone as officers in Kutai Timur carry: small screen, touch, Indonesian, WITA. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  locale: 'id-ID',
  timezoneId: 'Asia/Makassar',
} as const;

/** The office laptop a coordinator, auditor or admin works at. */
export const LAPTOP = { viewport: { width: 1366, height: 768 }, locale: 'id-ID', timezoneId: 'Asia/Makassar' } as const;

/** A tablet held upright, as supervisors take to meetings in the kecamatan. */
export const TABLET = { viewport: { width: 768, height: 1024 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'id-ID', timezoneId: 'Asia/Makassar' } as const;

/** Where browser tests keep what a person should look at: screenshots of the pages (gitignored). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));

/** Starts headless Chromium; a missing browser fails the run with the command that installs it, never skips. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: the browser tests need it. Install it with \`apt-get install -y chromium\` (bash .ci/run does) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** Closes the browser if it started; safe in an afterAll after a failed launch. */
export async function closeChromium(browser: Browser | undefined): Promise<void> {
  await browser?.close();
}

/** A fresh phone for one story: its own cookies and cache, so stories never see each other's state. */
export async function newPhone(browser: Browser, options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...PHONE, javaScriptEnabled: options.javaScriptEnabled ?? true });
  return { context, page: await context.newPage() };
}

/** A fresh laptop or tablet for one staff member: its own cookies, so sessions never mix. */
export async function newDesk(browser: Browser, device: typeof LAPTOP | typeof TABLET = LAPTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...device, acceptDownloads: true });
  return { context, page: await context.newPage() };
}

/** Saves the whole page, as tall as it scrolls, to test-artifacts/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
