import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulators, startSimulators } from '../../../simulators/server.js';

let simulators: RunningSimulators;

beforeAll(async () => {
  simulators = await startSimulators({ port: 0, seed: 5 });
});
afterAll(() => simulators.close());

interface Answer {
  status: number;
  body: { error?: { code: string; message: string; fields?: unknown[] } } & Record<string, unknown>;
}

async function call(url: string, init?: { method: string; body: unknown }): Promise<Answer> {
  const response = await fetch(url, init && { method: init.method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

function verifyMatchingChild(): Promise<Answer> {
  const child = simulators.population.scenarios.matchingChild;
  return call(`${simulators.dukcapilUrl}/v1/verifikasi`, {
    method: 'POST',
    body: { nik: child.nik, fullName: child.fullName, birthDate: child.birthDate },
  });
}

function askDinsos(): Promise<Answer> {
  return call(`${simulators.dinsosUrl}/v1/status-kesejahteraan`, {
    method: 'POST',
    body: { nik: simulators.population.scenarios.poorHousehold.child.nik },
  });
}

describe('the registry simulators', () => {
  it('listen on the port the system chose and serve each registry under its own prefix', () => {
    expect(simulators.dukcapilUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dukcapil$/);
    expect(simulators.dinsosUrl).toBe(simulators.dukcapilUrl.replace(/dukcapil$/, 'dinsos'));
    expect(simulators.dukcapilUrl).not.toContain(':0/');
  });

  it('let an operator break one registry at run time through its admin endpoint, and mend it again', async () => {
    expect(await call(`${simulators.dukcapilUrl}/_admin/faults`)).toEqual({
      status: 200,
      body: { errorRate: 0, timeoutRate: 0, latencyMs: 0, failNext: 0 },
    });

    const changed = await call(`${simulators.dukcapilUrl}/_admin/faults`, { method: 'PUT', body: { errorRate: 1 } });
    expect(changed.body).toEqual({ errorRate: 1, timeoutRate: 0, latencyMs: 0, failNext: 0 });
    const broken = await verifyMatchingChild();
    expect(broken.status).toBe(503);
    expect(broken.body.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect((await askDinsos()).status).toBe(200);

    await call(`${simulators.dukcapilUrl}/_admin/faults`, { method: 'PUT', body: { errorRate: 0 } });
    expect((await verifyMatchingChild()).status).toBe(200);
  });

  it('fail exactly the next n requests in failNext mode', async () => {
    await call(`${simulators.dinsosUrl}/_admin/faults`, { method: 'PUT', body: { failNext: 2 } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await askDinsos()).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect((await call(`${simulators.dinsosUrl}/_admin/faults`)).body.failNext).toBe(0);
  });

  it('refuse fault settings that make no sense', async () => {
    const refused = await call(`${simulators.dinsosUrl}/_admin/faults`, { method: 'PUT', body: { errorRate: 2, retries: 1 } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'INVALID_FAULTS', fields: expect.any(Array) });
  });

  it('can be set up from code for one registry or both', async () => {
    simulators.setFaults({ failNext: 1 }, 'dinsos');
    expect((await verifyMatchingChild()).status).toBe(200);
    expect((await askDinsos()).status).toBe(503);
    simulators.setFaults({ failNext: 1 });
    expect((await verifyMatchingChild()).status).toBe(503);
    expect((await askDinsos()).status).toBe(503);
  });

  it('publish the scenario fixtures for people trying the system by hand', async () => {
    const { body } = await call(`${simulators.dukcapilUrl.replace(/\/dukcapil$/, '')}/_admin/scenarios`);
    expect(body).toMatchObject({ matchingChild: { nik: simulators.population.scenarios.matchingChild.nik } });
  });

  it('answer unknown routes in the project’s error shape', async () => {
    expect(await call(`${simulators.dukcapilUrl}/v1/nothing-here`)).toEqual({
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: 'No such route.' } },
    });
  });
});

describe('starting the simulators', () => {
  it('applies the fault settings given at start', async () => {
    const failing = await startSimulators({ port: 0, faults: { errorRate: 1 } });
    try {
      const response = await fetch(`${failing.dinsosUrl}/v1/status-kesejahteraan`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ noKk: failing.population.households[0]!.noKk }),
      });
      expect(response.status).toBe(503);
    } finally {
      await failing.close();
    }
  });

  it('closes promptly even while it is holding a request that will never be answered', async () => {
    const holding = await startSimulators({ port: 0, faults: { timeoutRate: 1 } });
    const pending = fetch(`${holding.dinsosUrl}/v1/status-kesejahteraan`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ noKk: holding.population.households[0]!.noKk }),
    }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await holding.close();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await pending).toBeInstanceOf(Error);
  });

  it('says clearly when the port is taken', async () => {
    const port = Number(new URL(simulators.dukcapilUrl).port);
    await expect(startSimulators({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
