import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KECAMATAN } from '../../../domain/kecamatan.js';
import { createPrisma, type Db } from '../../../infra/db.js';
import { applyMigrations } from '../../../infra/migrations.js';
import { DEFAULT_SEED_EMAIL_DOMAIN, officerIds, SEEDED_DESA_OFFICER, seedOfficerDirectory } from '../../../infra/seed.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';

describe('The development officer directory', () => {
  let database: ScratchDatabase;
  let prisma: Db;

  beforeAll(async () => {
    database = await createScratchDatabase(inject('postgresServerUrl'));
    await applyMigrations(database.url);
    prisma = createPrisma(database.url);
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  const directory = () => prisma.officer.findMany({ orderBy: { id: 'asc' } });

  it('is the same after seeding twice', async () => {
    const count = await seedOfficerDirectory(prisma);
    const first = await directory();

    expect(await seedOfficerDirectory(prisma)).toBe(count);

    expect(await directory()).toEqual(first);
    expect(first).toHaveLength(count);
    expect(first.every((officer) => officer.active && officer.email.endsWith(`@${DEFAULT_SEED_EMAIL_DOMAIN}`))).toBe(true);
  });

  it('gives every kecamatan a Disdikbud field officer and a supervisor', async () => {
    await seedOfficerDirectory(prisma);

    for (const { code } of KECAMATAN) {
      const staff = await prisma.officer.findMany({ where: { agency: 'DISDIKBUD', kecamatan: code, desa: null }, orderBy: { role: 'asc' } });
      expect({ kecamatan: code, staff: staff.map((officer) => `${officer.role} ${officer.id}`) }).toEqual({
        kecamatan: code,
        staff: [`FIELD_OFFICER ${officerIds.fieldOfficer(code)}`, `SUPERVISOR ${officerIds.supervisor(code)}`],
      });
    }
  });

  it('has a field officer for Desa Swarga Bara and district-wide staff of every agency', async () => {
    await seedOfficerDirectory(prisma);

    const desaOfficer = await prisma.officer.findUniqueOrThrow({
      where: { id: officerIds.desaFieldOfficer(SEEDED_DESA_OFFICER.kecamatan, SEEDED_DESA_OFFICER.desa) },
    });
    expect(desaOfficer).toMatchObject({ agency: 'DISDIKBUD', role: 'FIELD_OFFICER', kecamatan: '640804', desa: 'Swarga Bara' });

    const districtWide = await prisma.officer.findMany({ where: { kecamatan: null }, orderBy: { id: 'asc' } });
    expect(districtWide.map((officer) => `${officer.agency} ${officer.role}`).sort()).toEqual([
      'DINSOS FIELD_OFFICER',
      'DINSOS SUPERVISOR',
      'DISDIKBUD COORDINATOR',
      'DISDIKBUD HEAD',
      'DUKCAPIL FIELD_OFFICER',
      'DUKCAPIL SUPERVISOR',
    ]);
    expect(districtWide.map((officer) => officer.id)).toContain(officerIds.coordinator());
  });

  it('keeps an officer someone deactivated deactivated, and re-addresses everyone to another email domain', async () => {
    await seedOfficerDirectory(prisma);
    const supervisor = officerIds.supervisor('640812');
    await prisma.officer.update({ where: { id: supervisor }, data: { active: false } });

    const count = await seedOfficerDirectory(prisma, { emailDomain: 'dinas.example.test' });

    expect(await prisma.officer.findUniqueOrThrow({ where: { id: supervisor } })).toMatchObject({
      active: false,
      email: `${supervisor}@dinas.example.test`,
    });
    expect(await prisma.officer.count({ where: { email: { endsWith: '@dinas.example.test' } } })).toBe(count);
  });
});
