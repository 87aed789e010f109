import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kecamatanName } from '../../../domain/kecamatan.js';
import { COMPULSORY_SCHOOL_AGE, type DapodikPupil, dapodikPupilPageSchema } from '../../../domain/registries.js';
import { buildSchoolRoll } from '../../../simulators/dapodik.js';
import { generatePopulation } from '../../../simulators/population.js';
import { type RunningSimulators, startSimulators } from '../../../simulators/server.js';

const REFERENCE_DATE = '2025-07-15';
const population = generatePopulation({ seed: 42, referenceDate: REFERENCE_DATE });
const roll = buildSchoolRoll(population);
const schoolAgeChildren = population.people.filter(
  (p) => p.role === 'ANAK' && p.age >= COMPULSORY_SCHOOL_AGE.min && p.age <= COMPULSORY_SCHOOL_AGE.max,
);

describe('the synthetic school roll (Dapodik)', () => {
  it('is the same for the same seed and day, and different for another seed', () => {
    expect(buildSchoolRoll(generatePopulation({ seed: 42, referenceDate: REFERENCE_DATE })).pupils).toEqual(roll.pupils);
    const other = buildSchoolRoll(generatePopulation({ seed: 43, referenceDate: REFERENCE_DATE }));
    expect(other.pupils.map((p) => p.nik)).not.toEqual(roll.pupils.map((p) => p.nik));
  });

  it('holds only children of the civil registry aged 7–18, each at a school of their own kecamatan', () => {
    for (const pupil of roll.pupils) {
      const child = population.person(pupil.nik);
      expect(child, 'every pupil is a resident Dukcapil knows').toBeDefined();
      expect(child!.role).toBe('ANAK');
      expect(child!.age).toBeGreaterThanOrEqual(COMPULSORY_SCHOOL_AGE.min);
      expect(child!.age).toBeLessThanOrEqual(COMPULSORY_SCHOOL_AGE.max);
      expect(pupil.npsn).toMatch(/^\d{8}$/);
      expect(pupil.nisn).toMatch(/^\d{10}$/);
      expect(pupil.schoolName).toMatch(new RegExp(`^${pupil.level} Negeri \\d{3} ${kecamatanName(child!.kecamatanCode)}$`));
    }
    expect(new Set(roll.pupils.map((p) => p.nik)).size).toBe(roll.pupils.length);
    expect(new Set(roll.pupils.map((p) => p.nisn)).size).toBe(roll.pupils.length);
    expect(roll.pupils.some((p) => p.schoolName === 'SD Negeri 001 Sangatta Utara')).toBe(true);
  });

  it('puts children in the class their age suggests', () => {
    const active = roll.pupils.filter((p) => p.status === 'ACTIVE');
    for (const pupil of active) {
      const { age } = population.person(pupil.nik)!;
      expect(pupil.grade).toBeLessThanOrEqual(Math.max(1, age - 6));
      expect(pupil.grade).toBeGreaterThanOrEqual(Math.min(12, age - 7));
      expect(pupil.level).toEqual(pupil.grade <= 6 ? 'SD' : pupil.grade <= 9 ? 'SMP' : expect.stringMatching(/^SM[AK]$/));
    }
    expect(new Set(active.map((p) => p.level))).toEqual(new Set(['SD', 'SMP', 'SMA', 'SMK']));
  });

  it('has most school-age children in school, and exactly the out-of-school children missing', () => {
    const { outOfSchool } = population.scenarios;
    const missing = schoolAgeChildren.filter((child) => !roll.find(child.nik));
    expect(missing.map((c) => c.nik).sort()).toEqual(outOfSchool.map((c) => c.nik).sort());
    expect(outOfSchool.length).toBeGreaterThan(0);
    expect(outOfSchool.length / schoolAgeChildren.length).toBeLessThan(0.15);
  });

  it('records every drop-out with the date the child left, and no one else as having left', () => {
    const { droppedOut } = population.scenarios;
    expect(droppedOut.length).toBeGreaterThan(0);
    const exited = roll.pupils.filter((p): p is Extract<DapodikPupil, { status: 'EXITED' }> => p.status === 'EXITED');
    expect(exited.map((p) => p.nik).sort()).toEqual(droppedOut.map((c) => c.nik).sort());
    for (const pupil of exited) {
      expect(pupil.exitType).toBe('DO');
      expect(pupil.exitDate < REFERENCE_DATE).toBe(true);
      expect(pupil.exitDate > population.person(pupil.nik)!.birthDate).toBe(true);
    }
  });

  it('keeps the children that other stories are about as active pupils', () => {
    const { matchingChild, mismatchedChild, poorHousehold, nonPoorHousehold, unregisteredHousehold } = population.scenarios;
    for (const child of [matchingChild, mismatchedChild.person, poorHousehold.child, nonPoorHousehold.child, unregisteredHousehold.child]) {
      expect(roll.find(child.nik)?.status).toBe('ACTIVE');
    }
  });
});

