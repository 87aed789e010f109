/**
 * `npm start`: the whole system on one machine, in the same process shape as production. Every service
 * that is not configured by an environment variable gets an embedded stand-in (PostgreSQL, Temporal dev
 * server, SMTP sink with a mailbox page, registry simulators); the API and the worker run as processes of
 * their own (`api/main.ts`, `worker/main.ts`), restarted when they die. Ctrl-C stops everything in order:
 * the API, the worker, the simulators, Temporal, the mail sink, and PostgreSQL last.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Connection } from '@temporalio/client';
import { createApiKey, findActiveApiKey } from '../api/auth/api-keys.js';
import type { StaffRole } from '../domain/access.js';
import { formatPayloadKeys } from '../config/payload-keys.js';
import { parseEnv, publicUrl, type Env } from '../config/env.js';
import { runMain } from '../config/require.js';
import { temporalCli } from '../infra/binaries.js';
import { developmentPayloadKeys } from '../infra/data-converter.js';
import { createPrisma, type Db } from '../infra/db.js';
import { developmentSecret, developmentSigningKeyText } from '../infra/dev-secrets.js';
import { developmentStaffUsers } from '../infra/dev-staff.js';
import { startEmbeddedPostgres } from '../infra/embedded-postgres.js';
import { StartupError } from '../infra/startup-error.js';
import { applyMigrations } from '../infra/migrations.js';
import { assertPortFree } from '../infra/ports.js';
import { PROCESSES_FILE, recordProcesses, stopLeftoverProcesses } from '../infra/process-record.js';
import { seedOfficerDirectory } from '../infra/seed.js';
import { startSmtpSink } from '../infra/smtp-sink.js';
import { runNodeScript, SupervisedNodeProcess } from '../infra/supervisor.js';
import { registerSearchAttributes, startTemporalDevServer } from '../infra/temporal-server.js';

type Stop = { name: string; stop: () => Promise<unknown>; kill?: () => void };

/** The key printed for trying the API, and the auditor key the embedded Web UI decodes payloads with. */
const DEV_API_KEY = { file: 'dev-api-key.txt', name: 'development (npm start)', role: 'COORDINATOR' } as const;
const DEV_UI_CODEC_KEY = { file: 'dev-ui-codec-key.txt', name: 'Temporal Web UI codec (npm start)', role: 'AUDITOR' } as const;

/** However the processes behave, Ctrl-C ends `npm start` within this long. */
const STOP_BOUND_MS = 60_000;
const API_STOP_GRACE_MS = 10_000;
/** The worker's own shutdown grace is 10 s (worker/worker.ts); a little more for it to close its connections. */
const WORKER_STOP_GRACE_MS = 15_000;
const SIMULATORS_STOP_GRACE_MS = 5000;
/** Signals closer together than this are one Ctrl-C delivered twice (to the process group and through tsx). */
const REPEATED_SIGNAL_MS = 1500;

const entry = (file: string) => fileURLToPath(new URL(`../${file}`, import.meta.url));

