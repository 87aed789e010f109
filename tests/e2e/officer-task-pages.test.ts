import { describe, expect, it } from 'vitest';
import { officerIds } from '../../infra/seed.js';
import { newPhone, saveScreenshot } from '../support/browser.js';
import { daysFromNow, TARGET_SCHOOL } from '../integration/journeys/field-officer.js';
import { emailTo, fieldOfficerFor, officer, reportOf, taskLinkIn } from '../integration/journeys/stack.js';
import { deadlineDayPattern, fillEnrolmentConfirmation, fillVisitReport, fillVisitScheduling, form, headingOf, openLink, phoneTestbed, sendForm, tapLinkInEmail, taskSummaryOf } from './officer-phone.js';

const bed = phoneTestbed();

describe('A field officer brings a child back to school from their phone', () => {
  it('follows each emailed link, fills each form by its labels, and the enrolled child is watched on the school roll', async () => {
    const child = bed.stack.simulators.population.scenarios.matchingChild;
    const fieldOfficer = fieldOfficerFor(child.kecamatanCode, child.desa);
    const firstName = child.fullName.split(' ')[0]!;
    const reported = await bed.stack.coordinator.reportChild(reportOf(child));
    expect(reported.status).toBe(201);
    const { caseId } = reported.body;
    const { page, context } = await newPhone(bed.browser);

    // 1. Visit scheduling: the email's button opens the task, which names the child, the desa and the deadline.
    const schedulingEmail = await emailTo(bed.stack.sink, fieldOfficer, 'Jadwalkan kunjungan rumah');
    const scheduling = await tapLinkInEmail(page, schedulingEmail);
    expect(scheduling.status).toBe(200);
    const schedulingLink = page.url();
    expect(schedulingLink).toBe(taskLinkIn(schedulingEmail));
    expect(await headingOf(page)).toBe('Jadwalkan kunjungan rumah');
    const [schedulingTask] = (await bed.stack.coordinator.caseDetail(caseId)).tasks.filter((task) => task.type === 'VISIT_SCHEDULING');
    const summary = await taskSummaryOf(page);
    expect(summary['Anak']).toBe(firstName);
    expect(summary['Desa']).toContain(child.desa);
    expect(summary['Batas waktu']).toMatch(deadlineDayPattern(schedulingTask!.dueAt));
    expect(await page.content()).not.toContain(child.fullName);

    await fillVisitScheduling(page, daysFromNow(2));
    await saveScreenshot(page, '01-visit-scheduling-form');
    expect((await sendForm(page)).status).toBe(200);
    expect(await headingOf(page)).toBe('Terima kasih, laporan tersimpan');
    expect(await page.getByText('Laporan Anda sudah kami terima').isVisible()).toBe(true);
    await saveScreenshot(page, '02-confirmation');

    // 2. Visit report, from the next email: the family agrees to formal school at the target school.
    const reportEmail = await emailTo(bed.stack.sink, fieldOfficer, 'Laporan kunjungan rumah');
    expect((await tapLinkInEmail(page, reportEmail)).status).toBe(200);
    expect(await headingOf(page)).toBe('Laporan kunjungan rumah');
    await fillVisitReport(page);
    await saveScreenshot(page, '03-visit-report-form');
    expect((await sendForm(page)).status).toBe(200);
    expect(await headingOf(page)).toBe('Terima kasih, laporan tersimpan');
    await bed.stack.coordinator.waitForCase(caseId, (detail) => detail.stage === 'AWAITING_ENROLMENT', 'the wait for the enrolment');

    // 3. Enrolment confirmation: the school agreed at the visit is already filled in.
    const enrolmentEmail = await emailTo(bed.stack.sink, fieldOfficer, 'Konfirmasi pendaftaran sekolah');
    expect((await tapLinkInEmail(page, enrolmentEmail)).status).toBe(200);
    expect(await headingOf(page)).toBe('Konfirmasi pendaftaran sekolah');
    expect(await form.field(page, 'Nama sekolah/PKBM').inputValue()).toBe(TARGET_SCHOOL.name);
    expect(await form.field(page, 'NPSN sekolah').inputValue()).toBe(TARGET_SCHOOL.npsn);
    await fillEnrolmentConfirmation(page, daysFromNow(7));
    await saveScreenshot(page, '04-enrolment-confirmation-form');
    expect((await sendForm(page)).status).toBe(200);
    expect(await headingOf(page)).toBe('Terima kasih, laporan tersimpan');

    const enrolled = await bed.stack.coordinator.waitForCase(caseId, (detail) => detail.stage === 'MONITORING', 'the enrolled case watching the school roll');
    expect(enrolled.enrolment).toMatchObject({ npsn: TARGET_SCHOOL.npsn, schoolName: TARGET_SCHOOL.name, grade: 5 });

    // 4. Days later the officer taps the first email again: the task is done, and the page says whom to ask.
    expect(await openLink(page, schedulingLink)).toBe(410);
    expect(await headingOf(page)).toBe('Tugas ini sudah selesai');
    expect(await page.getByText('Laporan Anda untuk tugas ini sudah tersimpan').isVisible()).toBe(true);
    const supervisor = officer(officerIds.supervisor(child.kecamatanCode));
    expect(await page.getByText(supervisor.name).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: supervisor.email }).getAttribute('href')).toBe(`mailto:${supervisor.email}`);
    expect(await form.field(page, 'Tanggal kunjungan').count()).toBe(0);
    await saveScreenshot(page, '05-used-link');
    await context.close();
  });
});
