import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPhone, saveScreenshot } from '../support/browser.js';
import { daysFromNow, TARGET_SCHOOL } from '../integration/journeys/field-officer.js';
import { emailTo, fieldOfficerFor, reportOf } from '../integration/journeys/stack.js';
import { fillEnrolmentConfirmation, fillVisitReport, fillVisitScheduling, form, headingOf, openLink, phoneTestbed, sendForm, tapLinkInEmail, type PageLoad } from './officer-phone.js';
import { accessibleDescriptionOf, bytesOf, MIN_CONTRAST, textContrasts, usabilityProblems } from './phone-checks.js';

const bed = phoneTestbed();

/** Officers often have a weak signal in the villages: a task page must arrive whole in one small response. */
const MAX_PAGE_BYTES = 50 * 1024;

/** The page came in one request to our own server, under 50 KB, and nothing on it is hard to use on a phone. */
async function expectLightAndUsable(page: Page, load: PageLoad): Promise<void> {
  expect(load.transfers.map((transfer) => new URL(transfer.url).origin)).toEqual([bed.stack.apiUrl]);
  expect(bytesOf(load.transfers)).toBeLessThan(MAX_PAGE_BYTES);
  expect(await usabilityProblems(page)).toEqual([]);
}

describe('Task pages on an officer’s phone', () => {
  it('each page of a task is one request under 50 KB, every field labelled, every target big enough, all text readable', async () => {
    const child = bed.stack.simulators.population.scenarios.matchingChild;
    const fieldOfficer = fieldOfficerFor(child.kecamatanCode, child.desa);
    expect((await bed.stack.coordinator.reportChild(reportOf(child))).status).toBe(201);
    const { page, context } = await newPhone(bed.browser);

    const scheduling = await tapLinkInEmail(page, await emailTo(bed.stack.sink, fieldOfficer, 'Jadwalkan kunjungan rumah'));
    expect(scheduling.status).toBe(200);
    await expectLightAndUsable(page, scheduling);
    const schedulingLink = page.url();
    // Measured, not assumed: the body text and the primary button are among the texts checked.
    const contrasts = await textContrasts(page);
    const bodyText = contrasts.find((found) => found.text.startsWith('Tentukan tanggal kunjungan rumah'));
    const button = contrasts.find((found) => found.text === 'Kirim laporan');
    expect(bodyText?.ratio).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(button?.ratio).toBeGreaterThanOrEqual(MIN_CONTRAST);

    await fillVisitScheduling(page, daysFromNow(2));
    const confirmation = await sendForm(page);
    expect(confirmation.status).toBe(200);
    await expectLightAndUsable(page, confirmation);

    const report = await tapLinkInEmail(page, await emailTo(bed.stack.sink, fieldOfficer, 'Laporan kunjungan rumah'));
    await expectLightAndUsable(page, report);
    await fillVisitReport(page);
    expect((await sendForm(page)).status).toBe(200);

    const enrolment = await tapLinkInEmail(page, await emailTo(bed.stack.sink, fieldOfficer, 'Konfirmasi pendaftaran sekolah'));
    await expectLightAndUsable(page, enrolment);
    await fillEnrolmentConfirmation(page, daysFromNow(7));
    expect((await sendForm(page)).status).toBe(200);

    expect(await openLink(page, schedulingLink)).toBe(410);
    expect(await usabilityProblems(page)).toEqual([]);
    await context.close();
  });

  it('explains a mistake in Indonesian beside the field, keeps what was typed, and marks the field for screen readers', async () => {
    const { child } = bed.stack.simulators.population.scenarios.nonPoorHousehold;
    const fieldOfficer = fieldOfficerFor(child.kecamatanCode, child.desa);
    expect((await bed.stack.coordinator.reportChild(reportOf(child))).status).toBe(201);
    const { page, context } = await newPhone(bed.browser);

    await tapLinkInEmail(page, await emailTo(bed.stack.sink, fieldOfficer, 'Jadwalkan kunjungan rumah'));
    await fillVisitScheduling(page, daysFromNow(1));
    expect((await sendForm(page)).status).toBe(200);

    // The officer copies the school's NPSN from a notebook and drops a digit.
    await tapLinkInEmail(page, await emailTo(bed.stack.sink, fieldOfficer, 'Laporan kunjungan rumah'));
    await fillVisitReport(page, { name: TARGET_SCHOOL.name, npsn: '3040123' });
    const rejected = await sendForm(page);
    expect(rejected.status).toBe(400);
    await saveScreenshot(page, '06-visit-report-with-mistake');

    // At the top, in view without scrolling: the report was not saved.
    const alert = page.getByRole('alert');
    expect(await alert.textContent()).toContain('Laporan belum tersimpan');
    const alertBox = await alert.boundingBox();
    expect(alertBox!.y + alertBox!.height).toBeLessThanOrEqual(page.viewportSize()!.height);
    // It has the focus, so a screen reader reads it first, and it lists each mistake as a link to its field.
    expect(await page.locator(':focus').getAttribute('role')).toBe('alert');
    const toNpsn = alert.getByRole('link', { name: 'NPSN sekolah tujuan: NPSN harus terdiri dari 8 angka.' });
    expect(await toNpsn.count()).toBe(1);

    // Beside the field: the message in Bahasa Indonesia, between the label and the box, tied to the box for screen readers.
    const npsn = form.field(page, 'NPSN sekolah tujuan');
    expect(await npsn.inputValue()).toBe('3040123');
    expect(await npsn.getAttribute('aria-invalid')).toBe('true');
    const description = await accessibleDescriptionOf(npsn);
    expect(description).toContain('NPSN harus terdiri dari 8 angka.');
    const message = page.getByText('NPSN harus terdiri dari 8 angka.', { exact: true });
    expect(await message.isVisible()).toBe(true);
    const [messageBox, inputBox] = [await message.boundingBox(), await npsn.boundingBox()];
    expect(inputBox!.y - (messageBox!.y + messageBox!.height)).toBeGreaterThanOrEqual(0);
    expect(inputBox!.y - (messageBox!.y + messageBox!.height)).toBeLessThan(40);
    // Only the wrong field is marked; everything else the officer typed or ticked is still there.
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(1);
    expect(await form.choice(page, 'Apakah keluarga berhasil ditemui?', 'Ya, keluarga ditemui').isChecked()).toBe(true);
    expect(await form.choice(page, 'Alasan anak tidak sekolah', 'Ekonomi').isChecked()).toBe(true);
    expect(await form.choice(page, 'Alasan anak tidak sekolah', 'Bekerja').isChecked()).toBe(true);
    expect(await form.choice(page, 'Alasan anak tidak sekolah', 'Menikah').isChecked()).toBe(false);
    expect(await form.choice(page, 'Anak bersedia kembali sekolah?', 'Ya').isChecked()).toBe(true);
    expect(await form.choice(page, 'Orang tua/wali mendukung?', 'Ya').isChecked()).toBe(true);
    expect(await form.field(page, 'Jalur kembali sekolah yang disepakati').locator('option:checked').textContent()).toBe('Sekolah formal');
    expect(await form.field(page, 'Sekolah/PKBM tujuan').inputValue()).toBe(TARGET_SCHOOL.name);
    expect(await form.field(page, 'Catatan').inputValue()).toContain('bersedia kembali ke kelas 5');
    await expectLightAndUsable(page, rejected);

    // The officer follows the link at the top to the field, corrects it and sends again: this time it is saved.
    await toNpsn.click();
    expect(await page.locator(':focus').getAttribute('name')).toBe('targetSchool.npsn');
    await npsn.fill(TARGET_SCHOOL.npsn);
    expect((await sendForm(page)).status).toBe(200);
    expect(await headingOf(page)).toBe('Terima kasih, laporan tersimpan');
    await context.close();
  });
});
