import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDukcapilClient } from '../../../activities/registries/dukcapil.js';
import { REGISTRY_UNAVAILABLE } from '../../../activities/registries/ports.js';
import { KECAMATAN_CODES } from '../../../domain/kecamatan.js';
import { dukcapilResidentPageSchema, type ResidentRecord } from '../../../domain/registries.js';
import { isOfCompulsorySchoolAge } from '../../../simulators/population.js';
import { type RunningSimulators, startSimulators } from '../../../simulators/server.js';

const REFERENCE_DATE = '2025-07-15';
let sims: RunningSimulators;

beforeAll(async () => {
  sims = await startSimulators({ port: 0, seed: 42, population: { referenceDate: REFERENCE_DATE } });
});
afterAll(async () => {
  await sims?.close();
});

const client = () => createDukcapilClient({ baseUrl: sims.dukcapilUrl, timeoutMs: 2000 });

async function everyPage(kecamatan: string, pageSize: number): Promise<ResidentRecord[]> {
  const all: ResidentRecord[] = [];
  for (let page = 1; ; page++) {
    const answer = await client().listSchoolAgeResidents({ kecamatan, page, pageSize });
    all.push(...answer.items);
    if (page * pageSize >= answer.total) return all;
  }
}

describe("Dukcapil's list of school-age residents, page by page", () => {
  it('gives every child aged 7–18 of the kecamatan once, in NIK order, with their family card address', async () => {
    const residents = await everyPage('640804', 37);
    const expected = sims.population.people.filter((p) => isOfCompulsorySchoolAge(p) && p.kecamatanCode === '640804');
    expect(residents.map((r) => r.nik)).toEqual(expected.map((p) => p.nik).sort());
    const someone = residents[0]!;
    expect(someone).toMatchObject({ kecamatanCode: '640804', address: sims.population.householdOf(someone.nik)!.address });
  });

  it('covers the whole district across the 18 kecamatan, the planted out-of-school children among them', async () => {
    const listed = new Set<string>();
    for (const kecamatan of KECAMATAN_CODES) for (const r of await everyPage(kecamatan, 1000)) listed.add(r.nik);
    expect(listed.size).toBe(sims.population.people.filter(isOfCompulsorySchoolAge).length);
    for (const child of sims.population.scenarios.outOfSchool) expect(listed.has(child.nik)).toBe(true);
  });

  it('states the day the ages were counted on, and answers a page past the end with no one', async () => {
    const answer = await client().listSchoolAgeResidents({ kecamatan: '640804', page: 999, pageSize: 100 });
    expect(dukcapilResidentPageSchema.parse(answer)).toMatchObject({ items: [], page: 999, asOf: REFERENCE_DATE });
  });

  it('refuses a malformed query with the contract error, and fails as a registry outage when its faults say so', async () => {
    const response = await fetch(`${sims.dukcapilUrl}/v1/penduduk-usia-sekolah?kecamatan=64&pageSize=5000`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field)).toEqual(['kecamatan', 'pageSize']);

    sims.setFaults({ failNext: 1 }, 'dukcapil');
    await expect(client().listSchoolAgeResidents({ kecamatan: '640804', page: 1, pageSize: 10 })).rejects.toMatchObject({ type: REGISTRY_UNAVAILABLE });
  });
});
