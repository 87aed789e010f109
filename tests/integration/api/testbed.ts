import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { createImportActivities } from '../../../activities/imports.js';
import { createActivities } from '../../../activities/index.js';
import { createReviewActivities } from '../../../activities/reviews/index.js';
import { buildApp } from '../../../api/app.js';
import { createApiKey } from '../../../api/auth/api-keys.js';
import type { StaffRole } from '../../../domain/access.js';
import { parseEnv, type Env } from '../../../config/env.js';
import { formatPayloadKeys } from '../../../config/payload-keys.js';
import { formatSigningKey } from '../../../config/signing-key.js';
import { DEFAULT_DEADLINE_POLICY } from '../../../domain/deadline-policy.js';
import type { IntakeReport } from '../../../domain/intake.js';
import type { DukcapilVerifyResponse } from '../../../domain/registries.js';
import type { TaskType } from '../../../domain/tasks.js';
import type { PrismaClient } from '../../../generated/prisma/client.js';
import { createPrisma } from '../../../infra/db.js';
import type { OutgoingEmail } from '../../../infra/mailer.js';
import { applyMigrations } from '../../../infra/migrations.js';
import { seedOfficerDirectory } from '../../../infra/seed.js';
import { hashTaskToken } from '../../../infra/task-tokens.js';
import { createCaseWorker } from '../../../worker/worker.js';
import { WORKFLOW_BUNDLE_PATH } from '../../support/bundle.js';
import { TEST_PAYLOAD_KEYS, testDataConverter } from '../../support/data-converter.js';
import { createScratchDatabase } from '../db/scratch-database.js';

export const CASE_KEY_SECRET = 'api-integration-test-secret-0123456789abcdef';
const PUBLIC_URL = 'http://ats.test';

/**
 * The real API against the real Temporal dev server and PostgreSQL. With `worker: true` a worker
 * runs the real case workflow with the real activities on this file's own task queue; only the
 * edges are stand-ins: Dukcapil and Dinsos answer as each test scripts them, and emails are kept
 * in memory so a test can follow the link an officer would click.
 */
export interface ApiTestbed {
  app: FastifyInstance;
  /** The app's configuration, for a test that builds a second app with one setting changed. */
  env: Env;
  prisma: PrismaClient;
  /** The file's own database, for tools that connect themselves (the CLI commands). */
  databaseUrl: string;
  temporal: Client;
  taskQueue: string;
  /** Emails the system sent, oldest first. */
  sentEmails: OutgoingEmail[];
  /** Dukcapil's answer per NIK; a NIK not listed matches the report exactly. */
  dukcapilAnswers: Map<string, DukcapilVerifyResponse>;
  keyFor(role: StaffRole, scope?: string[]): Promise<string>;
  /** The path of the link emailed for the case's open task of this type (waits for the email). */
  taskLinkFor(caseId: string, type: TaskType): Promise<string>;
  close(): Promise<void>;
}

