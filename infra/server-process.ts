import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';

/** A child process we started, with how and when it ended. */
export type ServerProcess = { child: ChildProcess; exited: Promise<ProcessExit> };

export type ProcessExit = {
  /** `code 0`, `signal SIGKILL`, or the spawn error's message. */
  how: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines it printed, for an error message. */
  lastLines: string[];
};

const LINES_KEPT = 20;

/** Forwards every line the child prints to `log` and resolves once it has exited (or could not be spawned). */
export function watchExit(child: ChildProcess, log?: (line: string) => void): Promise<ProcessExit> {
  const lastLines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      lastLines.push(line);
      if (lastLines.length > LINES_KEPT) lastLines.shift();
      log?.(line);
    });
  }
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ how: signal ? `signal ${signal}` : `code ${code}`, code, signal, lastLines }));
    child.once('error', (error) => resolve({ how: error.message, code: null, signal: null, lastLines }));
  });
}

/**
 * Asks a child to stop with `signal`, waits up to `graceMs`, then sends `lastResort` (SIGKILL by default)
 * and waits for it: a stop always ends, however the child behaves.
 */
export async function stopProcess(
  server: ServerProcess,
  { signal, graceMs, lastResort = 'SIGKILL' }: { signal: NodeJS.Signals; graceMs: number; lastResort?: NodeJS.Signals },
): Promise<ProcessExit> {
  const { child } = server;
  if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
    child.kill(signal);
    const ended = await Promise.race([server.exited.then(() => true), delay(graceMs).then(() => false)]);
    if (!ended) {
      child.kill(lastResort);
      const killed = await Promise.race([server.exited.then(() => true), delay(graceMs).then(() => false)]);
      if (!killed) child.kill('SIGKILL');
    }
  }
  return server.exited;
}
