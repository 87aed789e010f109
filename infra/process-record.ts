import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { StartupError } from './startup-error.js';

/** Where `npm start` records the processes it runs, in DATA_DIR: for operators, benchmarks and the next start. */
export const PROCESSES_FILE = 'processes.json';

type Recorded = Record<string, { pid: number; commandLine: string }>;

const LEFTOVER_GRACE_MS = 10_000;

/** Writes the current pid of each process (with its command line, so a recycled pid is never taken for ours). */
export function recordProcesses(dataDir: string, pids: Record<string, number | undefined>): void {
  const recorded: Recorded = {};
  for (const [name, pid] of Object.entries(pids)) {
    if (pid !== undefined) recorded[name] = { pid, commandLine: commandLineOf(pid) ?? '' };
  }
  const file = path.join(dataDir, PROCESSES_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(recorded, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** The pids `npm start` recorded, by process name (api, worker, simulators, temporal, postgres, supervisor). */
export function readProcesses(dataDir: string): Record<string, number> {
  return Object.fromEntries(Object.entries(readRecord(dataDir)).map(([name, { pid }]) => [name, pid]));
}

/**
 * A supervisor killed outright cannot stop what it started: its Temporal server (and, until they notice,
 * its Node processes) may still run. Stops them, or refuses when that supervisor itself still runs.
 * PostgreSQL is left to infra/embedded-postgres.ts, which knows its own pid file.
 */
export async function stopLeftoverProcesses(dataDir: string, log: (line: string) => void): Promise<void> {
  const recorded = readRecord(dataDir);
  const supervisor = recorded.supervisor;
  if (supervisor && supervisor.pid !== process.pid && isSameProcess(supervisor)) {
    throw new StartupError(`npm start is already running on DATA_DIR ${dataDir} (pid ${supervisor.pid}): stop it first, or set DATA_DIR`);
  }
  const leftovers = Object.entries(recorded).filter(([name, entry]) => name !== 'supervisor' && name !== 'postgres' && isSameProcess(entry));
  for (const [name, { pid }] of leftovers) {
    log(`stopping the ${name} process (pid ${pid}) left running by an earlier start`);
    process.kill(pid, 'SIGTERM');
  }
  for (const [, entry] of leftovers) {
    for (let waited = 0; waited < LEFTOVER_GRACE_MS && isSameProcess(entry); waited += 100) await delay(100);
    if (isSameProcess(entry)) process.kill(entry.pid, 'SIGKILL');
  }
}

function readRecord(dataDir: string): Recorded {
  const file = path.join(dataDir, PROCESSES_FILE);
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Recorded;
  } catch {
    return {};
  }
}

function isSameProcess({ pid, commandLine }: { pid: number; commandLine: string }): boolean {
  const now = commandLineOf(pid);
  return now !== undefined && now === commandLine && commandLine !== '';
}

function commandLineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return undefined;
  }
}
