import type { DeadlinePolicy } from '../domain/deadline-policy.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Mailer } from '../infra/mailer.js';
import type { DapodikPort, DinsosPort, DukcapilPort } from './registries/ports.js';

/** Everything the activities reach outside the worker through; tests pass their own. */
export interface ActivityDeps {
  prisma: PrismaClient;
  mailer: Mailer;
  dukcapil: DukcapilPort;
  dinsos: DinsosPort;
  dapodik: Pick<DapodikPort, 'findPupil'>;
  settings: ActivitySettings;
}

export interface ActivitySettings {
  /** Base of the links in emails, without a trailing slash, e.g. https://ats.kutaitimurkab.go.id */
  publicUrl: string;
  /** Highest DTSEN decile that makes a household a PIP/KIP candidate (WELFARE_MAX_DECILE). */
  welfareMaxDecile: number;
  deadlinePolicy: DeadlinePolicy;
  /** CASE_KEY_SECRET: keys the HMAC of a child's identity. */
  caseKeySecret: string;
  /** ENROLMENT_MONITORING_CHECKS: how long after the enrolment each look at the school roll falls (ms). */
  monitoringChecks: readonly number[];
}
