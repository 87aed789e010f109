import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kecamatanName } from '../../domain/kecamatan.js';
import { officerIds } from '../../infra/seed.js';
import { eventually, officer, reportOf, startJourneyStack, type JourneyStack } from '../integration/journeys/stack.js';
import { writeKnownCases } from '../integration/dashboard/known-cases.js';
import { closeChromium, LAPTOP, launchChromium, newDesk, saveScreenshot, TABLET } from '../support/browser.js';
import { createStaffUser, signIn } from '../support/staff.js';
import { usabilityProblems } from './phone-checks.js';

let browser: Browser;
let stack: JourneyStack;

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startJourneyStack();
  // Eight cases of the past months for the dashboard to count, besides the live one each story reports.
  await writeKnownCases(stack.prisma);
});
afterAll(async () => {
  await closeChromium(browser);
  await stack?.close();
});

async function open(device: typeof LAPTOP | typeof TABLET): Promise<Page> {
  return (await newDesk(browser, device)).page;
}

/** The number under a headline card's label, e.g. "Kasus" → "6". */
async function headlineFigure(page: Page, label: string): Promise<string> {
  const card = page.locator('.card', { has: page.locator('.figure-label', { hasText: new RegExp(`^${label}$`) }) });
  return (await card.locator('.figure').textContent())?.trim() ?? '';
}

async function kecamatanRows(page: Page): Promise<string[]> {
  return page.locator('section[aria-labelledby=kecamatan-heading] tbody th').allTextContents();
}

