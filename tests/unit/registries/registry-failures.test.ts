import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDinsosClient } from '../../../activities/registries/dinsos.js';
import { createDukcapilClient } from '../../../activities/registries/dukcapil.js';
import type { DukcapilVerifyRequest } from '../../../domain/registries.js';
import { type RunningSimulators, startSimulators } from '../../../simulators/server.js';

let simulators: RunningSimulators;
let request: DukcapilVerifyRequest;

beforeAll(async () => {
  simulators = await startSimulators({ port: 0, seed: 11 });
  const child = simulators.population.scenarios.matchingChild;
  request = { nik: child.nik, fullName: child.fullName, birthDate: child.birthDate };
});
afterEach(() => simulators.setFaults({ errorRate: 0, timeoutRate: 0, latencyMs: 0, failNext: 0 }));
afterAll(() => simulators.close());

async function failureOf(promise: Promise<unknown>): Promise<Error & { type?: string; nonRetryable?: boolean }> {
  const outcome = await promise.then(
    () => undefined,
    (error: Error) => error,
  );
  if (!outcome) throw new Error('expected the call to fail');
  return outcome;
}

function expectNoPersonalData(failure: Error): void {
  expect(failure.message).not.toContain(request.nik);
  expect(failure.message).not.toContain(request.fullName);
}

describe('when a registry is down or slow', () => {
  it('throws a retryable RegistryUnavailable while the registry answers 503, and answers again afterwards', async () => {
    simulators.setFaults({ failNext: 2 });
    const dukcapil = createDukcapilClient({ baseUrl: simulators.dukcapilUrl, timeoutMs: 2000 });
    for (const _attempt of [1, 2]) {
      const failure = await failureOf(dukcapil.verify(request));
      expect(failure).toMatchObject({ type: 'RegistryUnavailable', nonRetryable: false });
      expect(failure.message).toContain('503');
      expectNoPersonalData(failure);
    }
    expect((await dukcapil.verify(request)).status).toBe('MATCH');
  });

  it('gives up after its own timeout when the registry never answers, and the retry is allowed', async () => {
    simulators.setFaults({ timeoutRate: 1 });
    const dinsos = createDinsosClient({ baseUrl: simulators.dinsosUrl, timeoutMs: 300 });
    const started = performance.now();
    const failure = await failureOf(dinsos.status({ nik: request.nik }));
    const elapsed = performance.now() - started;
    expect(failure).toMatchObject({ type: 'RegistryUnavailable', nonRetryable: false });
    expect(failure.message).toMatch(/did not answer within 300 ms/);
    expectNoPersonalData(failure);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1500);
  });

  it('waits out a slow registry that answers within the timeout', async () => {
    simulators.setFaults({ latencyMs: 400 });
    const dukcapil = createDukcapilClient({ baseUrl: simulators.dukcapilUrl, timeoutMs: 3000 });
    const started = performance.now();
    expect((await dukcapil.verify(request)).status).toBe('MATCH');
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('throws a retryable RegistryUnavailable when nothing listens at the address', async () => {
    const closed = await startSimulators({ port: 0 });
    await closed.close();
    const dukcapil = createDukcapilClient({ baseUrl: closed.dukcapilUrl, timeoutMs: 2000 });
    const failure = await failureOf(dukcapil.verify(request));
    expect(failure).toMatchObject({ type: 'RegistryUnavailable', nonRetryable: false });
    expect(failure.message).toMatch(/could not be reached/);
  });
});

describe('when a registry answers outside its contract', () => {
  let server: Server;
  let answer: { status: number; body: string };
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('treats an answer of the wrong shape as the registry being unavailable, not as data', async () => {
    answer = { status: 200, body: JSON.stringify({ status: 'MATCH', record: { nik: request.nik } }) };
    const failure = await failureOf(createDukcapilClient({ baseUrl, timeoutMs: 2000 }).verify(request));
    expect(failure).toMatchObject({ type: 'RegistryUnavailable', nonRetryable: false });
    expect(failure.message).toMatch(/outside its contract \(at record\./);
    expectNoPersonalData(failure);
  });

  it('treats a body that is not JSON the same way', async () => {
    answer = { status: 200, body: '<html>maintenance</html>' };
    const failure = await failureOf(createDinsosClient({ baseUrl, timeoutMs: 2000 }).status({ noKk: '6408041234560001' }));
    expect(failure).toMatchObject({ type: 'RegistryUnavailable', nonRetryable: false });
  });

  it('does not retry a request the registry refuses, but does retry when asked to slow down', async () => {
    answer = { status: 422, body: JSON.stringify({ error: { code: 'NIK_BLOCKED', message: `NIK ${request.nik} diblokir` } }) };
    const refused = await failureOf(createDukcapilClient({ baseUrl, timeoutMs: 2000 }).verify(request));
    expect(refused).toMatchObject({ type: 'RegistryRejectedRequest', nonRetryable: true });
    expect(refused.message).toContain('422 (NIK_BLOCKED)');
    expectNoPersonalData(refused);

    answer = { status: 429, body: '' };
    const throttled = await failureOf(createDukcapilClient({ baseUrl, timeoutMs: 2000 }).verify(request));
    expect(throttled).toMatchObject({ type: 'RegistryUnavailable', nonRetryable: false });
  });
});
