import { z } from 'zod';
import { DEFAULT_MONITORING_CHECKS, parseMonitoringChecks } from '../domain/monitoring.js';
import { DEFAULT_CLOSED_WITHIN_DAYS, DEFAULT_DUPLICATE_THRESHOLDS, type DuplicateThresholds } from '../domain/name-similarity.js';
import { payloadKeysSchema } from './payload-keys.js';
import { signingKeySchema } from './signing-key.js';

/**
 * Every setting of the system, read once from environment variables. Where a variable is
 * unset, `npm start` provides an embedded stand-in (see cli/start.ts); api and worker
 * processes in production set them all. `.env.example` documents each one.
 */
const PORT_MESSAGE = 'must be a port number between 1 and 65535';
const port = (fallback: number) =>
  z.coerce.number({ message: PORT_MESSAGE }).int(PORT_MESSAGE).min(1, PORT_MESSAGE).max(65535, PORT_MESSAGE).default(fallback);
const url = z.url({ message: 'must be a URL' });
const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), url.optional());
const probability = z.coerce.number().min(0).max(1).default(0);
const unsetWhenEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true');
/** Five cron fields (minute hour day-of-month month day-of-week), or `off`. */
const cronOrOff = z
  .string()
  .trim()
  .regex(/^(off|(\S+\s+){4}\S+)$/, 'must be a cron expression of five fields, such as "30 2 * * *", or off');
const origins = z
  .string()
  .transform((text) => text.split(',').map((origin) => origin.trim()).filter(Boolean))
  .pipe(z.array(z.url({ message: 'must be comma-separated origins such as http://localhost:8233' })).min(1));

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('./data'),

  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port(3000),
  PUBLIC_URL: optionalUrl,

  DATABASE_URL: optionalUrl,
  EMBEDDED_DB_PORT: port(5433),
  /** Connections each process (API, worker) keeps to PostgreSQL. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),

  TEMPORAL_ADDRESS: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[^:\s]+:\d+$/, 'must be host:port').optional()),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('ats-cases'),
  TEMPORAL_CLI_PATH: z.string().min(1).optional(),
  TEMPORAL_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  TEMPORAL_UI_URL: optionalUrl,
  /** A workflow bundle from `npm run build`; without it the worker bundles the workflows at start. */
  WORKFLOW_BUNDLE_PATH: z.string().min(1).optional(),
  /**
   * Case workflows the worker keeps in memory between their steps. A case waiting days for a person is evicted
   * when the cache is full and replays from its history when it wakes, so memory stays bounded however many wait.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).default(200),
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).max(1000).default(50),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).max(1000).default(20),
  /** The heap limit `npm start` gives the worker process (node --max-old-space-size); production sets it in NODE_OPTIONS. */
  WORKER_HEAP_MB: z.coerce.number().int().min(256).max(65_536).default(1024),

  SMTP_URL: optionalUrl,
  MAIL_FROM: z.string().min(3).default('ATS Kutai Timur <no-reply@ats.kutaitimurkab.go.id>'),
  SMTP_SINK_PORT: port(2525),
  MAILBOX_PORT: port(8025),

  DUKCAPIL_URL: optionalUrl,
  DINSOS_URL: optionalUrl,
  DAPODIK_URL: optionalUrl,
  SIMULATOR_PORT: port(4010),
  REGISTRY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  SIM_FAULT_ERROR_RATE: probability,
  SIM_FAULT_TIMEOUT_RATE: probability,
  SIM_FAULT_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).default(0),

  /** Keys the HMAC that turns a child's identity into a case id. Changing it splits every case in two: keep it stable. */
  CASE_KEY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),

  /**
   * Keys of the payload codec that encrypts everything the case workflows store in Temporal:
   * `keyId:base64(32 bytes)`, comma-separated; the first encrypts, all decrypt (see config/payload-keys.ts).
   */
  PAYLOAD_ENCRYPTION_KEYS: unsetWhenEmpty(payloadKeysSchema),
  /** Browser origins of the Temporal Web UI allowed to call the codec endpoint; unset means the embedded UI. */
  CODEC_CORS_ORIGINS: unsetWhenEmpty(origins),
  /** Ed25519 private key (PKCS#8 PEM or base64 DER) signing case exports; its public half is published at /api/v1/audit/signing-key. */
  AUDIT_SIGNING_KEY: unsetWhenEmpty(signingKeySchema),
  /** How many case replays the API runs at once; more wait for nobody and are turned away with 503. */
  REPLAY_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),

  /** A signed-in staff session ends after this long without a request, and after SESSION_MAX_HOURS in any case. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(120),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  /** This many wrong passwords in a row lock the account for SIGN_IN_LOCKOUT_MINUTES. */
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  SIGN_IN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** Sign-in attempts one address may make per minute, whichever accounts it tries. */
  SIGN_IN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),

  WELFARE_MAX_DECILE: z.coerce.number().int().min(1).max(10).default(4),

  /** Rows of an imported file one activity takes, in file order (rows of the same child share one). */
  IMPORT_CHUNK_SIZE: z.coerce.number().int().min(1).max(500).default(25),
  /** Chunks of one import processed at the same time: at most this many cases start at once per import. */
  IMPORT_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  /** Rows one file may hold; a larger file is refused whole and should be split. */
  IMPORT_MAX_ROWS: z.coerce.number().int().min(1).max(50_000).default(10_000),
  DEADLINE_POLICY_FILE: z.string().min(1).optional(),

  /** When a report of a child without NIK looks like a child who has a case (domain/name-similarity.ts). */
  DUPLICATE_NAME_MIN_SIMILARITY: z.coerce.number().min(0.5).max(1).default(DEFAULT_DUPLICATE_THRESHOLDS.nameMinSimilarity),
  DUPLICATE_DESA_MIN_SIMILARITY: z.coerce.number().min(0.5).max(1).default(DEFAULT_DUPLICATE_THRESHOLDS.desaMinSimilarity),
  DUPLICATE_BIRTH_DATE_WINDOW_DAYS: z.coerce.number().int().min(0).max(366).default(DEFAULT_DUPLICATE_THRESHOLDS.birthDateWindowDays),
  /** Closed cases count as candidates for this many days after they closed. */
  DUPLICATE_CLOSED_WITHIN_DAYS: z.coerce.number().int().min(0).max(3650).default(DEFAULT_CLOSED_WITHIN_DAYS),

  /** When the watchdog checks every open case against Temporal (a Temporal Schedule, cron read in RECONCILIATION_TIMEZONE); `off` creates no schedule. */
  WATCHDOG_SCHEDULE: cronOrOff.default('15 * * * *'),
  /** When the nightly reconciliation with the registries runs (a Temporal Schedule); `off` creates no schedule. */
  RECONCILIATION_SCHEDULE: cronOrOff.default('30 2 * * *'),
  RECONCILIATION_TIMEZONE: z
    .string()
    .min(1)
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Asia/Makassar')
    .default('Asia/Makassar'),
  /** Children the reconciliation finds open cases at once instead of waiting for the coordinator's review. */
  RECONCILIATION_AUTO_START: flag(false),
  RECONCILIATION_PAGE_SIZE: z.coerce.number().int().min(10).max(1000).default(500),
  /** How long a coordinator's dismissal of a candidate stands before the child may be raised again. */
  RECONCILIATION_DISMISSAL_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  /** Poor households (deciles up to WELFARE_MAX_DECILE) with children still in school get a preventive visit from the desa's officer. */
  RECONCILIATION_WELFARE_OUTREACH: flag(true),
  /** Days after an officer recorded a household's visit before the household may be flagged for outreach again. */
  RECONCILIATION_OUTREACH_COOLDOWN_DAYS: z.coerce.number().int().min(1).max(3650).default(180),

  /** After an enrolment the case checks the school roll this long after the first school day; the last check closes it. */
  ENROLMENT_MONITORING_CHECKS: z
    .string()
    .superRefine((text, context) => {
      const offsets = parseMonitoringChecks(text);
      if (typeof offsets === 'string') context.addIssue({ code: 'custom', message: offsets });
    })
    .default(DEFAULT_MONITORING_CHECKS),
});

