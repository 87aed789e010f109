import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../domain/validation.js';
import { closeChromium, launchChromium, newPhone, saveScreenshot } from '../support/browser.js';
import { startJourneyStack, type JourneyStack } from '../integration/journeys/stack.js';
import { outreachLinkIn, outreachNight } from '../integration/reconciliation/outreach-night.js';
import { form, headingOf, sendForm, tapLinkInEmail } from './officer-phone.js';
import { usabilityProblems } from './phone-checks.js';

const KECAMATAN = '640804';

let stack: JourneyStack;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startJourneyStack({ inProcessWorker: false, simulators: { population: { households: 200, kecamatan: [KECAMATAN] } } });
}, 120_000);

afterAll(async () => {
  await closeChromium(browser);
  await stack?.close();
});

describe('A desa officer records a preventive visit from their phone', () => {
  it('taps the link in the outreach email, picks a family, and records the visit', { timeout: 180_000 }, async () => {
    await outreachNight(stack, { runId: 'night-1', kecamatan: KECAMATAN, at: new Date() });
    const email = await stack.sink.waitFor((m) => m.subject.includes('Kunjungan pencegahan'));
    const officer = await stack.prisma.officer.findFirstOrThrow({ where: { email: email.to[0]! } });
    const households = await stack.prisma.welfareOutreach.findMany({ where: { officerId: officer.id, status: 'OPEN' }, orderBy: [{ desa: 'asc' }, { noKk: 'asc' }] });
    expect(households.length).toBeGreaterThan(1);
    const family = households[0]!;
    const { page, context } = await newPhone(browser);

    // The email's button opens the officer's list of families.
    const list = await tapLinkInEmail(page, email, 'Catat kunjungan');
    expect(list.status).toBe(200);
    expect(page.url()).toBe(outreachLinkIn(email));
    expect(await headingOf(page)).toBe('Kunjungan pencegahan');
    expect(await page.locator('#households-open').textContent()).toBe(String(households.length));
    expect(await usabilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'outreach-01-list');

    // The officer taps the first family and sends the form too early: the page says what is missing.
    // The officer's own page names the family by its full card: that is what the family shows at the door.
    const familyLink = page.getByRole('link', { name: `Desa ${family.desa} · KK ${family.noKk}` });
    await familyLink.tap();
    await page.waitForURL(/\/keluarga\//);
    expect(await headingOf(page)).toBe('Catat kunjungan');
    expect(await usabilityProblems(page)).toEqual([]);
    expect((await sendForm(page, 'Simpan kunjungan')).status).toBe(400);
    expect(await page.getByRole('alert').textContent()).toContain('Hasil kunjungan: Pilih hasil kunjungan.');

    await form.field(page, 'Tanggal kunjungan').fill(todayIso());
    await form.choice(page, 'Hasil kunjungan', 'Keluarga ditemui dan diusulkan menerima PIP/KIP').check();
    await form.field(page, 'Catatan').fill('Ibu akan membawa KK ke sekolah untuk mengurus KIP.');
    await saveScreenshot(page, 'outreach-02-form');
    expect((await sendForm(page, 'Simpan kunjungan')).status).toBe(200);
    expect(await headingOf(page)).toBe('Terima kasih, kunjungan tercatat');
    await saveScreenshot(page, 'outreach-03-recorded');

    const row = await stack.prisma.welfareOutreach.findUniqueOrThrow({ where: { id: family.id } });
    expect(row).toMatchObject({ status: 'DONE', outcome: 'PIP_KIP_PROPOSED', visitedOn: todayIso(), doneBy: officer.id });

    // Back on the list, the family visited is gone.
    await page.getByRole('link', { name: 'Kembali ke daftar keluarga' }).tap();
    await page.waitForURL(/\/kunjungan\/[^/]+$/);
    expect(await page.locator('#households-open').textContent()).toBe(String(households.length - 1));
    await context.close();
  });
});
