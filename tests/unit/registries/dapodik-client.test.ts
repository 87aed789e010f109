import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDapodikClient } from '../../../activities/registries/dapodik.js';
import type { DapodikPort } from '../../../activities/registries/ports.js';
import { buildSchoolRoll } from '../../../simulators/dapodik.js';
import { type RunningSimulators, startSimulators } from '../../../simulators/server.js';

let simulators: RunningSimulators;
let dapodik: DapodikPort;

beforeAll(async () => {
  simulators = await startSimulators({ port: 0, seed: 7 });
  dapodik = createDapodikClient({ baseUrl: simulators.dapodikUrl, timeoutMs: 2000 });
});
afterEach(() => simulators.setFaults({ errorRate: 0, timeoutRate: 0, latencyMs: 0, failNext: 0 }));
afterAll(() => simulators.close());

describe('reading the school roll from Dapodik', () => {
  it('walks through every pupil of a kecamatan, page by page', async () => {
    const niks: string[] = [];
    let answer = await dapodik.listPupils({ kecamatan: '640804', page: 1, pageSize: 100 });
    while (answer.items.length > 0) {
      niks.push(...answer.items.map((pupil) => pupil.nik));
      answer = await dapodik.listPupils({ kecamatan: '640804', page: answer.page + 1, pageSize: 100 });
    }
    expect(niks).toEqual(buildSchoolRoll(simulators.population).pupilsOf('640804').map((pupil) => pupil.nik));
    expect(answer.total).toBe(niks.length);
  });

  it('finds a pupil at school, a pupil who dropped out, and no one for a child out of school', async () => {
    const { matchingChild, droppedOut, outOfSchool } = simulators.population.scenarios;
    expect(await dapodik.findPupil(matchingChild.nik)).toMatchObject({ nik: matchingChild.nik, status: 'ACTIVE', npsn: expect.stringMatching(/^\d{8}$/) });
    expect(await dapodik.findPupil(droppedOut[0]!.nik)).toMatchObject({ status: 'EXITED', exitType: 'DO', exitDate: expect.any(String) });
    expect(await dapodik.findPupil(outOfSchool[0]!.nik)).toEqual({ status: 'NOT_FOUND' });
  });

  it('throws a retryable RegistryUnavailable while Dapodik is down, without the child’s NIK, and reads again afterwards', async () => {
    const { nik } = simulators.population.scenarios.matchingChild;
    simulators.setFaults({ failNext: 2 }, 'dapodik');
    for (const call of [() => dapodik.findPupil(nik), () => dapodik.listPupils({ kecamatan: '640804', page: 1, pageSize: 10 })]) {
      const failure = (await call().catch((error: unknown) => error)) as Error;
      expect(failure).toMatchObject({ type: 'RegistryUnavailable', nonRetryable: false });
      expect(failure.message).toContain('Dapodik answered HTTP 503');
      expect(failure.message).not.toContain(nik);
    }
    expect((await dapodik.findPupil(nik)).status).toBe('ACTIVE');
  });

  it('gives up after its own timeout when Dapodik never answers', async () => {
    simulators.setFaults({ timeoutRate: 1 }, 'dapodik');
    const impatient = createDapodikClient({ baseUrl: simulators.dapodikUrl, timeoutMs: 300 });
    await expect(impatient.listPupils({ kecamatan: '640804', page: 1, pageSize: 10 })).rejects.toMatchObject({
      type: 'RegistryUnavailable',
      nonRetryable: false,
      message: 'Dapodik did not answer within 300 ms',
    });
  });

  it('does not retry a request Dapodik refuses', async () => {
    const failure = (await dapodik.findPupil('6408').catch((error: unknown) => error)) as Error;
    expect(failure).toMatchObject({ type: 'RegistryRejectedRequest', nonRetryable: true });
    expect(failure.message).toContain('400 (INVALID_REQUEST)');
    await expect(dapodik.listPupils({ kecamatan: '640804', page: 0, pageSize: 10 })).rejects.toMatchObject({
      type: 'RegistryRejectedRequest',
      nonRetryable: true,
    });
  });
});
