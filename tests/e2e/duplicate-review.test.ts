import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeChromium, launchChromium, newDesk, saveScreenshot } from '../support/browser.js';
import { createStaffUser, signIn } from '../support/staff.js';
import { eventually } from '../integration/api/testbed.js';
import { reportOf, startJourneyStack, type JourneyStack } from '../integration/journeys/stack.js';

let stack: JourneyStack;
let browser: Browser;

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startJourneyStack()]);
});
afterAll(async () => {
  await closeChromium(browser);
  await stack?.close();
});

describe('a coordinator at the office laptop', () => {
  it('opens the waiting review from the list, sees what differs between the two records, and merges the report into the case', async () => {
    const first = await stack.coordinator.reportChild(
      reportOf({ fullName: 'Sitti Nurhalisa', birthDate: '2012-06-09', sex: 'P', kecamatanCode: '640804', desa: 'Singa Gembara' }),
    );
    expect(first.status).toBe(201);
    const caseId = (first.body as { caseId: string }).caseId;
    await eventually(() => stack.prisma.child.findUnique({ where: { caseId } }), 'the first case');
    const second = await stack.coordinator.reportChild(
      reportOf({ fullName: 'Siti Nurhaliza', birthDate: '2012-06-10', sex: 'P', kecamatanCode: '640804', desa: 'Desa Singa Gembara' }, 'Jl. Poros RT 008'),
    );
    expect(second.status).toBe(202);
    const { reviewId } = second.body as unknown as { reviewId: string };

    const coordinator = await createStaffUser(stack.prisma, { role: 'COORDINATOR', name: 'Koordinator Sangatta Utara', scope: ['640804'] });
    const { page, context } = await newDesk(browser);
    await signIn(page, stack.apiUrl, coordinator.email, coordinator.password, '/akun');
    await page.getByRole('link', { name: 'Tinjauan duplikat', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/tinjauan-duplikat');
    const row = page.getByRole('row', { name: /Singa Gembara/ });
    await expect(row.textContent()).resolves.toContain('Menunggu keputusan');
    await row.getByRole('link', { name: /Tinjau/ }).click();
    await page.waitForURL((url) => url.pathname === `/tinjauan-duplikat/${reviewId}`);

    const nameRow = page.getByRole('row', { name: /Nama lengkap/ });
    await expect(nameRow.textContent()).resolves.toMatch(/berbeda.*Siti Nurhaliza.*Sitti Nurhalisa/s);
    await expect(nameRow.getAttribute('class')).resolves.toBe('diff');
    await expect(page.getByRole('row', { name: /Jenis kelamin/ }).getAttribute('class')).resolves.toBeNull();
    await saveScreenshot(page, 'duplicate-review-side-by-side');

    await page.getByRole('button', { name: 'Simpan keputusan' }).click();
    await page.waitForLoadState();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Pilih apakah laporan ini digabungkan');

    await page.getByLabel(`Gabungkan: anak yang sama dengan kasus ${caseId}`).check();
    await page.getByLabel('Alasan keputusan').fill('Nama ibu dan alamat sama; ejaan nama dan tanggal lahir salah tulis.');
    await page.getByRole('button', { name: 'Simpan keputusan' }).click();
    await page.waitForURL((url) => url.searchParams.has('diputuskan'));
    await expect(page.getByRole('status').textContent()).resolves.toContain('Keputusan disimpan.');
    await expect(page.locator('main').textContent()).resolves.toContain(`Digabungkan ke kasus ${caseId}`);
    await saveScreenshot(page, 'duplicate-review-decided');
    await context.close();

    const detail = await stack.coordinator.waitForCase(caseId, (c) => c.reportCount === 2, 'the merged report counted');
    expect(detail.reportCount).toBe(2);
    expect(await stack.prisma.case.count()).toBe(1);
  });
});
