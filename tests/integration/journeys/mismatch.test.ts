import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, formatDay } from '../../../api/tasks/html/layout.js';
import { maskNik } from '../../../domain/nik.js';
import { officerIds } from '../../../infra/seed.js';
import { bringChildBackToSchool } from './field-officer.js';
import { auditLogOf, browser, emailTo, fieldOfficerFor, officer, reportOf, startJourneyStack, taskLinkIn, watchingSchoolRoll, type JourneyStack } from './stack.js';

let stack: JourneyStack;

beforeAll(async () => {
  stack = await startJourneyStack();
});

afterAll(async () => {
  await stack?.close();
});

describe('Field report and Dukcapil disagree', () => {
  it('asks Dukcapil to settle the identity, then visits the child under the corrected name', async () => {
    const { person, reported } = stack.simulators.population.scenarios.mismatchedChild;
    const dukcapilOfficer = officer(officerIds.dukcapilFieldOfficer());
    const fieldOfficer = fieldOfficerFor(person.kecamatanCode, person.desa);

    // The school's record spells the name its own way and has another birth date.
    const report = reportOf({ ...person, fullName: reported.fullName, birthDate: reported.birthDate });
    const created = await stack.coordinator.reportChild(report);
    expect(created.status).toBe(201);
    const { caseId } = created.body;

    const email = await emailTo(stack.sink, dukcapilOfficer, 'Perbaikan data kependudukan');
    const link = taskLinkIn(email);
    const page = await browser.open(link);
    // Each differing field, side by side: what was reported, what Dukcapil holds.
    expect(page.html).toContain(`<td>${escapeHtml(reported.fullName)}</td><td>${escapeHtml(person.fullName)}</td>`);
    expect(page.html).toContain(`<td>${formatDay(reported.birthDate)}</td><td>${formatDay(person.birthDate)}</td>`);
    // The form starts from the registry's values; the officer confirms them as they are.
    expect(page.form.valuesOf('fullName')).toEqual([person.fullName]);
    expect(page.form.valuesOf('birthDate')).toEqual([person.birthDate]);
    expect(page.form.valuesOf('sex')).toEqual([person.sex]);
    const sent = await browser.submit(link, page.form.check('resolution', 'REGISTRY_IS_CORRECT'));
    expect(sent.status).toBe(200);

    // The home visit goes ahead for the child as Dukcapil knows them.
    await emailTo(stack.sink, fieldOfficer, 'Jadwalkan kunjungan rumah');
    const corrected = await stack.coordinator.caseDetail(caseId);
    expect(corrected).toMatchObject({
      stage: 'HOME_VISIT',
      identityStatus: 'CORRECTED',
      child: { fullName: person.fullName, birthDate: person.birthDate, sex: person.sex },
    });
    const stored = await stack.prisma.child.findUniqueOrThrow({ where: { caseId } });
    expect(stored).toMatchObject({ fullName: person.fullName, birthDate: person.birthDate });

    await bringChildBackToSchool(stack.sink, fieldOfficer);
    await watchingSchoolRoll(stack, caseId);

    const log = await auditLogOf(stack.prisma, caseId);
    expect(log.types.slice(0, 6)).toEqual(['CASE_OPENED', 'IDENTITY_MISMATCH', 'STAGE_CHANGED', 'TASK_OPENED', 'TASK_COMPLETED', 'IDENTITY_CONFIRMED']);
    expect(log.types.slice(-2)).toEqual(['ENROLMENT_CONFIRMED', 'STAGE_CHANGED']);
    expect(log.chain.valid).toBe(true);
    const mismatch = await stack.prisma.caseEvent.findFirstOrThrow({ where: { caseId, type: 'IDENTITY_MISMATCH' } });
    // The audit log names the fields that differed, never their values.
    expect(mismatch.data).toEqual({ fields: ['fullName', 'birthDate'] });
  });

  it('registers a child without a NIK, and a later report carrying the new NIK joins the same case', async () => {
    const child = stack.simulators.population.scenarios.absentChild;
    const dukcapilOfficer = officer(officerIds.dukcapilFieldOfficer());
    const fieldOfficer = fieldOfficerFor(child.kecamatanCode, child.desa);
    const { nik, ...withoutNik } = child;
    const issuedNoKk = `${child.kecamatanCode}0101200001`;

    const first = await stack.coordinator.reportChild({ ...reportOf(withoutNik), category: 'BPB', lastSchool: undefined });
    expect(first.status).toBe(201);
    const { caseId } = first.body;

    // Dukcapil's officer helps the family register the child and enters the numbers issued.
    const email = await emailTo(stack.sink, dukcapilOfficer, 'Pendaftaran dokumen kependudukan anak');
    const link = taskLinkIn(email);
    const page = await browser.open(link);
    expect(page.html).toContain('Anak ini belum memiliki NIK.');
    const sent = await browser.submit(link, page.form.type('nik', nik).type('noKk', issuedNoKk).type('birthCertificateNumber', '6408-LT-12052025-0042'));
    expect(sent.status).toBe(200);

    await emailTo(stack.sink, fieldOfficer, 'Jadwalkan kunjungan rumah');
    const registered = await stack.coordinator.caseDetail(caseId);
    expect(registered).toMatchObject({ identityStatus: 'REGISTERED', child: { nik: maskNik(nik), noKk: maskNik(issuedNoKk) } });

    // The school later reports the same child with the new NIK (and a shortened name): it is the same case.
    const second = await stack.coordinator.reportChild({
      ...reportOf({ ...child, fullName: child.fullName.split(' ')[0]! }),
      source: { channel: 'DAPODIK', reference: 'DAPODIK-VERVAL-2025-77' },
    });
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ caseId, status: 'JOINED_EXISTING', reportCount: 2 });
    const joined = await stack.coordinator.waitForCase(caseId, (c) => c.reportCount === 2, 'the second report on the case');
    expect(joined.sources?.map((source) => source.channel)).toEqual(['SIPBM', 'DAPODIK']);
    const inKecamatan = await stack.coordinator.listCases({ kecamatan: child.kecamatanCode });
    expect(inKecamatan.items.map((item) => item.caseId)).toEqual([caseId]);
  });
});
