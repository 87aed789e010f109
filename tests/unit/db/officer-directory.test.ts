import { describe, expect, it } from 'vitest';
import { KECAMATAN } from '../../../domain/kecamatan.js';
import { OFFICER_ROLES, TASK_OWNERS } from '../../../domain/tasks.js';
import { officerDirectory, officerIds } from '../../../infra/seed.js';

describe('The development officer directory', () => {
  const officers = officerDirectory();

  it('gives each officer their own id, name and email address', () => {
    for (const key of ['id', 'name', 'email'] as const) {
      const values = officers.map((officer) => officer[key]);
      expect(new Set(values).size, key).toBe(values.length);
    }
  });

  it('has someone in every kecamatan for each kind of task a kecamatan officer does, and a supervisor above them', () => {
    for (const { code } of KECAMATAN) {
      const local = officers.filter((officer) => officer.kecamatan === code && officer.desa === null);
      expect(local.map((officer) => officer.id).sort()).toEqual([officerIds.fieldOfficer(code), officerIds.supervisor(code)]);
    }
  });

  it('has an owner somewhere in the district for every kind of task', () => {
    for (const [type, owner] of Object.entries(TASK_OWNERS)) {
      const candidates = officers.filter((officer) => officer.agency === owner.agency && officer.role === owner.role);
      expect(candidates.length, type).toBeGreaterThan(0);
    }
  });

  it('uses only the roles the domain knows, and addresses everyone at the domain asked for', () => {
    const elsewhere = officerDirectory('dinas.example.test');

    expect(officers.every((officer) => (OFFICER_ROLES as readonly string[]).includes(officer.role))).toBe(true);
    expect(elsewhere.map((officer) => officer.email)).toEqual(officers.map((officer) => `${officer.id}@dinas.example.test`));
  });

  it('derives desa officer ids from the desa name', () => {
    expect(officerIds.desaFieldOfficer('640804', 'Swarga Bara')).toBe('disdik-fo-640804-swarga-bara');
  });
});
