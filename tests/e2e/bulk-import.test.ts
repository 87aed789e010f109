import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestbed, type ApiTestbed } from '../integration/api/testbed.js';
import { child, csvFile } from '../integration/imports/csv-files.js';
import { closeChromium, LAPTOP, launchChromium, saveScreenshot } from '../support/browser.js';
import { createStaffUser, signIn } from '../support/staff.js';

/**
 * A coordinator on a laptop, with JavaScript switched off as some office browsers have it: signs in,
 * uploads a survey on /impor, watches the progress bar fill while the page refreshes itself, and
 * reads the per-row report once the import is done.
 */
let bed: ApiTestbed;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  [bed, browser] = await Promise.all([startApiTestbed({ worker: true }), launchChromium()]);
  baseUrl = await bed.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await closeChromium(browser);
  await bed?.close();
});

describe('a coordinator imports a survey from the web page', () => {
  it('uploads the file, watches the progress bar reach the end, and sees what became of every row', async () => {
    const coordinator = await createStaffUser(bed.prisma, { role: 'COORDINATOR' });
    const rows = Array.from({ length: 60 }, (_, i) => child(7000 + i, i % 2 === 0));
    rows[10] = { ...rows[10]!, tanggal_lahir: '2013-13-01' };
    rows[59] = { ...rows[2]! };
    const context = await browser.newContext({ ...LAPTOP, javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await signIn(page, baseUrl, coordinator.email, coordinator.password, '/impor');
      expect(new URL(page.url()).pathname).toBe('/impor');
      await expect(page.getByRole('link', { name: 'templat CSV' }).getAttribute('href')).resolves.toBe('/api/v1/imports/template.csv');

      await page.getByLabel('Berkas CSV').setInputFiles({ name: 'survei-sipbm.csv', mimeType: 'text/csv', buffer: csvFile(rows) });
      await Promise.all([page.waitForURL(/\/impor\/[0-9a-f-]{36}$/), page.getByRole('button', { name: 'Impor' }).click()]);
      await expect(page.getByRole('heading', { name: 'survei-sipbm.csv' }).isVisible()).resolves.toBe(true);

      const progress = page.locator('progress#kemajuan');
      const seen: number[] = [];
      const deadline = Date.now() + 300_000;
      for (;;) {
        const value = Number(await progress.getAttribute('value'));
        seen.push(value);
        if ((await page.locator('#status').textContent()) === 'Selesai') break;
        if (Date.now() > deadline) throw new Error(`the import never finished; progress seen: ${seen.join(', ')}`);
        // The page reloads itself (Refresh header); wait for the next load.
        await page.waitForEvent('load', { timeout: 20_000 });
      }
      await expect(progress.getAttribute('max')).resolves.toBe('60');
      await expect(progress.getAttribute('value')).resolves.toBe('60');
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      await expect(page.locator('#jumlah-created').textContent()).resolves.toBe('58');
      await expect(page.locator('#jumlah-joined').textContent()).resolves.toBe('1');
      await expect(page.locator('#jumlah-rejected').textContent()).resolves.toBe('1');
      await saveScreenshot(page, 'import-done');

      await page.getByRole('link', { name: 'Ditolak', exact: true }).click();
      const rejected = page.locator('tbody tr');
      await expect(rejected.count()).resolves.toBe(1);
      await expect(rejected.first().textContent()).resolves.toMatch(/^12.*Ditolak.*tanggal_lahir/);

      // The same file again: the coordinator is told, and nothing new is made.
      await page.goto(`${baseUrl}/impor`);
      await page.getByLabel('Berkas CSV').setInputFiles({ name: 'survei-sipbm-lagi.csv', mimeType: 'text/csv', buffer: csvFile(rows) });
      await Promise.all([page.waitForURL(/\?sama=1$/), page.getByRole('button', { name: 'Impor' }).click()]);
      await expect(page.getByText('Berkas ini sudah pernah diimpor.').isVisible()).resolves.toBe(true);
      expect(await bed.prisma.importBatch.count()).toBe(1);
    } finally {
      await context.close();
    }
  }, 400_000);

  it('turns a file with wrong headers away on the form, naming the columns', async () => {
    const coordinator = await createStaffUser(bed.prisma, { role: 'COORDINATOR' });
    const context = await browser.newContext({ ...LAPTOP, javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await signIn(page, baseUrl, coordinator.email, coordinator.password, '/impor');
      await page.getByLabel('Berkas CSV').setInputFiles({ name: 'salah.csv', mimeType: 'text/csv', buffer: Buffer.from('nama;umur\nSiti;12\n') });
      await page.getByRole('button', { name: 'Impor' }).click();
      const alert = page.getByRole('alert');
      await expect(alert.textContent()).resolves.toContain('Tidak dikenal: nama, umur.');
      await expect(alert.textContent()).resolves.toContain('tanggal_lahir: Kolom wajib tidak ada.');
    } finally {
      await context.close();
    }
  });
});
