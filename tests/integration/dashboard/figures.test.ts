import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { dashboardFigures } from '../../../api/dashboard/dashboard-service.js';
import type { DashboardFilter } from '../../../domain/dashboard.js';
import type { PrismaClient } from '../../../generated/prisma/client.js';
import { createPrisma } from '../../../infra/db.js';
import { applyMigrations } from '../../../infra/migrations.js';
import { officerIds, seedOfficerDirectory } from '../../../infra/seed.js';
import { createScratchDatabase, type ScratchDatabase } from '../db/scratch-database.js';
import { NOW, writeKnownCases } from './known-cases.js';

let database: ScratchDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  database = await createScratchDatabase(inject('postgresServerUrl'));
  await applyMigrations(database.url);
  prisma = createPrisma(database.url);
  await seedOfficerDirectory(prisma);
  await writeKnownCases(prisma);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await database?.drop();
});

const wholeDistrict = { scope: [] };
const figures = (filter: DashboardFilter = {}, caller: { scope: string[] } = wholeDistrict) => dashboardFigures(prisma, filter, caller, NOW);
const funnelOf = (f: Awaited<ReturnType<typeof figures>>) => Object.fromEntries(f.funnel.map((stage) => [stage.stage, stage.cases]));
const rowOf = (f: Awaited<ReturnType<typeof figures>>, code: string) => f.kecamatan.find((row) => row.code === code);

describe('the coordinator’s dashboard for the whole district', () => {
  it('counts the cases at each stage, in the order a case passes through them, with Indonesian labels', async () => {
    const f = await figures();
    expect(f.funnel.map((stage) => [stage.stage, stage.label, stage.cases])).toEqual([
      ['VERIFYING_IDENTITY', 'Verifikasi data Dukcapil', 1],
      ['CORRECTING_RECORDS', 'Perbaikan data kependudukan', 0],
      ['REGISTERING_CHILD', 'Pendaftaran dokumen kependudukan', 0],
      ['CHECKING_WELFARE', 'Pemeriksaan data kesejahteraan (Dinsos)', 0],
      ['HOME_VISIT', 'Kunjungan rumah', 2],
      ['AWAITING_DECISION', 'Menunggu keputusan koordinator', 0],
      ['AWAITING_ENROLMENT', 'Menunggu konfirmasi pendaftaran sekolah', 1],
      ['MONITORING', 'Pemantauan setelah kembali bersekolah', 0],
      ['CLOSED', 'Selesai', 4],
    ]);
  });

  it('shows open and overdue tasks by agency and by officer, busiest with late work first', async () => {
    const { tasks } = await figures();
    expect({ open: tasks.open, overdue: tasks.overdue }).toEqual({ open: 5, overdue: 2 });
    expect(tasks.byAgency).toEqual([
      { agency: 'DISDIKBUD', label: 'Disdikbud', open: 3, overdue: 1 },
      { agency: 'DUKCAPIL', label: 'Disdukcapil', open: 1, overdue: 1 },
      { agency: 'DINSOS', label: 'Dinsos', open: 1, overdue: 0 },
    ]);
    expect(tasks.byOfficer.map((o) => [o.officerId, o.name, o.open, o.overdue])).toEqual([
      [officerIds.fieldOfficer('640804'), 'Siti Nurhaliza', 2, 1],
      [officerIds.dukcapilFieldOfficer(), 'Nurul Hidayah', 1, 1],
      [officerIds.fieldOfficer('640809'), 'Hasanuddin', 1, 0],
      [officerIds.dinsosFieldOfficer(), 'Ratna Sari Dewi', 1, 0],
    ]);
  });

  it('tables every kecamatan, those without a case too, and each row adds up', async () => {
    const f = await figures();
    expect(f.kecamatan).toHaveLength(18);
    expect(rowOf(f, '640804')).toEqual({ code: '640804', name: 'Sangatta Utara', cases: 5, open: 2, overdue: 1, enrolled: 2, closed: 1 });
    expect(rowOf(f, '640805')).toEqual({ code: '640805', name: 'Sangkulirang', cases: 2, open: 1, overdue: 0, enrolled: 1, closed: 0 });
    expect(rowOf(f, '640809')).toEqual({ code: '640809', name: 'Bengalon', cases: 1, open: 1, overdue: 0, enrolled: 0, closed: 0 });
    expect(rowOf(f, '640806')).toEqual({ code: '640806', name: 'Busang', cases: 0, open: 0, overdue: 0, enrolled: 0, closed: 0 });
    expect(f.totals).toEqual({ cases: 8, open: 4, overdue: 1, enrolled: 3, closed: 1 });
  });

  it('gives the median days from report to the first home visit and to enrolment', async () => {
    const f = await figures();
    // Visits after 4, 2, 6 and 7 days (the second Sangkulirang visit does not count: the first one does).
    expect(f.reportToHomeVisit).toEqual({ days: 5, cases: 4 });
    // Enrolled after 20, 11 and 29.7 days.
    expect(f.reportToEnrolment).toEqual({ days: 20, cases: 3 });
  });

  it('counts the children enrolled this calendar month in WITA, one enrolled at 01:00 WITA on the 1st included', async () => {
    const f = await figures();
    expect(f.enrolledThisMonth).toEqual({ month: '2026-12', label: 'Desember 2026', cases: 2 });
  });
});

