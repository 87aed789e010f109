import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../support/free-port.js';

const dataDirs: string[] = [];
afterAll(() => dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Runs `npm start`'s entry point with the given settings, on ports nobody else uses, until it exits. */
async function start(settings: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ats-start-'));
  dataDirs.push(dataDir);
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    EMBEDDED_DB_PORT: String(await freePort()),
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    SMTP_SINK_PORT: String(await freePort()),
    MAILBOX_PORT: String(await freePort()),
    SIMULATOR_PORT: String(await freePort()),
    ...settings,
  };
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL', 'DUKCAPIL_URL', 'DINSOS_URL']) delete env[name];
  const child = spawn(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'cli/start.ts'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stderr: stderr.trim() };
}

function expectOneClearLine(stderr: string, message: RegExp): void {
  expect(stderr.split('\n')).toHaveLength(1);
  expect(stderr).toMatch(message);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('npm start refuses to run with one clear line, never a stack trace', () => {
  it('names a variable with a wrong value', async () => {
    const { code, stderr } = await start({ PORT: 'tiga ribu' });
    expect(code).toBe(1);
    expectOneClearLine(stderr, /^Invalid configuration: PORT must be a port number between 1 and 65535 \(got "tiga ribu"\)$/);
  });

  it('names the port that is already taken and the variable that moves it', async () => {
    const occupant = net.createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => occupant.listen(port, '127.0.0.1', resolve));
    try {
      const { code, stderr } = await start({ PORT: String(port) });
      expect(code).toBe(1);
      expectOneClearLine(stderr, new RegExp(`^Port ${port} \\(API\\) is already in use on 127\\.0\\.0\\.1.*PORT`));
    } finally {
      await new Promise<void>((resolve) => occupant.close(() => resolve()));
    }
  });

  it('says which Temporal binary could not be started', async () => {
    const { code, stderr } = await start({ TEMPORAL_CLI_PATH: '/nonexistent/temporal' });
    expect(code).toBe(1);
    expectOneClearLine(stderr, /^Temporal dev server \(\/nonexistent\/temporal\) did not start: .*ENOENT/);
  });
});
