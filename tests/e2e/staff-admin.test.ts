import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeChromium, launchChromium, newDesk, saveScreenshot } from '../support/browser.js';
import { createStaffUser, signIn } from '../support/staff.js';
import { startJourneyStack, type JourneyStack } from '../integration/journeys/stack.js';

let stack: JourneyStack;
let browser: Browser;

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startJourneyStack({ inProcessWorker: false })]);
});
afterAll(async () => {
  await closeChromium(browser);
  await stack?.close();
});

describe('an admin at the office laptop', () => {
  it('adds a supervisor for Bengalon, who then signs in, sees only their area and cannot open the admin page', async () => {
    const admin = await createStaffUser(stack.prisma, { role: 'ADMIN', name: 'Admin Disdikbud' });
    const desk = await newDesk(browser);
    const page = desk.page;
    await signIn(page, stack.apiUrl, admin.email, admin.password, '/admin');
    expect(new URL(page.url()).pathname).toBe('/admin');
    await expect(page.getByRole('link', { name: 'Admin', exact: true }).getAttribute('aria-current')).resolves.toBe('page');

    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Tambah pengguna' }) });
    await form.getByLabel('Nama lengkap').fill('Markus Lawing');
    await form.getByLabel('Email dinas').fill('bukan-email');
    await form.getByLabel('Peran').selectOption('SUPERVISOR');
    await form.getByLabel('Bengalon').check();
    await form.getByLabel('Kata sandi awal').fill('bengalon-penyelia-2026');
    await form.getByRole('button', { name: 'Buat pengguna' }).click();
    await page.waitForLoadState();
    const retry = page.locator('form', { has: page.getByRole('heading', { name: 'Tambah pengguna' }) });
    await expect(retry.getByRole('alert').textContent()).resolves.toContain('Email dinas: Alamat email tidak valid.');
    await expect(retry.getByLabel('Nama lengkap').inputValue()).resolves.toBe('Markus Lawing');
    await expect(retry.getByLabel('Bengalon').isChecked()).resolves.toBe(true);
    await expect(retry.getByLabel('Kata sandi awal').inputValue()).resolves.toBe('');

    await retry.getByLabel('Email dinas').fill('markus.lawing@kutaitimurkab.go.id.test');
    await retry.getByLabel('Kata sandi awal').fill('bengalon-penyelia-2026');
    await retry.getByRole('button', { name: 'Buat pengguna' }).click();
    await page.waitForURL((url) => url.searchParams.get('selesai') === 'pengguna-dibuat');
    await expect(page.getByRole('status').textContent()).resolves.toContain('Pengguna dibuat.');
    const row = page.getByRole('row', { name: /Markus Lawing/ });
    await expect(row.textContent()).resolves.toContain('Bengalon');
    await saveScreenshot(page, 'staff-admin-page');

    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL((url) => url.pathname === '/masuk');
    await expect(page.getByRole('status').textContent()).resolves.toContain('Anda sudah keluar.');
    await desk.context.close();

    const supervisorDesk = await newDesk(browser);
    await signIn(supervisorDesk.page, stack.apiUrl, 'markus.lawing@kutaitimurkab.go.id.test', 'bengalon-penyelia-2026', '/akun');
    const account = supervisorDesk.page;
    await expect(account.getByRole('row', { name: /Wilayah/ }).textContent()).resolves.toContain('Bengalon');
    await expect(account.getByRole('link', { name: 'Admin', exact: true }).count()).resolves.toBe(0);
    const refused = await account.goto(`${stack.apiUrl}/admin`);
    expect(refused?.status()).toBe(403);
    await expect(account.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Akses ditolak');
    await supervisorDesk.context.close();
  });
});
