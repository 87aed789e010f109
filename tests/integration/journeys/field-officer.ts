import { expect } from 'vitest';
import type { SmtpSink } from '../../../infra/smtp-sink.js';
import { browser, emailTo, taskLinkIn, type DirectoryOfficer } from './stack.js';

/** The school the child goes back to in every story. */
export const TARGET_SCHOOL = { name: 'SD Negeri 010 Sangatta Utara', npsn: '30401234' } as const;

/** Dates as the officer picks them: a few days from now (the forms accept any real calendar date). */
export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The field officer opens the visit-scheduling email and picks a visit date. */
export async function scheduleVisit(sink: SmtpSink, fieldOfficer: DirectoryOfficer, visitDate = daysFromNow(2)): Promise<string> {
  const email = await emailTo(sink, fieldOfficer, 'Jadwalkan kunjungan rumah');
  const link = taskLinkIn(email);
  const page = await browser.open(link);
  expect(page.html).toContain('Tentukan tanggal kunjungan rumah');
  const sent = await browser.submit(link, page.form.type('visitDate', visitDate));
  expect(sent.status).toBe(200);
  expect(sent.html).toContain('Terima kasih, laporan tersimpan');
  return visitDate;
}

/** After the visit: the family was met, child and parents agree to formal school at the target school. */
export async function reportVisit(sink: SmtpSink, fieldOfficer: DirectoryOfficer): Promise<void> {
  const email = await emailTo(sink, fieldOfficer, 'Laporan kunjungan rumah');
  const link = taskLinkIn(email);
  const page = await browser.open(link);
  page.form
    .check('familyMet', 'true')
    .check('reasonsConfirmed', 'ECONOMIC')
    .check('reasonsConfirmed', 'WORKING')
    .check('childWilling', 'true')
    .check('parentsWilling', 'true')
    .select('agreedPath', 'FORMAL_SCHOOL')
    .type('targetSchool.name', TARGET_SCHOOL.name)
    .type('targetSchool.npsn', TARGET_SCHOOL.npsn)
    .type('note', 'Anak membantu orang tua di kebun; bersedia kembali ke kelas 5.');
  const sent = await browser.submit(link, page.form);
  expect(sent.status).toBe(200);
}

/** Once the child sits in class: the officer confirms the enrolment; the form starts from the agreed school. */
export async function confirmEnrolment(sink: SmtpSink, fieldOfficer: DirectoryOfficer, enrolmentDate = daysFromNow(7)): Promise<void> {
  const email = await emailTo(sink, fieldOfficer, 'Konfirmasi pendaftaran sekolah');
  const link = taskLinkIn(email);
  const page = await browser.open(link);
  expect(page.form.valuesOf('schoolName')).toEqual([TARGET_SCHOOL.name]);
  expect(page.form.valuesOf('npsn')).toEqual([TARGET_SCHOOL.npsn]);
  const sent = await browser.submit(link, page.form.type('enrolmentDate', enrolmentDate).type('grade', '5'));
  expect(sent.status).toBe(200);
}

/** The field officer's whole part: schedule the visit, report it, confirm the enrolment. */
export async function bringChildBackToSchool(sink: SmtpSink, fieldOfficer: DirectoryOfficer): Promise<void> {
  await scheduleVisit(sink, fieldOfficer);
  await reportVisit(sink, fieldOfficer);
  await confirmEnrolment(sink, fieldOfficer);
}
