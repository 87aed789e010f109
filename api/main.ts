import { Client, Connection } from '@temporalio/client';
import { parseEnv } from '../config/env.js';
import { requireSettings, runMain } from '../config/require.js';
import { caseDataConverter } from '../infra/data-converter.js';
import { createPrisma } from '../infra/db.js';
import { PortInUseError } from '../infra/ports.js';
import { reportReadyToSupervisor, stopWhenSupervisorGone } from '../infra/supervisor.js';
import { buildApp } from './app.js';

/** The production API process: configured services only, graceful stop on SIGINT/SIGTERM. */
await runMain(async () => {
  const env = requireSettings(parseEnv(), ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'CASE_KEY_SECRET', 'PAYLOAD_ENCRYPTION_KEYS', 'AUDIT_SIGNING_KEY'], 'api');
  const prisma = createPrisma(env.DATABASE_URL, { maxConnections: env.DATABASE_POOL_SIZE });
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter: caseDataConverter(env.PAYLOAD_ENCRYPTION_KEYS) });
  const app = await buildApp({ env, prisma, temporal });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await connection.close();
    await prisma.$disconnect();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'stopping: finishing requests in flight');
      void stop();
    });
  }
  stopWhenSupervisorGone(() => void stop());

  try {
    await app.listen({ host: env.HOST, port: env.PORT });
    reportReadyToSupervisor();
  } catch (error) {
    await stop();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(env.PORT, env.HOST, 'PORT', 'API');
    throw error;
  }
});
