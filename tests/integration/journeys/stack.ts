import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import type { CaseActivities } from '../../../activities/contract.js';
import { fromStoredEvent, verifyChain, type ChainVerdict } from '../../../activities/event-chain.js';
import { buildApp } from '../../../api/app.js';
import { createApiKey } from '../../../api/auth/api-keys.js';
import type { CaseDetail, CaseSummary } from '../../../api/cases/schemas.js';
import { parseEnv, type Env } from '../../../config/env.js';
import { formatPayloadKeys } from '../../../config/payload-keys.js';
import { formatSigningKey } from '../../../config/signing-key.js';
import type { IntakeReport } from '../../../domain/intake.js';
import type { PrismaClient } from '../../../generated/prisma/client.js';
import { normaliseDesa } from '../../../infra/case-identity.js';
import { createPrisma } from '../../../infra/db.js';
import { applyMigrations } from '../../../infra/migrations.js';
import { officerDirectory, officerIds, SEEDED_DESA_OFFICER, seedOfficerDirectory } from '../../../infra/seed.js';
import { startSmtpSink, type SmtpSink, type StoredMessage } from '../../../infra/smtp-sink.js';
import type { Person } from '../../../simulators/population.js';
import { startSimulators, type RunningSimulators, type SimulatorOptions } from '../../../simulators/server.js';
import { createCaseActivities, createDuplicateReviewActivities, createWatchdogWiring } from '../../../worker/dependencies.js';
import { createCaseWorker } from '../../../worker/worker.js';
import { WORKFLOW_BUNDLE_PATH } from '../../support/bundle.js';
import { TEST_PAYLOAD_KEYS, testDataConverter } from '../../support/data-converter.js';
import { HtmlForm } from '../../support/html-form.js';
import { createScratchDatabase, type ScratchDatabase } from '../db/scratch-database.js';

/**
 * Everything a coordinator and the officers meet, for real, owned by one test file: its own
 * database (migrated and seeded with the development officer directory), its own SMTP sink (so
 * mail counts are exact), the registry simulators over HTTP, the API on a real port and, unless a
 * story runs the worker itself, a worker with the real activities on the file's own task queue.
 * The Temporal dev server is the run's shared one; a random CASE_KEY_SECRET keeps this file's
 * case ids (workflow ids) apart from every other file's, even for the same simulated child.
 */
export interface JourneyStack {
  /** The API's base URL, e.g. http://127.0.0.1:41234; the links in emails start with it. */
  apiUrl: string;
  databaseUrl: string;
  temporalAddress: string;
  caseKeySecret: string;
  /** PAYLOAD_ENCRYPTION_KEYS of this stack's processes, as the environment variable spells it. */
  payloadEncryptionKeys: string;
  taskQueue: string;
  prisma: PrismaClient;
  temporal: Client;
  sink: SmtpSink;
  simulators: RunningSimulators;
  coordinator: Coordinator;
  /** Stops what the stack started, in reverse order; safe to call after a failed start. */
  close(): Promise<void>;
}

export interface JourneyStackOptions {
  /** Runs a worker in this process (default). Off for stories that run the worker as its own OS process. */
  inProcessWorker?: boolean;
  /** Wraps the real activities, e.g. to compress deadlines; everything it does not replace stays real. */
  adaptActivities?: (real: CaseActivities) => CaseActivities;
  /** The API's logger options (e.g. a stream to keep its log); by default the API logs nothing. */
  apiLogger?: object;
  /** The simulated registries' population and faults; by default the standard synthetic district. */
  simulators?: Omit<SimulatorOptions, 'port'>;
  /** Settings of the stack's processes beyond the journeys' own, as environment variables spell them. */
  env?: Record<string, string>;
  /** Seeds the development officer directory (default); off for a new deployment whose directory is still empty. */
  seedOfficers?: boolean;
}

