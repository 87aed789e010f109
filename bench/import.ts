/**
 * Bulk import throughput: N children brought in as one CSV, against a baseline measured in the same
 * run on the same system: N other children reported one by one through POST /api/v1/cases, as an
 * integration without bulk import would. Both phases run the whole system in this process (API,
 * worker with the real activities, Temporal dev server, PostgreSQL, registry simulators, SMTP sink),
 * so the peak RSS is the whole system's.
 *
 *   npx tsx bench/import.ts [rows]        (default 300; needs `temporal` on PATH and PostgreSQL on 127.0.0.1)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createImportActivities } from '../activities/imports.js';
import { buildApp } from '../api/app.js';
import { createApiKey } from '../api/auth/api-keys.js';
import { parseEnv } from '../config/env.js';
import { formatPayloadKeys } from '../config/payload-keys.js';
import { readImportRow } from '../domain/csv-import.js';
import { temporalCli } from '../infra/binaries.js';
import { caseDataConverter } from '../infra/data-converter.js';
import { createPrisma } from '../infra/db.js';
import { applyMigrations } from '../infra/migrations.js';
import { seedOfficerDirectory } from '../infra/seed.js';
import { startSmtpSink } from '../infra/smtp-sink.js';
import { startTemporalDevServer } from '../infra/temporal-server.js';
import { startSimulators } from '../simulators/server.js';
import { createScratchDatabase } from '../tests/integration/db/scratch-database.js';
import { child, csvFile } from '../tests/integration/imports/csv-files.js';
import { freePort } from '../tests/support/free-port.js';
import { createCaseActivities, createDuplicateReviewActivities } from '../worker/dependencies.js';
import { createCaseWorker } from '../worker/worker.js';

const ROWS = Number(process.argv[2] ?? 300);
const POSTGRES = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

Runtime.install({ logger: new DefaultLogger('ERROR') });
const dataDir = mkdtempSync(path.join(tmpdir(), 'ats-bench-'));
const stops: (() => Promise<unknown>)[] = [];

try {
  const database = await createScratchDatabase(POSTGRES);
  stops.push(() => database.drop());
  await applyMigrations(database.url);
  const prisma = createPrisma(database.url);
  stops.push(() => prisma.$disconnect());
  await seedOfficerDirectory(prisma);
  const [temporal, sims, sink] = await Promise.all([
    startTemporalDevServer({ executable: temporalCli(), port: await freePort(), uiPort: await freePort(), dataDir, namespace: 'default' }),
    startSimulators({ port: await freePort() }),
    startSmtpSink({ smtpPort: 0, httpPort: 0 }),
  ]);
  stops.push(() => sims.close(), () => sink.close(), () => temporal.stop());

  const keys = formatPayloadKeys([{ id: 'bench', key: Buffer.alloc(32, 7) }]);
  const env = parseEnv({
    NODE_ENV: 'test', LOG_LEVEL: 'silent', CASE_KEY_SECRET: 'bench-secret-0123456789abcdef0123456789', PAYLOAD_ENCRYPTION_KEYS: keys,
    TEMPORAL_TASK_QUEUE: 'bench', SMTP_URL: `smtp://127.0.0.1:${sink.smtpPort}`, DUKCAPIL_URL: sims.dukcapilUrl, DINSOS_URL: sims.dinsosUrl,
  });
  const dataConverter = caseDataConverter(env.PAYLOAD_ENCRYPTION_KEYS!);
  const connection = await Connection.connect({ address: temporal.address });
  stops.push(() => connection.close());
  const client = new Client({ connection, dataConverter });
  const workerConnection = await NativeConnection.connect({ address: temporal.address });
  const services = { smtpUrl: env.SMTP_URL!, dukcapilUrl: sims.dukcapilUrl, dinsosUrl: sims.dinsosUrl, dapodikUrl: sims.dapodikUrl, caseKeySecret: env.CASE_KEY_SECRET! };
  const worker = await createCaseWorker({
    connection: workerConnection, namespace: 'default', taskQueue: 'bench', dataConverter,
    activities: {
      ...createCaseActivities(env, services, prisma),
      ...createDuplicateReviewActivities(env, services, prisma, client),
      ...createImportActivities({ prisma, temporal: client, taskQueue: 'bench', caseKeySecret: services.caseKeySecret }),
    },
  });
  const running = worker.run();
  stops.push(async () => {
    worker.shutdown();
    await running;
    await workerConnection.close();
  });
  const app = await buildApp({ env, prisma, temporal: client, logger: false });
  stops.push(() => app.close());
  const headers = { authorization: `Bearer ${(await createApiKey(prisma, { name: 'bench', role: 'COORDINATOR', scope: [] })).key}` };

  /** Until every case of the phase has reached the read model: the next phase starts on a quiet system. */
  const settle = async (cases: number) => {
    while ((await prisma.case.count()) < cases) await new Promise((resolve) => setTimeout(resolve, 500));
  };

  // Baseline: one report at a time, each answered before the next is sent.
  const oneByOne = Array.from({ length: ROWS }, (_, i) => child(20_000 + i, i % 2 === 0));
  const baseline = await measure(async () => {
    for (const row of oneByOne) {
      const parsed = readImportRow(row);
      if (!parsed.ok) throw new Error(`bench row invalid: ${JSON.stringify(parsed.errors)}`);
      const response = await app.inject({ method: 'POST', url: '/api/v1/cases', headers, payload: parsed.report });
      if (response.statusCode !== 201) throw new Error(`POST /api/v1/cases answered ${response.statusCode}: ${response.body}`);
    }
  });
  await settle(ROWS);

  // The import: N other children in one file, from upload until every row has its outcome.
  const file = csvFile(Array.from({ length: ROWS }, (_, i) => child(30_000 + i, i % 2 === 0)));
  const imported = await measure(async () => {
    const accepted = await app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...headers, 'content-type': 'text/csv' }, payload: file });
    if (accepted.statusCode !== 202) throw new Error(`POST /api/v1/imports answered ${accepted.statusCode}: ${accepted.body}`);
    const { importId } = accepted.json() as { importId: string };
    for (;;) {
      const view = (await app.inject({ url: `/api/v1/imports/${importId}`, headers })).json() as { status: string; counts: { created: number } };
      if (view.status === 'DONE') {
        if (view.counts.created !== ROWS) throw new Error(`import created ${view.counts.created} of ${ROWS} cases`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  const rate = (ms: number) => (ROWS / (ms / 1000)).toFixed(1);
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  console.log(`bulk import, ${ROWS} rows, chunk ${env.IMPORT_CHUNK_SIZE} × ${env.IMPORT_CONCURRENCY} in parallel`);
  console.log(`  baseline  POST /api/v1/cases one by one: ${(baseline.ms / 1000).toFixed(1)} s, ${rate(baseline.ms)} rows/s, peak RSS ${mb(baseline.peakRss)} MB`);
  console.log(`  import    POST /api/v1/imports (one CSV): ${(imported.ms / 1000).toFixed(1)} s, ${rate(imported.ms)} rows/s, peak RSS ${mb(imported.peakRss)} MB`);
  console.log(`  speed-up  ${(baseline.ms / imported.ms).toFixed(2)}×`);
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
}

/** Wall time of the work and the highest resident set size of this process while it ran. */
async function measure(work: () => Promise<void>): Promise<{ ms: number; peakRss: number }> {
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
  const started = performance.now();
  try {
    await work();
    return { ms: performance.now() - started, peakRss };
  } finally {
    clearInterval(sampler);
  }
}