describe('the Dapodik simulator over HTTP', () => {
  let simulators: RunningSimulators;
  beforeAll(async () => {
    simulators = await startSimulators({ port: 0, seed: 5 });
  });
  afterAll(() => simulators.close());

  async function page(query: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${simulators.dapodikUrl}/v1/peserta-didik?${query}`);
    return { status: response.status, body: await response.json() };
  }

  it('serves a kecamatan’s pupils page by page, each exactly once, in the same order every time', async () => {
    const seen: string[] = [];
    let total = 0;
    for (let number = 1; ; number++) {
      const { status, body } = await page(`kecamatan=640804&page=${number}&pageSize=50`);
      expect(status).toBe(200);
      const parsed = dapodikPupilPageSchema.parse(body);
      expect(parsed).toMatchObject({ page: number, pageSize: 50 });
      total = parsed.total;
      if (parsed.items.length === 0) break;
      seen.push(...parsed.items.map((p) => p.nik));
    }
    const expected = buildSchoolRoll(simulators.population).pupilsOf('640804').map((p) => p.nik);
    expect(total).toBe(expected.length);
    expect(total).toBeGreaterThan(50);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
    for (const nik of seen) expect(simulators.population.person(nik)!.kecamatanCode).toBe('640804');

    const again = await page('kecamatan=640804&page=2&pageSize=50');
    expect(dapodikPupilPageSchema.parse(again.body).items.map((p) => p.nik)).toEqual(seen.slice(50, 100));
  });

  const find = async (nik: string) =>
    (await fetch(`${simulators.dapodikUrl}/v1/peserta-didik/cari`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nik }),
    }).then((r) => r.json())) as Record<string, unknown>;

  it('finds a pupil by NIK, and says NOT_FOUND for a child out of school', async () => {
    const { matchingChild, outOfSchool, droppedOut } = simulators.population.scenarios;
    expect(await find(matchingChild.nik)).toMatchObject({ nik: matchingChild.nik, status: 'ACTIVE' });
    expect(await find(droppedOut[0]!.nik)).toMatchObject({ status: 'EXITED', exitType: 'DO', exitDate: expect.any(String) });
    expect(await find(outOfSchool[0]!.nik)).toEqual({ status: 'NOT_FOUND' });
  });

  it('rejects a malformed query in the project’s error shape', async () => {
    const { status, body } = await page('kecamatan=6408&pageSize=5000');
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: 'INVALID_REQUEST', message: expect.any(String) } });
    expect((body as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field)).toEqual(['kecamatan', 'pageSize']);
  });

  it('has its own fault settings, apart from the other registries', async () => {
    const admin = `${simulators.dapodikUrl}/_admin/faults`;
    await fetch(admin, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ failNext: 1 }) });
    expect((await page('kecamatan=640804')).status).toBe(503);
    expect((await page('kecamatan=640804')).status).toBe(200);
    simulators.setFaults({ errorRate: 1 }, 'dapodik');
    expect((await page('kecamatan=640804')).status).toBe(503);
    expect((await fetch(`${simulators.dukcapilUrl}/_admin/faults`).then((r) => r.json())) as unknown).toMatchObject({ errorRate: 0 });
    simulators.setFaults({ errorRate: 0 }, 'dapodik');
  });

  it('takes a school operator’s entries: a pupil enrolled, then the exit the school records', async () => {
    const child = simulators.population.scenarios.outOfSchool[1]!;
    const entry = (pupil: object) =>
      fetch(`${simulators.dapodikUrl}/_admin/peserta-didik`, {
        method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kecamatan: child.kecamatanCode, pupil }),
      });
    const enrolled = { nik: child.nik, nisn: '0159876543', npsn: '30401234', schoolName: 'SD Negeri 010 Sangatta Utara', level: 'SD', grade: 5, status: 'ACTIVE' };
    expect(await find(child.nik)).toEqual({ status: 'NOT_FOUND' });

    expect((await entry(enrolled)).status).toBe(204);
    expect(await find(child.nik)).toEqual(enrolled);
    // The kecamatan's listing holds the new pupil once, on its last page.
    const listed = async () => {
      const { total } = (await page(`kecamatan=${child.kecamatanCode}&pageSize=1`)).body as { total: number };
      const last = (await page(`kecamatan=${child.kecamatanCode}&page=${total}&pageSize=1`)).body as { items: DapodikPupil[] };
      return { total, last: last.items };
    };
    const before = await listed();
    expect(before.last).toEqual([enrolled]);

    expect((await entry({ ...enrolled, status: 'EXITED', exitType: 'DO', exitDate: '2025-08-30' })).status).toBe(204);
    expect(await find(child.nik)).toMatchObject({ status: 'EXITED', exitType: 'DO', exitDate: '2025-08-30' });
    expect(await listed()).toMatchObject({ total: before.total, last: [{ nik: child.nik, status: 'EXITED' }] });

    const refused = await entry({ nik: child.nik, status: 'ACTIVE' });
    expect(refused.status).toBe(400);
    expect(await find(child.nik)).toMatchObject({ status: 'EXITED' });
  });
});
