import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { CaseActivities } from '../activities/contract.js';
import type { ReviewActivities } from '../activities/reviews/contract.js';
import type { ReconciliationActivities } from '../activities/reconciliation/contract.js';
import type { ImportActivities } from '../workflows/import-messages.js';
import type { WatchdogActivities } from '../workflows/watchdog-messages.js';
import type { Env } from '../config/env.js';
import { FAILURE_CONVERTER_PATH } from '../infra/data-converter.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/** What a workflow bundle is built from: the workflows and the converter that runs inside the sandbox with them. */
export const WORKFLOW_BUNDLE_SOURCES = { workflowsPath: WORKFLOWS_PATH, failureConverterPath: FAILURE_CONVERTER_PATH } as const;

export interface CaseWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** The case workflow's activities and, where they run, the duplicate review's (activities/reviews), the reconciliation's, the import's and the watchdog's. */
  activities: CaseActivities & Partial<ReviewActivities> & Partial<ReconciliationActivities> & Partial<ImportActivities> & Partial<WatchdogActivities>;
  /** The case data converter (infra/data-converter.ts): the same one the clients use. */
  dataConverter: DataConverter;
  /** A pre-built bundle (tests, production images), built from WORKFLOW_BUNDLE_SOURCES; otherwise the workflows are bundled at start. */
  workflowBundlePath?: string;
  /** WORKER_* settings; the SDK's defaults where absent (tests). */
  tuning?: WorkerTuning;
}

export interface WorkerTuning {
  maxCachedWorkflows: number;
  maxConcurrentActivityTaskExecutions: number;
  maxConcurrentWorkflowTaskExecutions: number;
}

/** The worker's capacity from configuration (config/env.ts WORKER_*). */
export function workerTuning(env: Pick<Env, 'WORKER_MAX_CACHED_WORKFLOWS' | 'WORKER_MAX_CONCURRENT_ACTIVITIES' | 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS'>): WorkerTuning {
  return {
    maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentActivityTaskExecutions: env.WORKER_MAX_CONCURRENT_ACTIVITIES,
    maxConcurrentWorkflowTaskExecutions: env.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
  };
}

/** The worker that runs case and import workflows and their activities. */
export function createCaseWorker(options: CaseWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: options.activities,
    dataConverter: options.dataConverter,
    ...(options.workflowBundlePath
      ? { workflowBundle: { codePath: options.workflowBundlePath } }
      : { workflowsPath: WORKFLOWS_PATH }),
    ...options.tuning,
    shutdownGraceTime: '10s',
  });
}
