import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType, TypedSearchAttributes } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_SEARCH_ATTRIBUTES, CASE_STAGE } from '../../../domain/search-attributes.js';
import { temporalCli } from '../../../infra/binaries.js';
import { assertPortFree } from '../../../infra/ports.js';
import { registerSearchAttributes, startTemporalDevServer } from '../../../infra/temporal-server.js';
import { freePort } from '../../support/free-port.js';


/** Processes whose command line mentions the data directory: the dev servers started on it. */
function serversUsing(dataDir: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dataDir);
      } catch {
        return false; // exited while we looked
      }
    })
    .map(Number);
}

async function eventually(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return check();
}

describe('embedded Temporal dev server for `npm start` without TEMPORAL_ADDRESS', () => {
  const executable = temporalCli();
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ats-temporal-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves the case search attributes and keeps a started case across a restart', async () => {
    const [port, uiPort] = [await freePort(), await freePort()];
    const options = { executable, port, uiPort, dataDir, namespace: 'ats-kutim' };
    const workflowId = `kasus-restart-${Date.now()}`;

    const first = await startTemporalDevServer(options);
    expect(first.address).toBe(`127.0.0.1:${port}`);
    expect((await fetch(first.uiUrl)).status).toBe(200);
    const connection = await Connection.connect({ address: first.address });
    try {
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'ats-kutim' });
      for (const { name } of CASE_SEARCH_ATTRIBUTES) expect(customAttributes).toHaveProperty(name);

      const client = new Client({ connection, namespace: 'ats-kutim' });
      await client.workflow.start('caseWorkflow', {
        workflowId,
        taskQueue: 'no-worker-yet',
        typedSearchAttributes: new TypedSearchAttributes([{ key: CASE_STAGE, value: 'verification' }]),
      });
    } finally {
      await connection.close();
    }
    await first.stop();

    expect(serversUsing(dataDir)).toEqual([]);
    await assertPortFree(port, '127.0.0.1', 'TEMPORAL_PORT', 'Temporal dev server');

    const second = await startTemporalDevServer(options);
    const again = await Connection.connect({ address: second.address });
    try {
      const client = new Client({ connection: again, namespace: 'ats-kutim' });
      const description = await client.workflow.getHandle(workflowId).describe();
      expect(description.status.name).toBe('RUNNING');
      expect(description.typedSearchAttributes.get(CASE_STAGE)).toBe('verification');
    } finally {
      await again.close();
      await second.stop();
    }
  });

  it('adds missing search attributes to a running server once, and refuses a type clash', async () => {
    const server = await startTemporalDevServer({ executable, port: await freePort(), uiPort: await freePort(), dataDir, namespace: 'default' });
    const connection = await Connection.connect({ address: server.address });
    try {
      expect(await registerSearchAttributes(connection, 'default')).toEqual([]);

      const marker = defineSearchAttributeKey('AtsTestMarker', SearchAttributeType.KEYWORD);
      expect(await registerSearchAttributes(connection, 'default', [...CASE_SEARCH_ATTRIBUTES, marker])).toEqual(['AtsTestMarker']);
      expect(await registerSearchAttributes(connection, 'default', [marker])).toEqual([]);

      const clash = defineSearchAttributeKey('AtsTestMarker', SearchAttributeType.INT);
      await expect(registerSearchAttributes(connection, 'default', [clash])).rejects.toThrow(
        'Search attribute AtsTestMarker is registered in namespace default with another type; it must be Int',
      );
    } finally {
      await connection.close();
      await server.stop();
    }
  });

  it('does not outlive the process that started it', async () => {
    const ownerDir = await mkdtemp(path.join(os.tmpdir(), 'ats-temporal-owner-'));
    try {
      const fixture = path.resolve('tests/integration/infra/fixtures/temporal-server-owner.ts');
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', fixture, ownerDir, String(await freePort()), String(await freePort())],
        { timeout: 60_000 },
      );
      expect(stdout).toMatch(/^ready 127\.0\.0\.1:\d+/);
      expect(await eventually(() => serversUsing(ownerDir).length === 0, 15_000)).toBe(true);
    } finally {
      await rm(ownerDir, { recursive: true, force: true });
    }
  });

  it('explains in one failure why it could not start when its port is taken', async () => {
    const occupant = net.createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => occupant.listen(0, '127.0.0.1', resolve));
    const { port } = occupant.address() as net.AddressInfo;
    const busyDir = await mkdtemp(path.join(os.tmpdir(), 'ats-temporal-busy-'));
    try {
      await expect(
        startTemporalDevServer({ executable, port, uiPort: await freePort(), dataDir: busyDir, namespace: 'default' }),
      ).rejects.toThrow(/did not start: it exited/);
      expect(serversUsing(busyDir)).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => occupant.close(() => resolve()));
      await rm(busyDir, { recursive: true, force: true });
    }
  });
});