export type Env = z.infer<typeof envSchema>;

/** Settings whose values must never be echoed, not even in a configuration error. */
const SECRET_SETTINGS: ReadonlySet<string> = new Set(['CASE_KEY_SECRET', 'PAYLOAD_ENCRYPTION_KEYS', 'AUDIT_SIGNING_KEY']);

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; a wrong value becomes one line naming the variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const variable = String(issue.path[0]);
  const received = source[variable];
  const shown = received === undefined ? 'unset' : SECRET_SETTINGS.has(variable) ? 'value not shown' : `got ${JSON.stringify(received.length > 60 ? `${received.slice(0, 60)}…` : received)}`;
  throw new ConfigError(`Invalid configuration: ${variable} ${issue.message.replace(/^Invalid input: /, '')} (${shown})`);
}

/** Where the Temporal Web UI's codec requests come from: the configured origins, else the embedded UI. */
export function codecCorsOrigins(env: Pick<Env, 'CODEC_CORS_ORIGINS' | 'TEMPORAL_UI_URL' | 'TEMPORAL_UI_PORT'>): string[] {
  if (env.CODEC_CORS_ORIGINS) return env.CODEC_CORS_ORIGINS.map((origin) => new URL(origin).origin);
  if (env.TEMPORAL_UI_URL) return [new URL(env.TEMPORAL_UI_URL).origin];
  return [`http://localhost:${env.TEMPORAL_UI_PORT}`, `http://127.0.0.1:${env.TEMPORAL_UI_PORT}`];
}

export function publicUrl(env: Pick<Env, 'PUBLIC_URL' | 'PORT'>): string {
  return (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
}

/** ENROLMENT_MONITORING_CHECKS as offsets in ms (the schema has already refused a wrong list). */
export function monitoringChecks(env: Pick<Env, 'ENROLMENT_MONITORING_CHECKS'>): number[] {
  return parseMonitoringChecks(env.ENROLMENT_MONITORING_CHECKS) as number[];
}

/** The duplicate review's thresholds, from DUPLICATE_*. */
export function duplicateSettings(env: Env): DuplicateThresholds & { closedWithinDays: number } {
  return {
    nameMinSimilarity: env.DUPLICATE_NAME_MIN_SIMILARITY,
    desaMinSimilarity: env.DUPLICATE_DESA_MIN_SIMILARITY,
    birthDateWindowDays: env.DUPLICATE_BIRTH_DATE_WINDOW_DAYS,
    closedWithinDays: env.DUPLICATE_CLOSED_WITHIN_DAYS,
  };
}
