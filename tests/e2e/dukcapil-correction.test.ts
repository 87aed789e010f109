import { describe, expect, it } from 'vitest';
import { maskNik } from '../../domain/nik.js';
import { officerIds } from '../../infra/seed.js';
import { newPhone, saveScreenshot } from '../support/browser.js';
import { emailTo, fieldOfficerFor, officer, reportOf } from '../integration/journeys/stack.js';
import { form, headingOf, phoneTestbed, sendForm, tapLinkInEmail } from './officer-phone.js';
import { usabilityProblems } from './phone-checks.js';

const bed = phoneTestbed();

/** A calendar date as the page writes it, e.g. "14 Mei 2013". */
const longDate = (isoDay: string) => new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDay}T00:00:00Z`));

describe('A Dukcapil officer settles a child’s identity from their phone', () => {
  it('sees what was reported beside what the registry holds, confirms the registry, and the case moves on under the right name', async () => {
    const { person, reported } = bed.stack.simulators.population.scenarios.mismatchedChild;
    const dukcapilOfficer = officer(officerIds.dukcapilFieldOfficer());
    // The school's record abbreviates the first name and has another birth date.
    const created = await bed.stack.coordinator.reportChild(reportOf({ ...person, fullName: reported.fullName, birthDate: reported.birthDate }));
    expect(created.status).toBe(201);
    const { caseId } = created.body;
    const { page, context } = await newPhone(bed.browser);

    const opened = await tapLinkInEmail(page, await emailTo(bed.stack.sink, dukcapilOfficer, 'Perbaikan data kependudukan'));
    expect(opened.status).toBe(200);
    expect(await headingOf(page)).toBe('Perbaikan data kependudukan');

    // Side by side, one row per field that differs: reported, then Dukcapil.
    const cellsOf = (field: string) => page.getByRole('row', { name: field }).getByRole('cell').allTextContents();
    expect(await page.getByRole('columnheader').allTextContents()).toEqual(['Data', 'Dilaporkan', 'Dukcapil']);
    expect(await cellsOf('Nama lengkap')).toEqual([reported.fullName, person.fullName]);
    expect(await cellsOf('Tanggal lahir')).toEqual([longDate(reported.birthDate), longDate(person.birthDate)]);
    expect(await page.getByRole('row').count()).toBe(3);

    // The form starts from the registry's values; the officer confirms them and adds the family card number seen at the office.
    expect(await form.field(page, 'Nama lengkap').inputValue()).toBe(person.fullName);
    expect(await form.field(page, 'Tanggal lahir').inputValue()).toBe(person.birthDate);
    expect(await form.choice(page, 'Jenis kelamin', person.sex === 'L' ? 'Laki-laki' : 'Perempuan').isChecked()).toBe(true);
    await form.choice(page, 'Hasil pemeriksaan', 'Data Dukcapil sudah benar; laporan yang keliru').check();
    await form.field(page, 'Nomor KK').fill(person.noKk);
    await form.field(page, 'Catatan').fill('Nama di rapor sekolah disingkat; akta kelahiran sesuai data Dukcapil.');
    expect(await usabilityProblems(page)).toEqual([]);
    await saveScreenshot(page, '07-dukcapil-correction-form');

    expect((await sendForm(page)).status).toBe(200);
    expect(await headingOf(page)).toBe('Terima kasih, laporan tersimpan');
    await context.close();

    // The home visit goes ahead for the child as Dukcapil knows them.
    const fieldOfficer = fieldOfficerFor(person.kecamatanCode, person.desa);
    await emailTo(bed.stack.sink, fieldOfficer, 'Jadwalkan kunjungan rumah');
    const corrected = await bed.stack.coordinator.caseDetail(caseId);
    expect(corrected).toMatchObject({
      identityStatus: 'CORRECTED',
      child: { fullName: person.fullName, birthDate: person.birthDate, sex: person.sex, noKk: maskNik(person.noKk) },
    });
  });
});
