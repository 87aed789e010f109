import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createImportActivities } from '../activities/imports.js';
import { parseEnv } from '../config/env.js';
import { requireSettings, runMain } from '../config/require.js';
import { caseDataConverter } from '../infra/data-converter.js';
import { createPrisma } from '../infra/db.js';
import { ensureReconciliationSchedule, scheduleSettings } from '../infra/reconciliation-schedule.js';
import { ensureWatchdogSchedule, watchdogScheduleSettings } from '../infra/watchdog-schedule.js';
import { createCaseActivities, createDuplicateReviewActivities, createReconciliationWiring, createWatchdogWiring } from './dependencies.js';
import { reportReadyToSupervisor, stopWhenSupervisorGone } from '../infra/supervisor.js';
import { createCaseWorker, workerTuning } from './worker.js';

/** The production worker process: connects to configured services only and stops gracefully on SIGINT/SIGTERM. */
await runMain(async () => {
  const env = requireSettings(
    parseEnv(),
    ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL', 'DUKCAPIL_URL', 'DINSOS_URL', 'DAPODIK_URL', 'CASE_KEY_SECRET', 'PAYLOAD_ENCRYPTION_KEYS'],
    'worker',
  );
  const prisma = createPrisma(env.DATABASE_URL, { maxConnections: env.DATABASE_POOL_SIZE });
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const dataConverter = caseDataConverter(env.PAYLOAD_ENCRYPTION_KEYS);
  // Duplicate reviews file the decided report into a case workflow, the reconciliation starts review and case
  // workflows and keeps its nightly schedule as configured, imports start cases through the intake, the watchdog
  // checks the case workflows and keeps its schedule: they need a client of their own.
  const clientConnection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection: clientConnection, namespace: env.TEMPORAL_NAMESPACE, dataConverter });
  const services = { smtpUrl: env.SMTP_URL, dukcapilUrl: env.DUKCAPIL_URL, dinsosUrl: env.DINSOS_URL, dapodikUrl: env.DAPODIK_URL, caseKeySecret: env.CASE_KEY_SECRET };
  await ensureReconciliationSchedule(temporal, scheduleSettings(env));
  await ensureWatchdogSchedule(temporal, watchdogScheduleSettings(env));
  const worker = await createCaseWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    workflowBundlePath: env.WORKFLOW_BUNDLE_PATH,
    dataConverter,
    tuning: workerTuning(env),
    activities: {
      ...createCaseActivities(env, services, prisma),
      ...createDuplicateReviewActivities(env, services, prisma, temporal),
      ...createReconciliationWiring(env, services, prisma, temporal),
      ...createWatchdogWiring(env, services, prisma, temporal),
      ...createImportActivities({ prisma, temporal, taskQueue: env.TEMPORAL_TASK_QUEUE, caseKeySecret: env.CASE_KEY_SECRET }),
    },
  });
  // The SDK shuts the worker down on SIGINT/SIGTERM by default; run() resolves once in-flight tasks finish.
  stopWhenSupervisorGone(() => worker.shutdown());
  const running = worker.run();
  reportReadyToSupervisor();
  await running;
  await connection.close();
  await clientConnection.close();
  await prisma.$disconnect();
});
