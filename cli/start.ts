/**
 * `npm start`: the whole system on one machine. Every service that is not configured by an
 * environment variable is replaced by an embedded stand-in (Temporal dev server, PGlite,
 * SMTP sink with a mailbox page, registry simulators); then the worker and the API run in
 * this process. Ctrl-C stops everything, children included.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { buildApp } from '../api/app.js';
import { createImportActivities } from '../activities/imports.js';
import { createApiKey, findActiveApiKey } from '../api/auth/api-keys.js';
import type { StaffRole } from '../domain/access.js';
import { developmentStaffUsers } from '../infra/dev-staff.js';
import { parseEnv, publicUrl, type Env } from '../config/env.js';
import { runMain } from '../config/require.js';
import { temporalCli } from '../infra/binaries.js';
import { caseDataConverter, developmentPayloadKeys } from '../infra/data-converter.js';
import { createPrisma } from '../infra/db.js';
import { developmentSecret, developmentSigningKey } from '../infra/dev-secrets.js';
import { startEmbeddedPostgres } from '../infra/embedded-postgres.js';
import { applyMigrations } from '../infra/migrations.js';
import { assertPortFree } from '../infra/ports.js';
import { seedOfficerDirectory } from '../infra/seed.js';
import { startSmtpSink } from '../infra/smtp-sink.js';
import { registerSearchAttributes, startTemporalDevServer } from '../infra/temporal-server.js';
import { startSimulators } from '../simulators/server.js';
import { ensureReconciliationSchedule, scheduleSettings } from '../infra/reconciliation-schedule.js';
import { createCaseActivities, createDuplicateReviewActivities, createReconciliationWiring } from '../worker/dependencies.js';
import { createCaseWorker } from '../worker/worker.js';

type Stop = () => Promise<unknown>;

/** The key printed for trying the API, and the auditor key the embedded Web UI decodes payloads with. */
const DEV_API_KEY = { file: 'dev-api-key.txt', name: 'development (npm start)', role: 'COORDINATOR' } as const;
const DEV_UI_CODEC_KEY = { file: 'dev-ui-codec-key.txt', name: 'Temporal Web UI codec (npm start)', role: 'AUDITOR' } as const;

