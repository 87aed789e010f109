import type { Client } from '@temporalio/client';
import type { WorkingCalendar } from '../../domain/deadline-policy.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Mailer } from '../../infra/mailer.js';

/** What the duplicate review's activities reach: the database, the mail server, and Temporal to file the decided report. */
export interface ReviewActivityDeps {
  prisma: PrismaClient;
  /** A client with the case data converter: the decided report joins or starts a case workflow. */
  temporal: Client;
  /** Where case workflows run. */
  taskQueue: string;
  caseKeySecret: string;
  mailer: Mailer;
  settings: {
    /** Base of the links in emails, without a trailing slash. */
    publicUrl: string;
    /** The deadline policy's working calendar: the review's deadline counts working days on it. */
    calendar: WorkingCalendar;
  };
}