describe('A coordinator on a laptop', () => {
  it('signs in, reads the dashboard, filters it to one kecamatan, opens a case, reassigns its task and adds a note', async () => {
    const child = stack.simulators.population.scenarios.matchingChild;
    const reported = await stack.coordinator.reportChild(reportOf(child));
    expect(reported.status).toBe(201);
    const { caseId } = reported.body;
    const scheduling = await eventually(
      () => stack.prisma.task.findFirst({ where: { caseId, type: 'VISIT_SCHEDULING', status: 'OPEN' }, include: { assignee: true } }).then((task) => task ?? undefined),
      'the home-visit scheduling task of the reported child',
    );
    const coordinator = await createStaffUser(stack.prisma, { role: 'COORDINATOR', name: 'Irwan Syahputra' });
    const page = await open(LAPTOP);

    await signIn(page, stack.apiUrl, coordinator.email);
    expect(new URL(page.url()).pathname).toBe('/dasbor');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Dasbor');
    expect(await headlineFigure(page, 'Kasus')).toBe('9');
    expect(await kecamatanRows(page)).toHaveLength(18);
    expect(await page.getByRole('img', { name: 'Kasus menurut tahap' }).isVisible()).toBe(true);
    expect(await page.getByRole('img', { name: 'Kasus per kecamatan' }).isVisible()).toBe(true);
    expect(await usabilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'dashboard-laptop');

    // Filter to the child's kecamatan: the figures, the table and the CSV link follow.
    await page.getByLabel('Kecamatan', { exact: true }).selectOption({ label: kecamatanName(child.kecamatanCode) });
    await Promise.all([page.waitForURL(/kecamatan=/), page.getByRole('button', { name: 'Terapkan' }).click()]);
    expect(new URL(page.url()).searchParams.get('kecamatan')).toBe(child.kecamatanCode);
    expect(await kecamatanRows(page)).toEqual([kecamatanName(child.kecamatanCode)]);
    expect(await page.getByRole('link', { name: 'Unduh CSV' }).getAttribute('href')).toBe(`/api/v1/cases/export.csv?kecamatan=${child.kecamatanCode}`);
    await saveScreenshot(page, 'dashboard-filtered-laptop');

    // The case list for that kecamatan, then the child's own page.
    await Promise.all([page.waitForURL(/\/kasus\?/), page.getByRole('link', { name: 'Lihat daftar kasus' }).click()]);
    await saveScreenshot(page, 'case-list-laptop');
    await Promise.all([page.waitForURL(`**/kasus/${caseId}`), page.getByRole('link', { name: child.fullName }).click()]);
    expect(await page.getByRole('heading', { name: child.fullName }).isVisible()).toBe(true);
    const nikShown = await page.locator('.facts dt:text-is("NIK") + dd').textContent();
    expect(nikShown).toMatch(/^6408•{10}\d{2}$/);
    expect(nikShown).not.toBe(child.nik);
    const tasks = page.locator('section[aria-labelledby=tasks-heading]');
    expect(await tasks.getByText(scheduling.assignee.name).isVisible()).toBe(true);
    expect(await page.locator('.timeline').getByText(/Kasus dibuka dari laporan/).isVisible()).toBe(true);

    // Reassign the scheduling task to the kecamatan's field officer.
    const newOfficer = officer(officerIds.fieldOfficer(child.kecamatanCode));
    expect(newOfficer.id).not.toBe(scheduling.assigneeId);
    await tasks.getByText('Alihkan tugas ini').click();
    // A reason too short is refused beside its field, and what was chosen stays chosen.
    await tasks.getByLabel('Petugas baru').selectOption({ label: newOfficer.name });
    await tasks.getByLabel('Alasan pengalihan').fill('Cuti');
    await Promise.all([page.waitForLoadState('load'), tasks.getByRole('button', { name: 'Alihkan tugas' }).click()]);
    expect(await tasks.getByText('Minimal 5 karakter.').isVisible()).toBe(true);
    expect(await tasks.getByLabel('Petugas baru').inputValue()).toBe(newOfficer.id);
    await tasks.getByLabel('Alasan pengalihan').fill('Petugas desa sedang cuti; dikerjakan petugas kecamatan.');
    await Promise.all([page.waitForURL(/selesai=dialihkan/), tasks.getByRole('button', { name: 'Alihkan tugas' }).click()]);
    expect(await page.getByRole('status').textContent()).toContain('Tugas dialihkan');
    expect(await page.locator('[data-assignee]').first().textContent()).toBe(newOfficer.name);
    expect(await page.locator('.timeline li').first().textContent()).toContain(`kepada ${newOfficer.name}`);

    // Add a note: it heads the timeline with the coordinator's name.
    await page.getByLabel('Tambah catatan').fill('Ibu anak minta dihubungi sore hari; pagi bekerja di kebun.');
    await Promise.all([page.waitForURL(/selesai=catatan/), page.getByRole('button', { name: 'Simpan catatan' }).click()]);
    expect(await page.getByRole('status').textContent()).toContain('Catatan tersimpan');
    const latest = page.locator('.timeline li').first();
    expect(await latest.locator('blockquote').textContent()).toBe('Ibu anak minta dihubungi sore hari; pagi bekerja di kebun.');
    expect(await latest.textContent()).toContain('oleh Irwan Syahputra');
    expect(await usabilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'case-page-laptop');
    await page.context().close();
  });
});

describe('A supervisor of one kecamatan on a tablet', () => {
  it('sees only that kecamatan on the dashboard, and the page fits the screen', async () => {
    const supervisor = await createStaffUser(stack.prisma, { role: 'SUPERVISOR', scope: ['640805'], name: 'Andi Nurmala Sari' });
    const page = await open(TABLET);
    await signIn(page, stack.apiUrl, supervisor.email);
    expect(await kecamatanRows(page)).toEqual(['Sangkulirang']);
    expect(await headlineFigure(page, 'Kasus')).toBe('2');
    expect(await page.getByLabel('Kecamatan', { exact: true }).locator('option').allTextContents()).toEqual(['Sangkulirang']);
    expect(await usabilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'dashboard-tablet');

    // Another kecamatan's case is not there for them: not found.
    const response = await page.goto(`${stack.apiUrl}/kasus/ats-su-1`);
    expect(response?.status()).toBe(404);
    await page.goto(`${stack.apiUrl}/kasus/ats-sk-2`);
    expect(await page.getByRole('heading', { name: 'Muhammad Fadli' }).isVisible()).toBe(true);
    expect(await usabilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'case-page-tablet');
    await page.context().close();
  });
});