await runMain(async () => {
  const startedAt = Date.now();
  const env = parseEnv();
  mkdirSync(env.DATA_DIR, { recursive: true });
  const dataDir = path.resolve(env.DATA_DIR);
  // Stopped in reverse order of starting: what uses a service stops before the service.
  const started: Stop[] = [];
  let stopping = false;
  const log = (line: string) => {
    if (!stopping) console.log(`  ${line}`);
  };

  let stopRequestedAt = 0;
  const stopAll = async (exitCode: number) => {
    if (stopping) {
      // tsx relays the terminal's Ctrl-C to us although we got it already: only a second press counts.
      if (Date.now() - stopRequestedAt < REPEATED_SIGNAL_MS) return;
      console.log('  stopping at once');
      for (const { kill } of started) kill?.();
      process.exit(130);
    }
    stopping = true;
    stopRequestedAt = Date.now();
    console.log('\nStopping…');
    const bound = setTimeout(() => {
      console.error(`  still stopping after ${STOP_BOUND_MS / 1000} s: killing what is left`);
      for (const { kill } of started) kill?.();
      process.exit(1);
    }, STOP_BOUND_MS);
    bound.unref();
    for (const { name, stop } of started.reverse()) {
      const since = Date.now();
      await stop().then(
        () => console.log(`  ${name} stopped (${((Date.now() - since) / 1000).toFixed(1)} s)`),
        (error: unknown) => console.error(`  while stopping ${name}: ${String(error)}`),
      );
    }
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  process.on('SIGHUP', () => void stopAll(0));

  try {
    await stopLeftoverProcesses(dataDir, log);
    await checkPorts(env);
    console.log('Starting ATS Kutai Timur…');
    const api = publicUrl(env);
    const secrets = {
      CASE_KEY_SECRET: process.env.CASE_KEY_SECRET || developmentSecret(dataDir, 'CASE_KEY_SECRET'),
      PAYLOAD_ENCRYPTION_KEYS: process.env.PAYLOAD_ENCRYPTION_KEYS || formatPayloadKeys(developmentPayloadKeys(dataDir)),
      AUDIT_SIGNING_KEY: process.env.AUDIT_SIGNING_KEY || developmentSigningKeyText(dataDir),
    };
    const bundlePath = path.join(dataDir, 'workflow-bundle.js');

    // The embedded Web UI decodes payloads through the API's codec with a key of its own, so the database
    // (which holds the key) comes up before the Temporal dev server that is told the key.
    const databaseReady = (async () => {
      const database = env.DATABASE_URL
        ? { url: env.DATABASE_URL, pid: undefined }
        : await startEmbeddedPostgres({ dataDir, port: env.EMBEDDED_DB_PORT, password: developmentSecret(dataDir, 'EMBEDDED_DB_PASSWORD'), log });
      // First in the list, so stopped last: everything else may still write to it while it stops.
      if ('stop' in database) started.unshift({ name: 'PostgreSQL', stop: database.stop, kill: database.kill });
      await applyMigrations(database.url, { log });
      const prisma = createPrisma(database.url, { maxConnections: 2 });
      try {
        if (!env.DATABASE_URL) await seedOfficerDirectory(prisma);
        const uiCodecKey = await developmentKey(dataDir, prisma, DEV_UI_CODEC_KEY);
        const apiKey = await developmentKey(dataDir, prisma, DEV_API_KEY);
        // Short enough to type; the development accounts hold no real data.
        const staff = await developmentStaffUsers(prisma, developmentSecret(dataDir, 'DEV_STAFF_PASSWORD').slice(0, 16));
        return { url: database.url, pid: database.pid, uiCodecKey, apiKey, staff };
      } finally {
        await prisma.$disconnect();
      }
    })();
    const [database, temporal, mail, , ,] = await Promise.all([
      databaseReady,
      env.TEMPORAL_ADDRESS
        ? registerExternalSearchAttributes(env.TEMPORAL_ADDRESS, env.TEMPORAL_NAMESPACE).then(() => ({ address: env.TEMPORAL_ADDRESS!, uiUrl: env.TEMPORAL_UI_URL, pid: undefined }))
        : databaseReady.then(async ({ uiCodecKey }) => {
            const server = await startTemporalDevServer({
              executable: temporalCli(env.TEMPORAL_CLI_PATH),
              port: env.TEMPORAL_PORT,
              uiPort: env.TEMPORAL_UI_PORT,
              dataDir,
              namespace: env.TEMPORAL_NAMESPACE,
              uiCodecEndpoint: `${api}/codec/key/${uiCodecKey}`,
              log,
            });
            started.push({ name: 'Temporal', stop: server.stop, kill: server.kill });
            return server;
          }),
      env.SMTP_URL
        ? { smtpUrl: env.SMTP_URL, mailboxUrl: undefined }
        : startSmtpSink({ smtpPort: env.SMTP_SINK_PORT, httpPort: env.MAILBOX_PORT }).then((sink) => {
            started.push({ name: 'SMTP sink', stop: () => sink.close() });
            return { smtpUrl: `smtp://127.0.0.1:${sink.smtpPort}`, mailboxUrl: sink.url };
          }),
      // Bundled once, so a restarted worker is back in a second; in a process of its own, so the
      // supervisor does not keep webpack's memory for as long as it runs.
      bundleWorkflows(bundlePath),
    ]);

    const simulated = !(env.DUKCAPIL_URL && env.DINSOS_URL && env.DAPODIK_URL);
    const simulatorBase = `http://127.0.0.1:${env.SIMULATOR_PORT}`;
    const registries = {
      DUKCAPIL_URL: env.DUKCAPIL_URL ?? `${simulatorBase}/dukcapil`,
      DINSOS_URL: env.DINSOS_URL ?? `${simulatorBase}/dinsos`,
      DAPODIK_URL: env.DAPODIK_URL ?? `${simulatorBase}/dapodik`,
    };
    const processEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ...secrets,
      ...registries,
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: temporal.address,
      SMTP_URL: mail.smtpUrl,
      WORKFLOW_BUNDLE_PATH: bundlePath,
    };
    const pids: Record<string, number | undefined> = { supervisor: process.pid, postgres: database.pid, temporal: temporal.pid };
    const supervise = (name: string, file: string, stopGraceMs: number, nodeArgs: string[] = []) => {
      const child = new SupervisedNodeProcess({
        name,
        entry: entry(file),
        env: processEnv,
        nodeArgs,
        stopGraceMs,
        log,
        onReady: (pid) => {
          pids[name] = pid;
          recordProcesses(dataDir, pids);
        },
      });
      started.push({ name, stop: () => child.stop(), kill: () => child.kill() });
      return child;
    };
    const simulators = simulated ? supervise('simulators', 'simulators/main.ts', SIMULATORS_STOP_GRACE_MS) : undefined;
    await simulators?.start();
    const worker = supervise('worker', 'worker/main.ts', WORKER_STOP_GRACE_MS, [`--max-old-space-size=${env.WORKER_HEAP_MB}`]);
    const apiProcess = supervise('api', 'api/main.ts', API_STOP_GRACE_MS);
    await Promise.all([worker.start(), apiProcess.start()]);
    recordProcesses(dataDir, pids);

    console.log(
      [
        '',
        '┌─ ATS Kutai Timur is running ───────────────────────────────',
        `│ API            ${api}`,
        `│ API docs       ${api}/docs`,
        `│ Health         ${api}/health`,
        `│ Temporal UI    ${temporal.uiUrl ?? '(external server: set TEMPORAL_UI_URL)'}`,
        `│ Mailbox        ${mail.mailboxUrl ?? `(sending to ${redactUrl(mail.smtpUrl)})`}`,
        `│ Registries     ${simulated ? 'simulated' : 'external'}: Dukcapil ${registries.DUKCAPIL_URL}, Dinsos ${registries.DINSOS_URL}, Dapodik ${registries.DAPODIK_URL}`,
        `│ Database       ${env.DATABASE_URL ? redactUrl(env.DATABASE_URL) : `embedded PostgreSQL on port ${env.EMBEDDED_DB_PORT}, data in ${path.join(dataDir, 'postgres')}`}`,
        `│ Processes      api ${apiProcess.pid} · worker ${worker.pid}${simulators ? ` · simulators ${simulators.pid}` : ''}${temporal.pid ? ` · temporal ${temporal.pid}` : ''}${database.pid ? ` · postgres ${database.pid}` : ''} (${PROCESSES_FILE} in DATA_DIR)`,
        `│ Staff sign-in  ${api}/masuk  ${database.staff.emails.join(', ')}`,
        `│                password ${database.staff.password}`,
        `│ Dev API key    ${database.apiKey}`,
        `│ Try it         curl -H "Authorization: Bearer ${database.apiKey}" ${api}/api/v1/cases`,
        `└─ started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s · Ctrl-C to stop`,
      ].join('\n'),
    );
  } catch (error) {
    stopping = true;
    for (const { stop } of started.reverse()) await stop().catch(() => {});
    throw error;
  }
});