export async function startJourneyStack(options: JourneyStackOptions = {}): Promise<JourneyStack> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const database: ScratchDatabase = await createScratchDatabase(inject('postgresServerUrl'));
    cleanups.push(() => database.drop());
    await applyMigrations(database.url);
    const prisma = createPrisma(database.url);
    cleanups.push(() => prisma.$disconnect());
    if (options.seedOfficers ?? true) await seedOfficerDirectory(prisma);

    const sink = await startSmtpSink({ smtpPort: 0, httpPort: 0 });
    cleanups.push(() => sink.close());
    const simulators = await startSimulators({ ...options.simulators, port: 0 });
    cleanups.push(() => simulators.close());

    const connection = await Connection.connect({ address: inject('temporalAddress') });
    cleanups.push(() => connection.close());
    const temporal = new Client({ connection, dataConverter: testDataConverter });

    const caseKeySecret = `journey-${randomBytes(24).toString('hex')}`;
    const taskQueue = `journey-${randomBytes(6).toString('hex')}`;
    const payloadEncryptionKeys = formatPayloadKeys(TEST_PAYLOAD_KEYS);
    const env = parseEnv({
      NODE_ENV: 'test', LOG_LEVEL: 'silent', CASE_KEY_SECRET: caseKeySecret, TEMPORAL_TASK_QUEUE: taskQueue,
      PAYLOAD_ENCRYPTION_KEYS: payloadEncryptionKeys, WORKFLOW_BUNDLE_PATH,
      AUDIT_SIGNING_KEY: formatSigningKey(generateKeyPairSync('ed25519').privateKey),
      ...options.env,
    });
    const app: FastifyInstance = await buildApp({ env, prisma, temporal, logger: options.apiLogger ?? false });
    cleanups.push(() => app.close());
    await app.listen({ port: 0, host: '127.0.0.1' });
    const apiUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    if (options.inProcessWorker ?? true) {
      const workerEnv = { ...env, PUBLIC_URL: apiUrl } satisfies Env;
      const services = { smtpUrl: `smtp://127.0.0.1:${sink.smtpPort}`, dukcapilUrl: simulators.dukcapilUrl, dinsosUrl: simulators.dinsosUrl, dapodikUrl: simulators.dapodikUrl, caseKeySecret };
      const real = createCaseActivities(workerEnv, services, prisma);
      const reviews = createDuplicateReviewActivities(workerEnv, services, prisma, temporal);
      const watchdog = createWatchdogWiring(workerEnv, services, prisma, temporal);
      const workerConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
      cleanups.push(() => workerConnection.close());
      const worker: Worker = await createCaseWorker({
        connection: workerConnection,
        namespace: env.TEMPORAL_NAMESPACE,
        taskQueue,
        activities: { ...(options.adaptActivities ? options.adaptActivities(real) : real), ...reviews, ...watchdog },
        dataConverter: testDataConverter,
        workflowBundlePath: WORKFLOW_BUNDLE_PATH,
      });
      const running = worker.run();
      cleanups.push(async () => {
        worker.shutdown();
        await running;
      });
    }

    const { key } = await createApiKey(prisma, { name: 'Disdikbud Kutai Timur (journey tests)', role: 'COORDINATOR', scope: [] });
    return {
      apiUrl,
      databaseUrl: database.url,
      temporalAddress: inject('temporalAddress'),
      caseKeySecret,
      payloadEncryptionKeys,
      taskQueue,
      prisma,
      temporal,
      sink,
      simulators,
      coordinator: new Coordinator(apiUrl, key),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** What POST /api/v1/cases answers: a new case (201) or the running case the report joined (200). */
export interface IntakeAnswer {
  caseId: string;
  status: 'CREATED' | 'REOPENED' | 'JOINED_EXISTING';
  reportCount?: number;
}

/** The coordinator's side: the case API, called over HTTP with an API key. */
export class Coordinator {
  constructor(
    private readonly apiUrl: string,
    private readonly apiKey: string,
  ) {}

  async reportChild(report: IntakeReport): Promise<{ status: number; location: string | null; body: IntakeAnswer }> {
    const response = await this.call('/api/v1/cases', { method: 'POST', body: JSON.stringify(report), headers: { 'content-type': 'application/json' } });
    return { status: response.status, location: response.headers.get('location'), body: (await response.json()) as IntakeAnswer };
  }

  async caseDetail(caseId: string): Promise<CaseDetail> {
    const response = await this.call(`/api/v1/cases/${encodeURIComponent(caseId)}`);
    if (response.status !== 200) throw new Error(`GET case answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as CaseDetail;
  }

  /** The case's history as the case page tells it, newest first. */
  async timeline(caseId: string): Promise<{ type: string; text: string }[]> {
    const response = await this.call(`/api/v1/cases/${encodeURIComponent(caseId)}/timeline`);
    if (response.status !== 200) throw new Error(`GET timeline answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { items: { type: string; text: string }[] }).items;
  }

  /** Polls the case until it shows what the story expects. */
  waitForCase(caseId: string, shows: (detail: CaseDetail) => boolean, what: string, timeoutMs = 30_000): Promise<CaseDetail> {
    return eventually(async () => {
      const detail = await this.caseDetail(caseId);
      return shows(detail) ? detail : undefined;
    }, what, timeoutMs);
  }

  async listCases(query: Record<string, string>): Promise<{ items: CaseSummary[]; total: number }> {
    const response = await this.call(`/api/v1/cases?${new URLSearchParams(query).toString()}`);
    if (response.status !== 200) throw new Error(`GET cases answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as { items: CaseSummary[]; total: number };
  }

  async closeCase(caseId: string, body: { reason: string; note?: string }): Promise<Response> {
    return this.call(`/api/v1/cases/${encodeURIComponent(caseId)}/close`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
  }

  private call(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.apiUrl}${path}`, { ...init, headers: { ...init.headers, authorization: `Bearer ${this.apiKey}` } });
  }
}

/** An officer of the seeded development directory, as the mailbox knows them. */
export interface DirectoryOfficer {
  id: string;
  name: string;
  email: string;
}

export function officer(id: string): DirectoryOfficer {
  const found = officerDirectory().find((entry) => entry.id === id);
  if (!found) throw new Error(`officer ${id} is not in the seeded directory`);
  return { id: found.id, name: found.name, email: found.email };
}

/** The Disdikbud field officer who visits families in this desa: the desa's own officer where the directory has one. */
export function fieldOfficerFor(kecamatan: string, desa: string): DirectoryOfficer {
  const hasDesaOfficer = kecamatan === SEEDED_DESA_OFFICER.kecamatan && normaliseDesa(desa) === normaliseDesa(SEEDED_DESA_OFFICER.desa);
  return officer(hasDesaOfficer ? officerIds.desaFieldOfficer(kecamatan, desa) : officerIds.fieldOfficer(kecamatan));
}

/** Waits for the email to this officer whose subject contains `subject`. */
export function emailTo(sink: SmtpSink, to: DirectoryOfficer, subject: string, timeoutMs = 30_000): Promise<StoredMessage> {
  return sink.waitFor((message) => message.to.includes(to.email) && message.subject.includes(subject), timeoutMs);
}

/** The task link in an email, in full, as the officer taps it. */
export function taskLinkIn(message: StoredMessage): string {
  const link = /https?:\/\/\S+\/tasks\/[A-Za-z0-9_-]+/.exec(message.text)?.[0];
  if (!link) throw new Error(`no task link in the email "${message.subject}"`);
  return link;
}

/** An officer's phone: opens a task link and sends its form, as a browser without JavaScript does. */
export const browser = {
  async open(link: string): Promise<{ status: number; html: string; form: HtmlForm }> {
    const response = await fetch(link);
    const html = await response.text();
    if (response.status !== 200) throw new Error(`the task page answered ${response.status}: ${html.slice(0, 500)}`);
    expectHtml(response);
    return { status: response.status, html, form: HtmlForm.parse(html) };
  },

  async submit(link: string, form: HtmlForm): Promise<{ status: number; html: string }> {
    const response = await fetch(link, {
      method: form.method,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.encoded(),
    });
    expectHtml(response);
    return { status: response.status, html: await response.text() };
  },
};

function expectHtml(response: Response): void {
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('text/html')) throw new Error(`expected an HTML page, got ${type}`);
}

