import { ConfigError, type Env, parseEnv } from '../config/env.js';
import { reportReadyToSupervisor, stopWhenSupervisorGone } from '../infra/supervisor.js';
import { startSimulators } from './server.js';

/** Runs the Dukcapil, Dinsos and Dapodik simulators on their own (docker-compose, local development). */
function readConfig(): Env {
  try {
    return parseEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

const env = readConfig();
try {
  const simulators = await startSimulators({
    port: env.SIMULATOR_PORT,
    host: env.HOST,
    faults: { errorRate: env.SIM_FAULT_ERROR_RATE, timeoutRate: env.SIM_FAULT_TIMEOUT_RATE, latencyMs: env.SIM_FAULT_LATENCY_MS },
    logLevel: env.LOG_LEVEL,
  });
  console.log(`Registry simulators ready: DUKCAPIL_URL=${simulators.dukcapilUrl} DINSOS_URL=${simulators.dinsosUrl} DAPODIK_URL=${simulators.dapodikUrl}`);
  const stop = () => void simulators.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  stopWhenSupervisorGone(stop);
  reportReadyToSupervisor();
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
  console.error(`Port ${env.SIMULATOR_PORT} on ${env.HOST} is already in use: stop the other process or set SIMULATOR_PORT to a free port.`);
  process.exit(1);
}
