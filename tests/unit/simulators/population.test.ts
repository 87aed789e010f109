import { describe, expect, it } from 'vitest';
import { KECAMATAN_CODES } from '../../../domain/kecamatan.js';
import { parseNik } from '../../../domain/nik.js';
import { WELFARE_PROGRAMMES } from '../../../domain/registries.js';
import { ageOn } from '../../../domain/validation.js';
import { DESA_BY_KECAMATAN } from '../../../simulators/desa.js';
import { generatePopulation } from '../../../simulators/population.js';

const REFERENCE_DATE = '2025-07-15';
const population = generatePopulation({ seed: 42, referenceDate: REFERENCE_DATE });

describe('the synthetic population of Kutai Timur', () => {
  it('is the same for the same seed and day, and different for another seed', () => {
    const again = generatePopulation({ seed: 42, referenceDate: REFERENCE_DATE });
    expect(JSON.stringify(again.households)).toBe(JSON.stringify(population.households));
    expect(again.scenarios).toEqual(population.scenarios);

    const other = generatePopulation({ seed: 43, referenceDate: REFERENCE_DATE });
    expect(other.people[0]!.nik).not.toBe(population.people[0]!.nik);
  });

  it('has about three thousand people', () => {
    expect(population.people.length).toBeGreaterThan(2500);
    expect(population.people.length).toBeLessThan(3500);
  });

  it('gives every resident a unique NIK that agrees with their kecamatan, birth date and sex', () => {
    for (const person of population.people) {
      const nik = parseNik(person.nik);
      if (typeof nik === 'string') throw new Error(`invalid NIK (${nik}) generated`);
      expect(nik.regionCode).toBe(person.kecamatanCode);
      expect(nik.regionCode.startsWith('6408')).toBe(true);
      expect(KECAMATAN_CODES).toContain(nik.regionCode);
      const [year, month, day] = person.birthDate.split('-').map(Number) as [number, number, number];
      expect([nik.birthDay, nik.birthMonth, nik.birthYearTwoDigits]).toEqual([day, month, year % 100]);
      expect(nik.sex).toBe(person.sex);
      expect(person.age).toBe(ageOn(person.birthDate, REFERENCE_DATE));
    }
    expect(new Set(population.people.map((p) => p.nik)).size).toBe(population.people.length);
  });

  it('puts every family on one family card numbered from its kecamatan, in a desa of that kecamatan', () => {
    for (const household of population.households) {
      expect(household.noKk).toMatch(/^\d{16}$/);
      expect(household.noKk.slice(0, 6)).toBe(household.kecamatanCode);
      expect(DESA_BY_KECAMATAN[household.kecamatanCode]).toContain(household.desa);
      expect(household.members.filter((m) => m.role === 'KEPALA_KELUARGA')).toHaveLength(1);
      for (const member of household.members) {
        expect(member).toMatchObject({ noKk: household.noKk, kecamatanCode: household.kecamatanCode, desa: household.desa });
        expect(member.fullName).toMatch(/^[A-Z][a-z]+( [A-Z][a-z]+)+$/);
      }
    }
    expect(new Set(population.households.map((h) => h.noKk)).size).toBe(population.households.length);
    expect(DESA_BY_KECAMATAN['640804']).toEqual(expect.arrayContaining(['Swarga Bara', 'Singa Gembara', 'Teluk Lingga', 'Sangatta Utara']));
    expect(new Set(population.households.map((h) => h.kecamatanCode)).size).toBe(18);
  });

  it('has children of school age (5–21) in most households', () => {
    const withPupils = population.households.filter((h) => h.members.some((m) => m.role === 'ANAK' && m.age >= 5 && m.age <= 21));
    expect(withPupils.length / population.households.length).toBeGreaterThan(0.5);
  });

  it('registers part of the households with Dinsos, with deciles 1–10 and aid programmes mostly for the poorest', () => {
    const registered = population.households.filter((h) => h.welfare);
    expect(registered.length / population.households.length).toBeGreaterThan(0.25);
    expect(registered.length / population.households.length).toBeLessThan(0.65);
    expect(new Set(registered.map((h) => h.welfare!.decile))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    for (const { welfare } of registered) {
      for (const programme of welfare!.programmes) expect(WELFARE_PROGRAMMES).toContain(programme);
      if (welfare!.decile > 4) expect(welfare!.programmes).not.toContain('PKH');
    }
  });

  it('finds a child by any description', () => {
    const girlInWahau = population.findChild((child) => child.sex === 'P' && child.kecamatanCode === '640802' && child.age >= 7 && child.age <= 12);
    expect(girlInWahau).toMatchObject({ role: 'ANAK', sex: 'P', kecamatanCode: '640802' });
    expect(population.householdOf(girlInWahau!.nik)!.members).toContain(girlInWahau);
    expect(population.findChild(() => false)).toBeUndefined();
  });

  it('names the children that tests tell stories about', () => {
    const { matchingChild, mismatchedChild, absentChild, poorHousehold, nonPoorHousehold, unregisteredHousehold } = population.scenarios;
    const children = [matchingChild, mismatchedChild.person, poorHousehold.child, nonPoorHousehold.child, unregisteredHousehold.child];
    expect(new Set(children.map((c) => c.nik)).size).toBe(5);
    for (const child of children) {
      expect(population.person(child.nik)).toBe(child);
      expect(child.age).toBeGreaterThanOrEqual(8);
      expect(child.age).toBeLessThanOrEqual(15);
    }

    expect(mismatchedChild.reported.fullName).not.toBe(mismatchedChild.person.fullName);
    expect(mismatchedChild.reported.birthDate).not.toBe(mismatchedChild.person.birthDate);

    expect(population.person(absentChild.nik)).toBeUndefined();
    expect(parseNik(absentChild.nik)).toMatchObject({ regionCode: absentChild.kecamatanCode, sex: absentChild.sex });

    expect(poorHousehold.household.welfare!.decile).toBeLessThanOrEqual(4);
    expect(poorHousehold.household.members).toContain(poorHousehold.child);
    expect(nonPoorHousehold.household.welfare!.decile).toBeGreaterThan(4);
    expect(unregisteredHousehold.household.welfare).toBeUndefined();
  });
});
