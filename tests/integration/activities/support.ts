import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createActivities, type ActivityDeps } from '../../../activities/index.js';
import type { CaseSnapshot, RecordCaseEventInput } from '../../../activities/contract.js';
import { DEFAULT_DEADLINE_POLICY } from '../../../domain/deadline-policy.js';
import type { ChildIdentity } from '../../../domain/intake.js';
import type { Agency, OfficerRole } from '../../../domain/tasks.js';
import type { PrismaClient } from '../../../generated/prisma/client.js';
import { createPrisma } from '../../../infra/db.js';
import { createSmtpMailer, type Mailer } from '../../../infra/mailer.js';
import { applyMigrations } from '../../../infra/migrations.js';
import type { StoredMessage } from '../../../infra/smtp-sink.js';
import { createScratchDatabase } from '../db/scratch-database.js';

export const PUBLIC_URL = 'http://ats.test';
export const CASE_KEY_SECRET = 'integration-test-secret-of-at-least-32-chars';

/**
 * A database of the test file's own, built from the migrations: officer assignment depends on
 * who is in the directory, so tests must not see officers other test files seeded.
 */
export async function activityDatabase(): Promise<{ url: string; prisma: PrismaClient; close(): Promise<void> }> {
  const database = await createScratchDatabase(inject('postgresServerUrl'));
  await applyMigrations(database.url);
  const prisma = createPrisma(database.url);
  return {
    url: database.url,
    prisma,
    async close() {
      await prisma.$disconnect();
      await database.drop();
    },
  };
}

export function smtpMailer(): Mailer {
  return createSmtpMailer({ smtpUrl: `smtp://127.0.0.1:${inject('smtpPort')}`, from: 'ATS Kutai Timur <no-reply@ats.kutaitimurkab.go.id>' });
}

const unusedRegistry = () => Promise.reject(new Error('registries are not part of this test'));

export function activitiesFor(prisma: PrismaClient, mailer: Mailer = smtpMailer()) {
  const deps: ActivityDeps = {
    prisma,
    mailer,
    dukcapil: { verify: unusedRegistry },
    dinsos: { status: unusedRegistry },
    dapodik: { findPupil: unusedRegistry },
    settings: { publicUrl: PUBLIC_URL, welfareMaxDecile: 4, deadlinePolicy: DEFAULT_DEADLINE_POLICY, caseKeySecret: CASE_KEY_SECRET, monitoringChecks: [30 * 86_400_000, 90 * 86_400_000] },
  };
  return createActivities(deps);
}

/** Emails in this run go to a domain of their own, so a test finds its mail among everyone's. */
export const mailDomain = `${randomBytes(4).toString('hex')}.kutim.test`;

export async function mailTo(address: string): Promise<StoredMessage[]> {
  const response = await fetch(`${inject('mailboxUrl')}/api/messages`);
  const messages = (await response.json()) as StoredMessage[];
  return messages.filter((m) => m.to.includes(address));
}

export interface TestOfficer {
  id: string;
  name: string;
  agency: Agency;
  role: OfficerRole;
  kecamatan?: string;
  desa?: string;
  active?: boolean;
}

export async function addOfficers(prisma: PrismaClient, officers: TestOfficer[]): Promise<void> {
  await prisma.officer.createMany({
    data: officers.map((o) => ({
      id: o.id,
      name: o.name,
      email: `${o.id}@${mailDomain}`,
      agency: o.agency,
      role: o.role,
      kecamatan: o.kecamatan ?? null,
      desa: o.desa ?? null,
      active: o.active ?? true,
    })),
  });
}

export function emailOf(officerId: string): string {
  return `${officerId}@${mailDomain}`;
}

export function newCaseId(): string {
  return `ats-${randomBytes(10).toString('hex')}`;
}

export const SANGATTA_UTARA = '640804';
/** A remote kecamatan: deadlines there get extra travel days. */
export const MUARA_WAHAU = '640802';

export function childIn(kecamatan: string, desa: string, overrides: Partial<ChildIdentity> = {}): ChildIdentity {
  return {
    fullName: 'Budi Santoso Wijaya',
    nik: '6408041203150001',
    noKk: '6408040101100001',
    birthDate: '2015-03-12',
    sex: 'L',
    kecamatan: kecamatan as ChildIdentity['kecamatan'],
    desa,
    address: 'Jl. Poros Sangatta RT 03',
    ...overrides,
  };
}

export function snapshotFor(child: ChildIdentity, overrides: Partial<CaseSnapshot> = {}): CaseSnapshot {
  return {
    stage: 'VERIFYING_IDENTITY',
    kecamatan: child.kecamatan,
    desa: child.desa,
    category: 'DO',
    overdue: false,
    openedAt: Date.parse('2026-11-30T01:00:00Z'),
    ...overrides,
  };
}

/** Opens a case the way the workflow's first event does. */
export async function openCase(
  activities: ReturnType<typeof activitiesFor>,
  caseId: string,
  child: ChildIdentity,
  overrides: Partial<RecordCaseEventInput> = {},
): Promise<void> {
  await activities.recordCaseEvent({
    caseId,
    eventId: `${caseId}-run/1`,
    type: 'CASE_OPENED',
    actor: { kind: 'STAFF', id: 'apikey-coordinator' },
    occurredAt: Date.parse('2026-11-30T01:00:00Z'),
    data: { category: 'DO', channel: 'DAPODIK' },
    snapshot: snapshotFor(child),
    child,
    guardian: { name: 'Sri Wahyuni', phone: '081234567890' },
    ...overrides,
  });
}