describe('narrowing the dashboard', () => {
  it('to one kecamatan counts only its cases and tasks', async () => {
    const f = await figures({ kecamatan: '640804' });
    expect(f.kecamatan.map((row) => row.code)).toEqual(['640804']);
    expect(funnelOf(f)).toMatchObject({ HOME_VISIT: 1, AWAITING_ENROLMENT: 1, CLOSED: 3, VERIFYING_IDENTITY: 0 });
    expect({ open: f.tasks.open, overdue: f.tasks.overdue }).toEqual({ open: 2, overdue: 1 });
    expect(f.reportToHomeVisit).toEqual({ days: 4, cases: 3 });
    expect(f.reportToEnrolment).toEqual({ days: 15.5, cases: 2 });
    expect(f.enrolledThisMonth.cases).toBe(1);
  });

  it('to one category', async () => {
    const f = await figures({ category: 'DO' });
    expect(f.totals).toEqual({ cases: 5, open: 4, overdue: 1, enrolled: 0, closed: 1 });
    expect(f.reportToHomeVisit).toEqual({ days: 4, cases: 1 });
    expect(f.reportToEnrolment).toEqual({ days: null, cases: 0 });
    expect(f.tasks.open).toBe(5);
  });

  it('to a period of report days in WITA, both ends included', async () => {
    const november = await figures({ from: '2026-11-01', to: '2026-11-30' });
    expect(november.totals.cases).toBe(4);
    expect(funnelOf(november)).toMatchObject({ HOME_VISIT: 1, AWAITING_ENROLMENT: 1, CLOSED: 2 });

    // The Bengalon child was reported at 01:00 WITA on 15 December (14 December in UTC).
    const upTo14th = await figures({ from: '2026-12-01', to: '2026-12-14' });
    expect(upTo14th.kecamatan.filter((row) => row.cases > 0).map((row) => row.code)).toEqual(['640805']);
    const from15th = await figures({ from: '2026-12-15' });
    expect(from15th.kecamatan.filter((row) => row.cases > 0).map((row) => row.code)).toEqual(['640809']);
    expect(from15th.tasks.byAgency.map((a) => a.open)).toEqual([1, 0, 1]);
  });
});

describe('a supervisor of one kecamatan', () => {
  const sangkulirang = { scope: ['640805'] };

  it('sees only that kecamatan: its cases, its tasks, its medians', async () => {
    const f = await figures({}, sangkulirang);
    expect(f.scope).toEqual(['640805']);
    expect(f.kecamatan.map((row) => row.code)).toEqual(['640805']);
    expect(f.totals).toEqual({ cases: 2, open: 1, overdue: 0, enrolled: 1, closed: 0 });
    expect(f.tasks.byOfficer.map((o) => o.officerId)).toEqual([officerIds.dukcapilFieldOfficer()]);
    expect(f.reportToHomeVisit).toEqual({ days: 7, cases: 1 });
    expect(f.enrolledThisMonth.cases).toBe(1);
  });

  it('asking for another kecamatan gets nothing, not its figures', async () => {
    const f = await figures({ kecamatan: '640804' }, sangkulirang);
    expect(f.kecamatan).toEqual([]);
    expect(f.totals.cases).toBe(0);
    expect(f.tasks).toMatchObject({ open: 0, overdue: 0, byOfficer: [] });
    expect(f.reportToEnrolment).toEqual({ days: null, cases: 0 });
  });
});

describe('a child back in school whose case still watches the school roll', () => {
  it('counts as enrolled from the confirmation, not as open, and closes later as retained without being counted twice', async () => {
    const busang = '640806';
    await writeKnownCases(prisma, [{
      id: 'ats-bs-1', kecamatan: busang, category: 'DO', stage: 'MONITORING', openedAt: '2026-11-10T00:00:00Z', enrolledAt: '2026-12-02T01:00:00Z',
      child: { fullName: 'Intan Permata', birthDate: '2012-04-04', sex: 'P', desa: 'Long Lees' },
    }]);
    try {
      const watching = await figures({ kecamatan: busang });
      expect(watching.totals).toEqual({ cases: 1, open: 0, overdue: 0, enrolled: 1, closed: 0 });
      expect(funnelOf(watching)).toMatchObject({ MONITORING: 1, CLOSED: 0 });
      expect(watching.reportToEnrolment).toEqual({ days: 22, cases: 1 });
      expect(watching.enrolledThisMonth.cases).toBe(1);

      await prisma.case.update({ where: { id: 'ats-bs-1' }, data: { stage: 'CLOSED', outcome: 'RETAINED', closedAt: new Date('2027-03-02T01:00:00Z') } });
      const retained = await figures({ kecamatan: busang });
      expect(retained.totals).toEqual({ cases: 1, open: 0, overdue: 0, enrolled: 1, closed: 0 });
      expect(retained.reportToEnrolment).toEqual({ days: 22, cases: 1 });
    } finally {
      await prisma.child.delete({ where: { caseId: 'ats-bs-1' } });
      await prisma.case.delete({ where: { id: 'ats-bs-1' } });
    }
  });
});
