import { describe, expect, it } from 'vitest';
import { officerIds } from '../../infra/seed.js';
import { newPhone, saveScreenshot } from '../support/browser.js';
import { daysFromNow } from '../integration/journeys/field-officer.js';
import { emailTo, fieldOfficerFor, officer, reportOf } from '../integration/journeys/stack.js';
import { fillVisitScheduling, form, headingOf, openLink, phoneTestbed, sendForm, tapLinkInEmail } from './officer-phone.js';
import { usabilityProblems } from './phone-checks.js';

const bed = phoneTestbed();

describe('An officer who cannot do a task, and the supervisor who hands it on', () => {
  it('declines from the task page; the supervisor reassigns it from the email’s link; the new officer does it', async () => {
    const child = bed.stack.simulators.population.scenarios.matchingChild;
    const desaOfficer = fieldOfficerFor(child.kecamatanCode, child.desa);
    const kecamatanOfficer = officer(officerIds.fieldOfficer(child.kecamatanCode));
    const supervisor = officer(officerIds.supervisor(child.kecamatanCode));
    expect(desaOfficer.id, 'the story needs a desa officer besides the kecamatan officer').not.toBe(kecamatanOfficer.id);
    const reported = await bed.stack.coordinator.reportChild(reportOf(child));
    expect(reported.status).toBe(201);
    const { caseId } = reported.body;

    // The desa officer is on leave: below the task's form, a reason and one tap hand the task to the supervisor.
    const officerPhone = await newPhone(bed.browser);
    expect((await tapLinkInEmail(officerPhone.page, await emailTo(bed.stack.sink, desaOfficer, 'Jadwalkan kunjungan rumah'))).status).toBe(200);
    const declinedLink = officerPhone.page.url();
    await form.field(officerPhone.page, 'Alasan tidak dapat mengerjakan').fill('Sedang cuti melahirkan sampai akhir bulan.');
    expect((await sendForm(officerPhone.page, 'Tidak dapat mengerjakan tugas ini')).status).toBe(200);
    expect(await headingOf(officerPhone.page)).toBe('Tugas diteruskan kepada pengawas');
    expect(await officerPhone.page.getByText(supervisor.name).isVisible()).toBe(true);
    await saveScreenshot(officerPhone.page, '08-task-declined');
    // Tapping the email again later shows what happened instead of the form.
    expect(await openLink(officerPhone.page, declinedLink)).toBe(410);
    expect(await headingOf(officerPhone.page)).toBe('Tugas ini sudah Anda tolak');

    // The supervisor's email says who declined and why; its button opens the reassignment page.
    const supervisorPhone = await newPhone(bed.browser);
    const declineEmail = await emailTo(bed.stack.sink, supervisor, 'Perlu dialihkan: Jadwalkan kunjungan rumah');
    expect(declineEmail.text).toContain('Sedang cuti melahirkan sampai akhir bulan.');
    expect((await tapLinkInEmail(supervisorPhone.page, declineEmail, 'Alihkan tugas')).status).toBe(200);
    const reassignLink = supervisorPhone.page.url();
    expect(await headingOf(supervisorPhone.page)).toBe('Alihkan tugas');
    await form.choice(supervisorPhone.page, 'Alihkan kepada', `${kecamatanOfficer.name} — Petugas lapangan`).check();
    await form.field(supervisorPhone.page, 'Alasan pengalihan').fill('Petugas desa cuti; dikerjakan petugas kecamatan.');
    expect(await usabilityProblems(supervisorPhone.page)).toEqual([]);
    await saveScreenshot(supervisorPhone.page, '09-reassign-form');
    expect((await sendForm(supervisorPhone.page, 'Alihkan tugas')).status).toBe(200);
    expect(await headingOf(supervisorPhone.page)).toBe('Tugas sudah dialihkan');
    expect(await supervisorPhone.page.getByText(kecamatanOfficer.name).isVisible()).toBe(true);
    // The reassignment link works once; opened again, it says so and who holds the task.
    expect(await openLink(supervisorPhone.page, reassignLink)).toBe(410);
    expect(await headingOf(supervisorPhone.page)).toBe('Tautan ini sudah digunakan');
    expect(await supervisorPhone.page.getByText(kecamatanOfficer.name).isVisible()).toBe(true);

    // The kecamatan officer gets the task with a link of their own and does it.
    const newOfficerPhone = await newPhone(bed.browser);
    expect((await tapLinkInEmail(newOfficerPhone.page, await emailTo(bed.stack.sink, kecamatanOfficer, 'Jadwalkan kunjungan rumah'))).status).toBe(200);
    await fillVisitScheduling(newOfficerPhone.page, daysFromNow(2));
    expect((await sendForm(newOfficerPhone.page)).status).toBe(200);
    expect(await headingOf(newOfficerPhone.page)).toBe('Terima kasih, laporan tersimpan');
    const detail = await bed.stack.coordinator.waitForCase(
      caseId,
      (c) => c.tasks.some((task) => task.type === 'VISIT_REPORT'),
      'the visit report task after the reassigned scheduling',
    );
    expect(detail.tasks.find((task) => task.type === 'VISIT_SCHEDULING')?.assignee.officerId).toBe(kecamatanOfficer.id);

    await Promise.all([officerPhone.context.close(), supervisorPhone.context.close(), newOfficerPhone.context.close()]);
  });
});
