import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDinsosClient } from '../../../activities/registries/dinsos.js';
import type { DinsosPort } from '../../../activities/registries/ports.js';
import { type RunningSimulators, startSimulators } from '../../../simulators/server.js';

let simulators: RunningSimulators;
let dinsos: DinsosPort;

beforeAll(async () => {
  simulators = await startSimulators({ port: 0, seed: 7 });
  dinsos = createDinsosClient({ baseUrl: simulators.dinsosUrl, timeoutMs: 2000 });
});
afterAll(() => simulators.close());

describe('asking Dinsos about a family’s welfare status', () => {
  it('finds a poor family by its family card, with its decile and aid programmes', async () => {
    const { household } = simulators.population.scenarios.poorHousehold;
    const answer = await dinsos.status({ noKk: household.noKk });
    expect(answer).toEqual({ status: 'REGISTERED', noKk: household.noKk, decile: household.welfare!.decile, programmes: household.welfare!.programmes });
    expect(answer.status === 'REGISTERED' && answer.decile).toBeLessThanOrEqual(4);
  });

  it('finds the family through a child’s NIK when the family card number is unknown', async () => {
    const { household, child } = simulators.population.scenarios.poorHousehold;
    expect(await dinsos.status({ nik: child.nik })).toMatchObject({ status: 'REGISTERED', noKk: household.noKk });
  });

  it('tells a family that is better off by its decile', async () => {
    const { child } = simulators.population.scenarios.nonPoorHousehold;
    const answer = await dinsos.status({ nik: child.nik });
    expect(answer.status === 'REGISTERED' && answer.decile).toBeGreaterThan(4);
  });

  it('says NOT_REGISTERED for a family outside the registry and for an unknown NIK', async () => {
    const { household } = simulators.population.scenarios.unregisteredHousehold;
    expect(await dinsos.status({ noKk: household.noKk })).toEqual({ status: 'NOT_REGISTERED' });
    expect(await dinsos.status({ nik: simulators.population.scenarios.absentChild.nik })).toEqual({ status: 'NOT_REGISTERED' });
  });

  it('rejects a request without NIK or family card number, and the adapter does not retry it', async () => {
    await expect(dinsos.status({})).rejects.toMatchObject({ type: 'RegistryRejectedRequest', nonRetryable: true });
  });
});
