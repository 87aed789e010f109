import type { Client } from '@temporalio/client';
import type { WorkingCalendar } from '../../domain/deadline-policy.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Mailer } from '../../infra/mailer.js';
import type { DapodikPort, DinsosHouseholdsPort, DukcapilResidentsPort } from '../registries/ports.js';

/** Everything the reconciliation's activities reach outside the worker through; tests pass their own. */
export interface ReconciliationDeps {
  prisma: PrismaClient;
  /** Starts the review workflows and, through intake, the cases. */
  temporal: Client;
  mailer: Mailer;
  dukcapil: DukcapilResidentsPort;
  dapodik: DapodikPort;
  dinsos: DinsosHouseholdsPort;
  settings: ReconciliationSettings;
  /** The clock of dismissals' expiry and of the review emails' claims; the real one unless a test needs another. */
  now?: () => Date;
}

export interface ReconciliationSettings {
  /** CASE_KEY_SECRET: the NIK hashes the reconciliation compares are the case aliases' keys. */
  caseKeySecret: string;
  /** The task queue of the case and review workflows. */
  taskQueue: string;
  /** Base of the link in the coordinator's email, without a trailing slash. */
  publicUrl: string;
  /** RECONCILIATION_AUTO_START */
  autoStart: boolean;
  /** RECONCILIATION_PAGE_SIZE */
  pageSize: number;
  /** RECONCILIATION_DISMISSAL_DAYS */
  dismissalDays: number;
  /** RECONCILIATION_WELFARE_OUTREACH */
  welfareOutreach: boolean;
  /** WELFARE_MAX_DECILE: the poorest deciles, whose households the outreach covers. */
  welfareMaxDecile: number;
  /** The deadline policy's working calendar: a candidate's review deadline counts working days on it. */
  calendar: WorkingCalendar;
  /** RECONCILIATION_OUTREACH_COOLDOWN_DAYS: a household whose visit was recorded rests this long before it is flagged again. */
  outreachCooldownDays: number;
}
