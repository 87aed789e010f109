import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { startSmtpSink } from '../../infra/smtp-sink.js';
import { startSystem, type RunningSystem } from '../../tests/support/npm-start.js';

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

/** `npm start` with its embedded defaults, its mail going to a sink of the bench's own that keeps every message. */
export interface BenchSystem {
  system: RunningSystem;
  sink: SmtpSink;
  /** The embedded PostgreSQL, as the API and the worker reach it. */
  databaseUrl: string;
  /** Seconds from spawning `npm start` to its "started in" line. */
  startupSeconds: number;
  /** Ctrl-C and `npm start` again on the same data, as after an upgrade: this object then describes the new run. */
  restart(): Promise<void>;
  /** Stops everything and removes the data. */
  stop(): Promise<void>;
}

export async function startBenchSystem(settings: Record<string, string> = {}): Promise<BenchSystem> {
  const sink = await startSmtpSink({ smtpPort: 0, httpPort: 0, maxMessages: Number.MAX_SAFE_INTEGER });
  const withSink = { LOG_LEVEL: 'error', SMTP_URL: `smtp://127.0.0.1:${sink.smtpPort}`, ...settings };
  const start = async (dataDir?: string) => {
    const startedAt = Date.now();
    const system = await startSystem(withSink, 300_000, dataDir);
    return { system, databaseUrl: embeddedDatabaseUrl(system), startupSeconds: (Date.now() - startedAt) / 1000 };
  };
  const bench: BenchSystem = {
    ...(await start()),
    sink,
    async restart() {
      await bench.system.stop();
      Object.assign(bench, await start(bench.system.dataDir));
    },
    async stop() {
      await bench.system.dispose();
      await sink.close();
    },
  };
  return bench;
}

function embeddedDatabaseUrl(system: RunningSystem): string {
  const secrets = JSON.parse(readFileSync(path.join(system.dataDir, 'dev-secrets.json'), 'utf8')) as Record<string, string>;
  const port = /port (\d+), data in/.exec(system.output())?.[1];
  return `postgresql://postgres:${encodeURIComponent(secrets.EMBEDDED_DB_PASSWORD!)}@127.0.0.1:${port}/postgres`;
}

/** RSS in bytes per process `npm start` recorded; PostgreSQL counts with its backends. */
export function memoryOf(running: RunningSystem): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [name, pid] of Object.entries(running.processes())) {
    result[name] = [pid, ...(name === 'postgres' ? childrenOf(pid) : [])].reduce((sum, p) => sum + rssOf(p), 0);
  }
  return result;
}

function rssOf(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kb ?? 0) * 1024;
  } catch {
    return 0;
  }
}

function childrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === parent;
      } catch {
        return false;
      }
    })
    .map(Number);
}
