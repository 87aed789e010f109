import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readProcesses } from '../../infra/process-record.js';
import { freePort } from './free-port.js';

/** `npm start` as a user runs it in a terminal: its own process group, embedded defaults, ports nobody else uses. */
export interface RunningSystem {
  apiUrl: string;
  mailboxUrl: string;
  temporalAddress: string;
  apiKey: string;
  dataDir: string;
  /** The pids `npm start` recorded for its processes (api, worker, simulators, temporal, postgres, supervisor). */
  processes(): Record<string, number>;
  /** What a terminal's Ctrl-C does: the signal to the whole process group. */
  pressCtrlC(): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  /** What Ctrl-C does, waiting until it has stopped (or killing it after 70 s); the data stays. */
  stop(): Promise<void>;
  /** Stops it if it still runs, and removes its data. */
  dispose(): Promise<void>;
}

const STARTED = /started in [\d.]+ s/;

/** `dataDir` starts it again on the data of an earlier run (as `npm start` after Ctrl-C); by default it starts on a new one. */
export async function startSystem(settings: Record<string, string> = {}, startTimeoutMs = 150_000, dataDir = mkdtempSync(path.join(tmpdir(), 'ats-npm-start-'))): Promise<RunningSystem> {
  const ports = {
    PORT: await freePort(), EMBEDDED_DB_PORT: await freePort(), TEMPORAL_PORT: await freePort(), TEMPORAL_UI_PORT: await freePort(),
    SMTP_SINK_PORT: await freePort(), MAILBOX_PORT: await freePort(), SIMULATOR_PORT: await freePort(),
  };
  const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])), ...settings };
  // The embedded defaults, whatever this shell has set; a caller may still name a service of its own.
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL', 'DUKCAPIL_URL', 'DINSOS_URL', 'DAPODIK_URL', 'CASE_KEY_SECRET', 'PAYLOAD_ENCRYPTION_KEYS', 'AUDIT_SIGNING_KEY']) {
    if (!(name in settings)) delete env[name];
  }
  const child: ChildProcess = spawn(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'cli/start.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const group = child.pid!;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-group, signal);
    } catch {
      // already gone
    }
  };

  const deadline = Date.now() + startTimeoutMs;
  while (!STARTED.test(output)) {
    const ended = await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 200, undefined))]);
    if (ended || Date.now() > deadline) {
      signalGroup('SIGKILL');
      throw new Error(`npm start did not come up: ${ended ? `it exited ${JSON.stringify(ended)}` : 'timed out'}; output:\n${output}`);
    }
  }
  async function stop(): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    signalGroup('SIGINT');
    const stopped = await Promise.race([exited.then(() => true), new Promise((resolve) => setTimeout(resolve, 70_000, false))]);
    if (!stopped) signalGroup('SIGKILL');
  }
  return {
    apiUrl: `http://localhost:${ports.PORT}`,
    mailboxUrl: `http://127.0.0.1:${ports.MAILBOX_PORT}`,
    temporalAddress: `127.0.0.1:${ports.TEMPORAL_PORT}`,
    apiKey: readFileSync(path.join(dataDir, 'dev-api-key.txt'), 'utf8').trim(),
    dataDir,
    processes: () => readProcesses(dataDir),
    pressCtrlC: () => signalGroup('SIGINT'),
    exited,
    output: () => output,
    stop,
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
