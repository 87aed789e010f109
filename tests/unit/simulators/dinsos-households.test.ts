import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDinsosClient } from '../../../activities/registries/dinsos.js';
import { REGISTRY_UNAVAILABLE } from '../../../activities/registries/ports.js';
import type { DinsosHousehold } from '../../../domain/registries.js';
import { type RunningSimulators, startSimulators } from '../../../simulators/server.js';

let sims: RunningSimulators;

beforeAll(async () => {
  sims = await startSimulators({ port: 0, seed: 42, population: { referenceDate: '2025-07-15' } });
});
afterAll(async () => {
  await sims?.close();
});

const client = () => createDinsosClient({ baseUrl: sims.dinsosUrl, timeoutMs: 2000 });

async function everyPage(kecamatan: string, maxDecile: number, pageSize: number): Promise<DinsosHousehold[]> {
  const all: DinsosHousehold[] = [];
  for (let page = 1; ; page++) {
    const answer = await client().listHouseholds({ kecamatan, maxDecile, page, pageSize });
    all.push(...answer.items);
    if (page * pageSize >= answer.total) return all;
  }
}

describe("Dinsos's list of registered households up to a decile, page by page", () => {
  it("gives each of the kecamatan's households in deciles 1–4 once, in family card order, with its members", async () => {
    const listed = await everyPage('640804', 4, 7);
    const expected = sims.population.households.filter((h) => h.kecamatanCode === '640804' && h.welfare && h.welfare.decile <= 4);
    expect(listed.map((h) => h.noKk)).toEqual(expected.map((h) => h.noKk).sort());
    const first = sims.population.household(listed[0]!.noKk)!;
    expect(listed[0]).toEqual({
      noKk: first.noKk,
      desa: first.desa,
      decile: first.welfare!.decile,
      programmes: first.welfare!.programmes,
      memberNiks: first.members.map((m) => m.nik),
    });
  });

  it('leaves out the households above the decile and those not registered at all', async () => {
    const { nonPoorHousehold, unregisteredHousehold, poorHousehold } = sims.population.scenarios;
    const all = new Set<string>();
    for (const code of new Set([nonPoorHousehold, unregisteredHousehold, poorHousehold].map((s) => s.household.kecamatanCode))) {
      for (const h of await everyPage(code, 4, 1000)) all.add(h.noKk);
    }
    expect(all.has(poorHousehold.household.noKk)).toBe(true);
    expect(all.has(nonPoorHousehold.household.noKk)).toBe(false);
    expect(all.has(unregisteredHousehold.household.noKk)).toBe(false);
  });

  it('refuses a query without a decile, and fails as a registry outage when its faults say so', async () => {
    const response = await fetch(`${sims.dinsosUrl}/v1/keluarga?kecamatan=640804`);
    expect(response.status).toBe(400);
    sims.setFaults({ failNext: 1 }, 'dinsos');
    await expect(client().listHouseholds({ kecamatan: '640804', maxDecile: 4, page: 1, pageSize: 10 })).rejects.toMatchObject({ type: REGISTRY_UNAVAILABLE });
  });
});
