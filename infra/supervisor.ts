import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { type ProcessExit, type ServerProcess, stopProcess, watchExit } from './server-process.js';
import { StartupError } from './startup-error.js';

/** What a supervised process tells `npm start` over its IPC channel once it serves. */
export const READY_MESSAGE = 'ready';

/** Says "ready" to the supervisor, when there is one (the process was started by `npm start`). */
export function reportReadyToSupervisor(): void {
  process.send?.(READY_MESSAGE);
  // The channel must not keep the process alive once its own work is done (after a graceful stop).
  process.channel?.unref();
}

/**
 * Stops the process gracefully when its supervisor is gone (killed outright, so it could not stop us in
 * order): a process left running alone would hold its port and its database connections forever.
 */
export function stopWhenSupervisorGone(stop: () => void): void {
  if (process.send) process.once('disconnect', stop);
}

export interface NodeProcessSpec {
  /** How the process is named in messages: `api`, `worker`, `simulators`. */
  name: string;
  /** The TypeScript entry point, run through tsx's loader. */
  entry: string;
  env: NodeJS.ProcessEnv;
  /** Extra node flags, such as a heap limit. */
  nodeArgs?: string[];
  /** How long a graceful stop may take before the process is killed. */
  stopGraceMs: number;
  log: (line: string) => void;
  /** Told whenever the process has (re)started and is ready, with its pid. */
  onReady?: (pid: number) => void;
}

const READY_TIMEOUT_MS = 180_000;
const FIRST_RESTART_DELAY_MS = 1000;
const MAX_RESTART_DELAY_MS = 30_000;
/**
 * A process that served this long before it died had started properly (it was killed, or met a fault
 * while at work) and is started again after the first delay; one that dies sooner is in a crash loop
 * and waits longer each time.
 */
const STABLE_AFTER_MS = 5_000;

/**
 * A Node.js process of ours (the API, the worker, the simulators) that `npm start` keeps running: it is
 * started in a process group of its own (a terminal's Ctrl-C reaches only the supervisor, which stops
 * everything in order), restarted with back-off when it dies, and stopped with a bounded grace time.
 */
export class SupervisedNodeProcess {
  private current: ServerProcess | undefined;
  private stopping = false;
  private restarts = 0;

  constructor(private readonly spec: NodeProcessSpec) {}

  get pid(): number | undefined {
    return this.current?.child.pid;
  }

  /** Starts the process and resolves once it reports ready; a process that dies first fails the start with its last output. */
  async start(): Promise<void> {
    const exit = await this.launch();
    if (exit) {
      const output = exit.lastLines.length > 0 ? `: ${exit.lastLines.join('\n')}` : ` (${exit.how})`;
      throw new StartupError(`The ${this.spec.name} process did not start${output}`);
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.current) await stopProcess(this.current, { signal: 'SIGTERM', graceMs: this.spec.stopGraceMs });
  }

  /** Kills the process at once: for a second Ctrl-C, or a stop that outlived its bound. */
  kill(): void {
    this.stopping = true;
    this.current?.child.kill('SIGKILL');
  }

  /** Resolves undefined once the process is ready, or with its exit when it ended before that. */
  private async launch(): Promise<ProcessExit | undefined> {
    const child = spawn(process.execPath, [...(this.spec.nodeArgs ?? []), '--import', TSX_LOADER, this.spec.entry], {
      env: this.spec.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: true,
    });
    const server: ServerProcess = { child, exited: watchExit(child, this.spec.log) };
    this.current = server;
    const ready = new Promise<void>((resolve) => child.on('message', (message) => message === READY_MESSAGE && resolve()));
    const outcome = await Promise.race([
      ready.then(() => 'ready' as const),
      server.exited,
      delay(READY_TIMEOUT_MS).then(() => 'timeout' as const),
    ]);
    if (outcome === 'timeout') {
      await stopProcess(server, { signal: 'SIGTERM', graceMs: this.spec.stopGraceMs });
      return { ...(await server.exited), how: `not ready within ${READY_TIMEOUT_MS / 1000} s` };
    }
    if (outcome !== 'ready') return outcome;
    const readyAt = Date.now();
    this.spec.onReady?.(child.pid!);
    void server.exited.then((exit) => this.restartAfter(exit, Date.now() - readyAt));
    return undefined;
  }

  private async restartAfter(exit: ProcessExit, servedMs: number): Promise<void> {
    if (this.stopping) return;
    if (servedMs >= STABLE_AFTER_MS) this.restarts = 0;
    for (;;) {
      const wait = Math.min(FIRST_RESTART_DELAY_MS * 2 ** this.restarts, MAX_RESTART_DELAY_MS);
      this.restarts += 1;
      this.spec.log(`${this.spec.name} process ended (${exit.how}); starting it again in ${wait / 1000} s`);
      await delay(wait);
      if (this.stopping) return;
      const failed = await this.launch();
      if (!failed) return;
      exit = failed;
    }
  }
}

/** Runs a TypeScript script to its end in a process of its own: its exit code and what it printed. */
export async function runNodeScript(file: string, args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const exit = await watchExit(child, (line) => lines.push(line));
  return { code: exit.code, output: lines.join('\n') || exit.how };
}

/** tsx's ESM loader, so the processes run their TypeScript sources the way `npm run api` does. */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
