import { describe, expect, it } from 'vitest';
import { newPhone } from '../support/browser.js';
import { daysFromNow, TARGET_SCHOOL } from '../integration/journeys/field-officer.js';
import { emailTo, fieldOfficerFor, reportOf } from '../integration/journeys/stack.js';
import { fillEnrolmentConfirmation, fillVisitReport, fillVisitScheduling, headingOf, openLink, phoneTestbed, sendForm, tapLinkInEmail } from './officer-phone.js';

const bed = phoneTestbed();

describe('An officer whose phone runs no JavaScript', () => {
  it('still opens, fills and sends every form of the home visit, and the child is enrolled', async () => {
    const child = bed.stack.simulators.population.scenarios.unregisteredHousehold.child;
    const fieldOfficer = fieldOfficerFor(child.kecamatanCode, child.desa);
    const reported = await bed.stack.coordinator.reportChild(reportOf(child));
    expect(reported.status).toBe(201);
    const { caseId } = reported.body;
    const { page, context } = await newPhone(bed.browser, { javaScriptEnabled: false });

    // Proof that this phone really runs no script: a page that would rewrite its own text keeps it.
    await page.setContent('<p id="probe">tanpa skrip</p><script>document.getElementById("probe").textContent = "skrip berjalan";</script>');
    expect(await page.locator('#probe').textContent()).toBe('tanpa skrip');

    expect((await tapLinkInEmail(page, await emailTo(bed.stack.sink, fieldOfficer, 'Jadwalkan kunjungan rumah'))).status).toBe(200);
    const schedulingLink = page.url();
    await fillVisitScheduling(page, daysFromNow(3));
    expect((await sendForm(page)).status).toBe(200);
    expect(await headingOf(page)).toBe('Terima kasih, laporan tersimpan');

    // A mistake comes back from the server, explained, without any script on the page.
    expect((await tapLinkInEmail(page, await emailTo(bed.stack.sink, fieldOfficer, 'Laporan kunjungan rumah'))).status).toBe(200);
    await fillVisitReport(page, { name: TARGET_SCHOOL.name, npsn: '304012' });
    expect((await sendForm(page)).status).toBe(400);
    expect(await page.getByText('NPSN harus terdiri dari 8 angka.', { exact: true }).isVisible()).toBe(true);
    await page.getByLabel('NPSN sekolah tujuan').fill(TARGET_SCHOOL.npsn);
    expect((await sendForm(page)).status).toBe(200);
    expect(await headingOf(page)).toBe('Terima kasih, laporan tersimpan');

    expect((await tapLinkInEmail(page, await emailTo(bed.stack.sink, fieldOfficer, 'Konfirmasi pendaftaran sekolah'))).status).toBe(200);
    await fillEnrolmentConfirmation(page, daysFromNow(10));
    expect((await sendForm(page)).status).toBe(200);
    expect(await headingOf(page)).toBe('Terima kasih, laporan tersimpan');

    const enrolled = await bed.stack.coordinator.waitForCase(caseId, (detail) => detail.stage === 'MONITORING', 'the enrolled case watching the school roll');
    expect(enrolled.enrolment).toMatchObject({ npsn: TARGET_SCHOOL.npsn, schoolName: TARGET_SCHOOL.name, grade: 5 });

    expect(await openLink(page, schedulingLink)).toBe(410);
    expect(await headingOf(page)).toBe('Tugas ini sudah selesai');
    await context.close();
  });
});