/** A report of a child the simulated registries know, as a coordinator would send it (without the family card number). */
export function reportOf(child: Pick<Person, 'fullName' | 'birthDate' | 'sex' | 'kecamatanCode' | 'desa'> & { nik?: string }, address = 'Jl. Poros RT 007'): IntakeReport {
  return {
    child: {
      fullName: child.fullName,
      ...(child.nik ? { nik: child.nik } : {}),
      birthDate: child.birthDate,
      sex: child.sex,
      kecamatan: child.kecamatanCode as IntakeReport['child']['kecamatan'],
      desa: child.desa,
      address,
    },
    category: 'DO',
    lastSchool: { name: 'SD Negeri 004 Sangatta Utara', level: 'SD', lastGrade: 4 },
    reasons: ['ECONOMIC', 'WORKING'],
    source: { channel: 'SIPBM', reference: `SIPBM-2025-${randomBytes(2).toString('hex')}` },
  };
}

/**
 * Resolves once the case's process has finished: the coordinator may see the outcome a moment
 * before the last audit events are written, so stories check the log only after this.
 */
/**
 * What the school's operator does in Dapodik once the child sits in class (or has left): the simulator's
 * roll takes the entry over HTTP, and the case's next look at the roll sees it.
 */
export async function enterOnSchoolRoll(
  stack: Pick<JourneyStack, 'simulators'>,
  child: Pick<Person, 'nik' | 'kecamatanCode'>,
  school: { name: string; npsn: string },
  exit?: { exitType: 'DO' | 'MOVED'; exitDate: string },
): Promise<void> {
  const enrolment = { nik: child.nik, nisn: `0${child.nik.slice(-9)}`, npsn: school.npsn, schoolName: school.name, level: 'SD', grade: 5 };
  const pupil = exit ? { ...enrolment, status: 'EXITED', ...exit } : { ...enrolment, status: 'ACTIVE' };
  const response = await fetch(`${stack.simulators.dapodikUrl}/_admin/peserta-didik`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kecamatan: child.kecamatanCode, pupil }),
  });
  if (response.status !== 204) throw new Error(`the school roll refused the entry: ${response.status} ${await response.text()}`);
}

