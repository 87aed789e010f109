import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDukcapilClient } from '../../../activities/registries/dukcapil.js';
import type { DukcapilPort } from '../../../activities/registries/ports.js';
import type { DukcapilVerifyRequest } from '../../../domain/registries.js';
import { type RunningSimulators, startSimulators } from '../../../simulators/server.js';

let simulators: RunningSimulators;
let dukcapil: DukcapilPort;

beforeAll(async () => {
  simulators = await startSimulators({ port: 0, seed: 7 });
  dukcapil = createDukcapilClient({ baseUrl: simulators.dukcapilUrl, timeoutMs: 2000 });
});
afterAll(() => simulators.close());

describe('verifying a child with Dukcapil', () => {
  it('confirms a child reported exactly as registered', async () => {
    const child = simulators.population.scenarios.matchingChild;
    const answer = await dukcapil.verify({ nik: child.nik, fullName: child.fullName, birthDate: child.birthDate, sex: child.sex, noKk: child.noKk });
    expect(answer).toEqual({
      status: 'MATCH',
      record: {
        nik: child.nik, noKk: child.noKk, fullName: child.fullName, birthDate: child.birthDate,
        sex: child.sex, kecamatanCode: child.kecamatanCode, desa: child.desa,
      },
    });
  });

  it('does not mind how the name is capitalised or spaced', async () => {
    const child = simulators.population.scenarios.matchingChild;
    const shouted = `  ${child.fullName.toUpperCase().split(' ').join('   ')} `;
    const answer = await dukcapil.verify({ nik: child.nik, fullName: shouted, birthDate: child.birthDate });
    expect(answer.status).toBe('MATCH');
  });

  it('shows the officer what differs when the school spelled the name and dated the birth differently', async () => {
    const { person, reported } = simulators.population.scenarios.mismatchedChild;
    const answer = await dukcapil.verify({ nik: person.nik, ...reported, sex: person.sex });
    expect(answer).toMatchObject({
      status: 'MISMATCH',
      record: { nik: person.nik, fullName: person.fullName, birthDate: person.birthDate },
      differences: [
        { field: 'fullName', reported: reported.fullName, registry: person.fullName },
        { field: 'birthDate', reported: reported.birthDate, registry: person.birthDate },
      ],
    });
  });

  it('reports a wrong sex or family card number', async () => {
    const child = simulators.population.scenarios.matchingChild;
    const otherFamily = simulators.population.households.find((h) => h.noKk !== child.noKk)!.noKk;
    const answer = await dukcapil.verify({
      nik: child.nik, fullName: child.fullName, birthDate: child.birthDate, sex: child.sex === 'L' ? 'P' : 'L', noKk: otherFamily,
    });
    expect(answer.status === 'MISMATCH' && answer.differences.map((d) => d.field)).toEqual(['sex', 'noKk']);
  });

  it('says NOT_FOUND for a NIK it does not hold', async () => {
    const absent = simulators.population.scenarios.absentChild;
    const answer = await dukcapil.verify({ nik: absent.nik, fullName: absent.fullName, birthDate: absent.birthDate });
    expect(answer).toEqual({ status: 'NOT_FOUND' });
  });

  it('rejects a malformed request with field errors, and the adapter does not retry it', async () => {
    const response = await fetch(`${simulators.dukcapilUrl}/v1/verifikasi`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nik: '12345', birthDate: '2015-02-30' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string; fields: { field: string }[] } };
    expect(body.error).toMatchObject({ code: 'INVALID_REQUEST', message: expect.any(String) });
    expect(body.error.fields.map((f) => f.field)).toEqual(['nik', 'fullName', 'birthDate']);

    const malformed = { nik: '12345', fullName: 'Siti Aisyah', birthDate: '2015-02-28' } as DukcapilVerifyRequest;
    const failure = await dukcapil.verify(malformed).catch((error: unknown) => error);
    expect(failure).toMatchObject({ type: 'RegistryRejectedRequest', nonRetryable: true });
    expect(String((failure as Error).message)).not.toContain('Siti');
  });
});
