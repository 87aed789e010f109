import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyExport } from '../../infra/signed-export.js';
import { closeChromium, launchChromium, newDesk, saveScreenshot } from '../support/browser.js';
import { createStaffUser, signIn } from '../support/staff.js';
import { scheduleVisit } from '../integration/journeys/field-officer.js';
import { caseProcessFinished, fieldOfficerFor, reportOf, startJourneyStack, type JourneyStack } from '../integration/journeys/stack.js';

let stack: JourneyStack;
let browser: Browser;

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startJourneyStack()]);
});

afterAll(async () => {
  await closeChromium(browser);
  await stack?.close();
});

describe('An auditor reconstructs a case in the browser', () => {
  it('signs in, reads the history, steps back to an earlier point, replays it and downloads an export that verifies', async () => {
    // A case with some history: reported, checked with the registries, the visit scheduled by the field officer, then closed.
    const child = stack.simulators.population.scenarios.matchingChild;
    const reported = await stack.coordinator.reportChild(reportOf(child));
    expect(reported.status).toBe(201);
    const { caseId } = reported.body;
    await scheduleVisit(stack.sink, fieldOfficerFor(child.kecamatanCode, child.desa));
    await stack.coordinator.waitForCase(caseId, (detail) => detail.tasks.some((task) => task.type === 'VISIT_REPORT'), 'the visit-report task');
    expect((await stack.coordinator.closeCase(caseId, { reason: 'MOVED', note: 'Keluarga pindah ke Samarinda.' })).status).toBe(200);
    await caseProcessFinished(stack, caseId);

    const auditor = await createStaffUser(stack.prisma, { role: 'AUDITOR', name: 'Rina Auditor Inspektorat' });
    const { context, page } = await newDesk(browser);
    try {
      // Asked for the case's page, the sign-in page comes first and leads back to it.
      await signIn(page, stack.apiUrl, auditor.email, auditor.password, `/audit/kasus/${caseId}`);
      expect(new URL(page.url()).pathname).toBe(`/audit/kasus/${caseId}`);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Riwayat kasus ${caseId}`);
      const history = page.locator('#riwayat');
      await expect.poll(() => history.getByText('mengirim formulir tugas visit-scheduling-1').count()).toBe(1);
      expect(await history.getByText('Tautan tugas di email').count()).toBeGreaterThan(0);
      expect(await history.getByText('Kasus ditutup: Pindah ke luar daerah.').count()).toBe(1);
      // The page opens at the end: the case is closed.
      expect(await page.locator('#keadaan [data-stage]').getAttribute('data-stage')).toBe('CLOSED');

      // Back to when the visit waited to be scheduled: the point right after that task opened.
      const opened = await stack.prisma.caseEvent.findFirstOrThrow({ where: { caseId, type: 'TASK_OPENED' }, orderBy: { sequence: 'asc' } });
      await page.locator(`tr[data-kind="TASK_OPENED"] a[href$="afterSequence=${opened.sequence}#keadaan"]`).first().click();
      await page.waitForURL((url) => url.searchParams.get('afterSequence') === String(opened.sequence));
      const state = page.locator('#keadaan');
      expect(await state.getByRole('heading', { level: 2 }).textContent()).toBe(`Keadaan kasus setelah peristiwa #${opened.sequence}`);
      expect(await state.locator('[data-stage]').getAttribute('data-stage')).toBe('HOME_VISIT');
      expect(await state.getByRole('cell', { name: /Jadwalkan kunjungan rumah/ }).count()).toBe(1);
      // One step further back, the task was not open yet.
      await state.getByRole('link', { name: '← Peristiwa sebelumnya' }).click();
      await page.waitForURL((url) => url.searchParams.get('afterSequence') === String(opened.sequence - 1));
      expect(await page.locator('#keadaan').getByText('Tidak ada tugas terbuka.').isVisible()).toBe(true);
      await saveScreenshot(page, '20-auditor-case-history');

      // Replay the recorded history against the current workflow code.
      await page.getByRole('link', { name: 'Putar ulang riwayat workflow' }).click();
      await page.waitForURL((url) => url.searchParams.get('replay') === '1');
      expect(await page.locator('#hasil-putar-ulang').textContent()).toMatch(/^Deterministik: run \S+, \d+ peristiwa diputar ulang tanpa penyimpangan\.$/);

      // Download the signed export and check it with the published public key.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Unduh ekspor bertanda tangan (JSON)' }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^kasus-${caseId}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
      const exported = JSON.parse(await readFile((await download.path())!, 'utf8'));
      expect(exported.record).toMatchObject({ caseId, exportedBy: { kind: 'USER', id: auditor.id, name: 'Rina Auditor Inspektorat', role: 'AUDITOR' } });
      const publicKey = await (await page.request.get(`${stack.apiUrl}/api/v1/audit/signing-key`)).text();
      expect(verifyExport(exported, publicKey)).toMatchObject({ valid: true });

      // And every look is in the case's access log, on the same page.
      await page.goto(`${stack.apiUrl}/audit/kasus/${caseId}`);
      const accessLog = page.locator('#log-akses');
      expect(await accessLog.getByText('Mengunduh ekspor bertanda tangan').count()).toBe(1);
      expect(await accessLog.getByText('Memutar ulang riwayat workflow').count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});