async function checkPorts(env: Env): Promise<void> {
  const host = '127.0.0.1';
  await assertPortFree(env.PORT, env.HOST, 'PORT', 'API');
  if (!env.TEMPORAL_ADDRESS) {
    await assertPortFree(env.TEMPORAL_PORT, host, 'TEMPORAL_PORT', 'Temporal dev server');
    await assertPortFree(env.TEMPORAL_UI_PORT, host, 'TEMPORAL_UI_PORT', 'Temporal Web UI');
  }
  if (!env.DATABASE_URL) await assertPortFree(env.EMBEDDED_DB_PORT, host, 'EMBEDDED_DB_PORT', 'embedded PostgreSQL');
  if (!env.SMTP_URL) {
    await assertPortFree(env.SMTP_SINK_PORT, host, 'SMTP_SINK_PORT', 'SMTP sink');
    await assertPortFree(env.MAILBOX_PORT, host, 'MAILBOX_PORT', 'mailbox page');
  }
  if (!env.DUKCAPIL_URL || !env.DINSOS_URL || !env.DAPODIK_URL) await assertPortFree(env.SIMULATOR_PORT, host, 'SIMULATOR_PORT', 'registry simulators');
}

async function bundleWorkflows(bundlePath: string): Promise<void> {
  const { code, output } = await runNodeScript(entry('scripts/bundle-workflows.ts'), [bundlePath]);
  if (code !== 0) throw new StartupError(`The workflows could not be bundled: ${output}`);
}

async function registerExternalSearchAttributes(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    await registerSearchAttributes(connection, namespace);
  } finally {
    await connection.close();
  }
}

/** Development keys are kept in DATA_DIR so they stay the same across restarts. */
async function developmentKey(dataDir: string, prisma: Db, purpose: { file: string; name: string; role: StaffRole }): Promise<string> {
  const file = path.join(dataDir, purpose.file);
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (await findActiveApiKey(prisma, key)) return key;
  }
  const { key } = await createApiKey(prisma, { name: purpose.name, role: purpose.role, scope: [] });
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//•••@');
}
