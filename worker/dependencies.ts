import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../generated/prisma/client.js';
import { createActivities } from '../activities/index.js';
import { createReviewActivities } from '../activities/reviews/index.js';
import { createReconciliationActivities } from '../activities/reconciliation/index.js';
import { createWatchdogActivities } from '../activities/watchdog/index.js';
import { createDapodikClient } from '../activities/registries/dapodik.js';
import { createDinsosClient } from '../activities/registries/dinsos.js';
import { createDukcapilClient } from '../activities/registries/dukcapil.js';
import { loadDeadlinePolicy } from '../config/deadline-policy.js';
import { monitoringChecks, publicUrl, type Env } from '../config/env.js';
import { createSmtpMailer } from '../infra/mailer.js';

export interface ResolvedServices {
  smtpUrl: string;
  dukcapilUrl: string;
  dinsosUrl: string;
  dapodikUrl: string;
  caseKeySecret: string;
}

/** Wires the activities to their real clients, from configuration. */
export function createCaseActivities(env: Env, services: ResolvedServices, prisma: PrismaClient) {
  return createActivities({
    prisma,
    mailer: createSmtpMailer({ smtpUrl: services.smtpUrl, from: env.MAIL_FROM }),
    dukcapil: createDukcapilClient({ baseUrl: services.dukcapilUrl, timeoutMs: env.REGISTRY_TIMEOUT_MS }),
    dinsos: createDinsosClient({ baseUrl: services.dinsosUrl, timeoutMs: env.REGISTRY_TIMEOUT_MS }),
    dapodik: createDapodikClient({ baseUrl: services.dapodikUrl, timeoutMs: env.REGISTRY_TIMEOUT_MS }),
    settings: {
      publicUrl: publicUrl(env),
      welfareMaxDecile: env.WELFARE_MAX_DECILE,
      deadlinePolicy: loadDeadlinePolicy(env.DEADLINE_POLICY_FILE),
      caseKeySecret: services.caseKeySecret,
      monitoringChecks: monitoringChecks(env),
    },
  });
}

/** The duplicate review's activities: they file the decided report through `temporal` (a client with the case data converter). */
export function createDuplicateReviewActivities(env: Env, services: ResolvedServices, prisma: PrismaClient, temporal: Client) {
  return createReviewActivities({
    prisma,
    temporal,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    caseKeySecret: services.caseKeySecret,
    mailer: createSmtpMailer({ smtpUrl: services.smtpUrl, from: env.MAIL_FROM }),
    settings: { publicUrl: publicUrl(env), calendar: loadDeadlinePolicy(env.DEADLINE_POLICY_FILE) },
  });
}

/** Wires the reconciliation's activities to their real clients; `temporal` starts the review and case workflows. */
export function createReconciliationWiring(
  env: Env,
  services: ResolvedServices,
  prisma: PrismaClient,
  temporal: Client,
) {
  const registry = { timeoutMs: env.REGISTRY_TIMEOUT_MS };
  return createReconciliationActivities({
    prisma,
    temporal,
    mailer: createSmtpMailer({ smtpUrl: services.smtpUrl, from: env.MAIL_FROM }),
    dukcapil: createDukcapilClient({ baseUrl: services.dukcapilUrl, ...registry }),
    dapodik: createDapodikClient({ baseUrl: services.dapodikUrl, ...registry }),
    dinsos: createDinsosClient({ baseUrl: services.dinsosUrl, ...registry }),
    settings: {
      caseKeySecret: services.caseKeySecret,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      publicUrl: publicUrl(env),
      autoStart: env.RECONCILIATION_AUTO_START,
      pageSize: env.RECONCILIATION_PAGE_SIZE,
      dismissalDays: env.RECONCILIATION_DISMISSAL_DAYS,
      welfareOutreach: env.RECONCILIATION_WELFARE_OUTREACH,
      welfareMaxDecile: env.WELFARE_MAX_DECILE,
      calendar: loadDeadlinePolicy(env.DEADLINE_POLICY_FILE),
      outreachCooldownDays: env.RECONCILIATION_OUTREACH_COOLDOWN_DAYS,
    },
  });
}

/** The watchdog's activities: `temporal` (a client with the case data converter) lists, describes and queries the case workflows. */
export function createWatchdogWiring(env: Env, services: ResolvedServices, prisma: PrismaClient, temporal: Client) {
  return createWatchdogActivities({
    prisma,
    temporal,
    mailer: createSmtpMailer({ smtpUrl: services.smtpUrl, from: env.MAIL_FROM }),
    settings: { publicUrl: publicUrl(env) },
  });
}