await runMain(async () => {
  const startedAt = Date.now();
  const env = parseEnv();
  Runtime.install({ logger: new DefaultLogger(env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace' ? 'DEBUG' : 'WARN') });
  mkdirSync(env.DATA_DIR, { recursive: true });
  const stops: Stop[] = [];
  let stopping = false;
  // The embedded servers' own output is useful while starting; while stopping it is only noise.
  const log = (line: string) => {
    if (!stopping) console.log(`  ${line}`);
  };
  const stopAll = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.error(`  while stopping: ${String(error)}`));
    process.exit(0);
  };
  process.on('SIGINT', () => void stopAll());
  process.on('SIGTERM', () => void stopAll());

  try {
    await checkPorts(env);
    console.log('Starting ATS Kutai Timur…');
    const api = publicUrl(env);
    const payloadKeys = env.PAYLOAD_ENCRYPTION_KEYS ?? developmentPayloadKeys(env.DATA_DIR);
    const dataConverter = caseDataConverter(payloadKeys);
    // The embedded Web UI decodes payloads through the API's codec with a key of its own, so the
    // database (which holds the key) comes up before the Temporal dev server that is told the key.
    const databaseReady = (async () => {
      const database = env.DATABASE_URL
        ? { url: env.DATABASE_URL, stop: async () => {} }
        : await startEmbeddedPostgres({ dataDir: env.DATA_DIR, port: env.EMBEDDED_DB_PORT });
      stops.push(database.stop);
      await applyMigrations(database.url, { log });
      const prisma = createPrisma(database.url);
      stops.push(() => prisma.$disconnect());
      if (!env.DATABASE_URL) await seedOfficerDirectory(prisma);
      return { prisma };
    })();
    const [temporal, { prisma }, mail, registries] = await Promise.all([
      env.TEMPORAL_ADDRESS
        ? { address: env.TEMPORAL_ADDRESS, uiUrl: env.TEMPORAL_UI_URL, stop: async () => {} }
        : databaseReady.then(async ({ prisma }) =>
            startTemporalDevServer({
              executable: temporalCli(env.TEMPORAL_CLI_PATH),
              port: env.TEMPORAL_PORT,
              uiPort: env.TEMPORAL_UI_PORT,
              dataDir: env.DATA_DIR,
              namespace: env.TEMPORAL_NAMESPACE,
              uiCodecEndpoint: `${api}/codec/key/${await developmentKey(env, prisma, DEV_UI_CODEC_KEY)}`,
              log,
            }),
          ),
      databaseReady,
      env.SMTP_URL
        ? { smtpUrl: env.SMTP_URL, mailboxUrl: undefined, stop: async () => {} }
        : startSmtpSink({ smtpPort: env.SMTP_SINK_PORT, httpPort: env.MAILBOX_PORT }).then((sink) => ({
            smtpUrl: `smtp://127.0.0.1:${sink.smtpPort}`,
            mailboxUrl: sink.url,
            stop: () => sink.close(),
          })),
      env.DUKCAPIL_URL && env.DINSOS_URL && env.DAPODIK_URL
        ? { dukcapilUrl: env.DUKCAPIL_URL, dinsosUrl: env.DINSOS_URL, dapodikUrl: env.DAPODIK_URL, simulated: false, stop: async () => {} }
        : startSimulators({
            port: env.SIMULATOR_PORT,
            faults: { errorRate: env.SIM_FAULT_ERROR_RATE, timeoutRate: env.SIM_FAULT_TIMEOUT_RATE, latencyMs: env.SIM_FAULT_LATENCY_MS },
          }).then((sims) => ({
            dukcapilUrl: env.DUKCAPIL_URL ?? sims.dukcapilUrl,
            dinsosUrl: env.DINSOS_URL ?? sims.dinsosUrl,
            dapodikUrl: env.DAPODIK_URL ?? sims.dapodikUrl,
            simulated: true,
            stop: () => sims.close(),
          })),
    ]);
    stops.push(temporal.stop, mail.stop, registries.stop);
    const apiKey = await developmentKey(env, prisma, DEV_API_KEY);
    // Short enough to type; the development accounts hold no real data.
    const staff = await developmentStaffUsers(prisma, developmentSecret(env.DATA_DIR, 'DEV_STAFF_PASSWORD').slice(0, 16));

    const caseKeySecret = env.CASE_KEY_SECRET ?? developmentSecret(env.DATA_DIR, 'CASE_KEY_SECRET');
    const connection = await Connection.connect({ address: temporal.address });
    stops.push(() => connection.close());
    if (env.TEMPORAL_ADDRESS) await registerSearchAttributes(connection, env.TEMPORAL_NAMESPACE);
    const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter });

    const workerConnection = await NativeConnection.connect({ address: temporal.address });
    const workerServices = { smtpUrl: mail.smtpUrl, dukcapilUrl: registries.dukcapilUrl, dinsosUrl: registries.dinsosUrl, dapodikUrl: registries.dapodikUrl, caseKeySecret };
    const worker = await createCaseWorker({
      connection: workerConnection,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      dataConverter,
      activities: {
        ...createCaseActivities(env, workerServices, prisma),
        ...createDuplicateReviewActivities(env, workerServices, prisma, client),
        ...createReconciliationWiring(env, workerServices, prisma, client),
        ...createImportActivities({ prisma, temporal: client, taskQueue: env.TEMPORAL_TASK_QUEUE, caseKeySecret }),
      },
    });
    await ensureReconciliationSchedule(client, scheduleSettings(env));
    const workerRun = worker.run();
    stops.push(async () => {
      // The SDK already begins shutting the worker down on SIGINT/SIGTERM.
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await workerRun;
      await workerConnection.close();
    });

    const signingKey = env.AUDIT_SIGNING_KEY ?? developmentSigningKey(env.DATA_DIR);
    const app = await buildApp({
      env: { ...env, CASE_KEY_SECRET: caseKeySecret, PAYLOAD_ENCRYPTION_KEYS: payloadKeys, AUDIT_SIGNING_KEY: signingKey },
      prisma,
      temporal: client,
    });
    stops.push(() => app.close());
    await app.listen({ host: env.HOST, port: env.PORT });

    console.log(
      [
        '',
        '┌─ ATS Kutai Timur is running ───────────────────────────────',
        `│ API            ${api}`,
        `│ API docs       ${api}/docs`,
        `│ Health         ${api}/health`,
        `│ Temporal UI    ${temporal.uiUrl ?? '(external server: set TEMPORAL_UI_URL)'}`,
        `│ Mailbox        ${mail.mailboxUrl ?? `(sending to ${redactUrl(mail.smtpUrl)})`}`,
        `│ Registries     ${registries.simulated ? 'simulated' : 'external'}: Dukcapil ${registries.dukcapilUrl}, Dinsos ${registries.dinsosUrl}, Dapodik ${registries.dapodikUrl}`,
        `│ Database       ${env.DATABASE_URL ? redactUrl(env.DATABASE_URL) : `embedded PGlite in ${path.join(env.DATA_DIR, 'pglite')}`}`,
        `│ Staff sign-in  ${api}/masuk  ${staff.emails.join(', ')}`,
        `│                password ${staff.password}`,
        `│ Dev API key    ${apiKey}`,
        `│ Try it         curl -H "Authorization: Bearer ${apiKey}" ${api}/api/v1/cases`,
        `└─ started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s · Ctrl-C to stop`,
      ].join('\n'),
    );
    await workerRun;
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => {});
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

/** Development keys are kept in DATA_DIR so they stay the same across restarts. */
async function developmentKey(
  env: Env,
  prisma: ReturnType<typeof createPrisma>,
  purpose: { file: string; name: string; role: StaffRole },
): Promise<string> {
  const file = path.join(env.DATA_DIR, purpose.file);
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