export async function startApiTestbed(options: { worker: boolean }): Promise<ApiTestbed> {
  const database = await createScratchDatabase(inject('postgresServerUrl'));
  await applyMigrations(database.url);
  const prisma = createPrisma(database.url);
  await seedOfficerDirectory(prisma);
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  const temporal = new Client({ connection, dataConverter: testDataConverter });
  const taskQueue = `api-test-${randomBytes(6).toString('hex')}`;
  const sentEmails: OutgoingEmail[] = [];
  const dukcapilAnswers = new Map<string, DukcapilVerifyResponse>();

  let worker: { instance: Worker; running: Promise<void>; connection: NativeConnection } | undefined;
  if (options.worker) {
    const workerConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
    const mailer = { send: async (email: OutgoingEmail) => void sentEmails.push(email) };
    const reviewActivities = createReviewActivities({
      prisma, temporal, taskQueue, caseKeySecret: CASE_KEY_SECRET, mailer,
      settings: { publicUrl: PUBLIC_URL, calendar: DEFAULT_DEADLINE_POLICY },
    });
    const caseActivities = createActivities({
      prisma,
      mailer,
      dukcapil: {
        verify: async (request) =>
          dukcapilAnswers.get(request.nik) ?? {
            status: 'MATCH',
            record: {
              nik: request.nik,
              noKk: request.noKk ?? '6408040101100001',
              fullName: request.fullName,
              birthDate: request.birthDate,
              sex: request.sex ?? 'L',
              kecamatanCode: request.nik.slice(0, 6),
              desa: 'Singa Gembara',
            },
          },
      },
      dinsos: { status: async () => ({ status: 'NOT_REGISTERED' }) },
      dapodik: { findPupil: async () => ({ status: 'NOT_FOUND' }) },
      settings: { publicUrl: PUBLIC_URL, welfareMaxDecile: 4, deadlinePolicy: DEFAULT_DEADLINE_POLICY, caseKeySecret: CASE_KEY_SECRET, monitoringChecks: [30 * 86_400_000, 90 * 86_400_000] },
    });
    const instance = await createCaseWorker({
      connection: workerConnection,
      namespace: 'default',
      taskQueue,
      activities: { ...caseActivities, ...reviewActivities, ...createImportActivities({ prisma, temporal, taskQueue, caseKeySecret: CASE_KEY_SECRET }) },
      dataConverter: testDataConverter,
      workflowBundlePath: WORKFLOW_BUNDLE_PATH,
    });
    worker = { instance, running: instance.run(), connection: workerConnection };
  }

  const env = parseEnv({
    NODE_ENV: 'test', CASE_KEY_SECRET, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'silent', PUBLIC_URL,
    PAYLOAD_ENCRYPTION_KEYS: formatPayloadKeys(TEST_PAYLOAD_KEYS), WORKFLOW_BUNDLE_PATH,
    AUDIT_SIGNING_KEY: formatSigningKey(generateKeyPairSync('ed25519').privateKey),
    // Every test signs in from the same address; the limit itself is tested with an app of its own.
    SIGN_IN_RATE_LIMIT_PER_MINUTE: '10000',
  });
  const app = await buildApp({ env, prisma, temporal, logger: false });

  return {
    app,
    env,
    prisma,
    databaseUrl: database.url,
    temporal,
    taskQueue,
    sentEmails,
    dukcapilAnswers,
    keyFor: async (role, scope = []) => (await createApiKey(prisma, { name: `test ${role}`, role, scope })).key,
    taskLinkFor: (caseId, type) =>
      eventually(async () => {
        const task = await prisma.task.findFirst({ where: { caseId, type, status: 'OPEN' } });
        if (!task) return undefined;
        for (const email of sentEmails) {
          const path = taskPathIn(email);
          if (!path) continue;
          const token = await prisma.taskToken.findUnique({ where: { tokenHash: hashTaskToken(path.slice('/tasks/'.length)) } });
          if (token?.taskRowId === task.id) return path;
        }
        return undefined;
      }, `the email for the ${type} task`),
    async close() {
      await app.close();
      if (worker) {
        worker.instance.shutdown();
        await worker.running;
        await worker.connection.close();
      }
      await connection.close();
      await prisma.$disconnect();
      await database.drop();
    },
  };
}

/** Waits for something the workflow does in the background (a database row, an email). */
export async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The task link in an email, as the officer would click it: the path only. */
export function taskPathIn(email: OutgoingEmail): string | undefined {
  return /https?:\/\/[^/\s]+(\/tasks\/[A-Za-z0-9_-]+)/.exec(email.text)?.[1];
}

/** A valid report of a child in Sangatta Utara; override what a story needs. */
export function report(overrides: { child?: Partial<IntakeReport['child']> } & Partial<Omit<IntakeReport, 'child'>> = {}): IntakeReport {
  const { child, ...rest } = overrides;
  return {
    child: {
      fullName: 'Siti Aminah',
      nik: uniqueNik(),
      birthDate: '2013-03-12',
      sex: 'P',
      kecamatan: '640804',
      desa: 'Singa Gembara',
      address: 'Jl. Poros Sangatta RT 12',
      ...child,
    },
    category: 'DO',
    lastSchool: { name: 'SD Negeri 001 Sangatta Utara', level: 'SD', lastGrade: 5 },
    reasons: ['ECONOMIC'],
    source: { channel: 'VILLAGE', reference: 'SIPBM-2025-0141' },
    ...rest,
  };
}

let nextNikSequence = randomInt(1, 9000);

/** A NIK that passes every check (Sangatta Utara, a woman born 12-03-2013), different on every call. */
export function uniqueNik(): string {
  return `640804520313${String(nextNikSequence++).padStart(4, '0')}`;
}