/** Waits until the case has recorded the enrolment and watches the school roll; the process goes on for months. */
export async function watchingSchoolRoll(stack: Pick<JourneyStack, 'prisma' | 'coordinator'>, caseId: string): Promise<CaseDetail> {
  await eventually(async () => {
    const last = await stack.prisma.caseEvent.findFirst({ where: { caseId }, orderBy: { sequence: 'desc' } });
    return last?.type === 'STAGE_CHANGED' && (last.data as { to?: string }).to === 'MONITORING';
  }, 'the case to watch the school roll');
  return stack.coordinator.caseDetail(caseId);
}

export async function caseProcessFinished(stack: Pick<JourneyStack, 'temporal'>, caseId: string): Promise<void> {
  await stack.temporal.workflow.getHandle(caseId).result();
}

/** The case's audit log as stored, oldest first, and whether its hash chain holds. */
export async function auditLogOf(prisma: PrismaClient, caseId: string): Promise<{ types: string[]; eventIds: string[]; chain: ChainVerdict }> {
  const rows = await prisma.caseEvent.findMany({ where: { caseId }, orderBy: { sequence: 'asc' } });
  return {
    types: rows.map((row) => row.type),
    eventIds: rows.map((row) => row.eventId),
    chain: verifyChain(rows.map(fromStoredEvent)),
  };
}

/** Waits for something the system does in the background. */
export async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
