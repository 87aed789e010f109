import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import type { JourneyStack } from './stack.js';

/**
 * The production worker (`tsx worker/main.ts`) as an OS process of its own, configured only through
 * its environment. It runs in a process group of its own, because tsx starts node as a child: a
 * kill must reach the whole group, or the real worker would live on as an orphan.
 */
export interface WorkerProcess {
  pid: number;
  /** kill -9 of the whole group: no graceful shutdown, nothing finished, nothing flushed. */
  kill(): Promise<void>;
  /** What the worker wrote, for diagnosing a failed story and for searching its log. */
  output(): string;
}

const TSX = path.resolve('node_modules/.bin/tsx');
/** Enough for the whole log of a test's worker, which stories search for personal data. */
const OUTPUT_KEPT_CHARS = 5_000_000;
const running = new Set<WorkerProcess>();

// Should the test process end without its afterAll (a crash, a timeout), no worker outlives it.
process.once('exit', () => {
  for (const worker of running) killGroup(worker.pid);
});

/** `env` adds or overrides settings, e.g. the reconciliation's schedule, which is off unless a story asks for it. */
export function startWorkerProcess(stack: JourneyStack, env: Record<string, string> = {}): WorkerProcess {
  const child: ChildProcess = spawn(TSX, ['worker/main.ts'], {
    cwd: path.resolve('.'),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: stack.databaseUrl,
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_TASK_QUEUE: stack.taskQueue,
      SMTP_URL: `smtp://127.0.0.1:${stack.sink.smtpPort}`,
      DUKCAPIL_URL: stack.simulators.dukcapilUrl,
      DINSOS_URL: stack.simulators.dinsosUrl,
      DAPODIK_URL: stack.simulators.dapodikUrl,
      RECONCILIATION_SCHEDULE: 'off',
      CASE_KEY_SECRET: stack.caseKeySecret,
      PAYLOAD_ENCRYPTION_KEYS: stack.payloadEncryptionKeys,
      PUBLIC_URL: stack.apiUrl,
      ...env,
    },
  });
  if (child.pid === undefined) throw new Error('the worker process did not start');
  const pid = child.pid;
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = once(child, 'exit');

  const worker: WorkerProcess = {
    pid,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) killGroup(pid);
      await exited;
      running.delete(worker);
    },
    output: () => output,
  };
  running.add(worker);
  return worker;
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is already gone
  }
}
