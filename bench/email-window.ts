/**
 * The email window: for each of N task emails sent through the real activity (sendTaskEmail, the real
 * SMTP mailer, the SMTP sink, a real PostgreSQL), the time from the moment the mail server answered 250
 * to the message until the SENT mark in email_log was committed. A worker killed inside that window
 * sends the email again on its retry (same Message-ID), so the window is what a crash can duplicate.
 *
 * The emails are sent C at a time on a pool of P database connections, as a worker runs its activities
 * (WORKER_MAX_CONCURRENT_ACTIVITIES, DATABASE_POOL_SIZE; their defaults are the bench's).
 *
 *   npx tsx bench/email-window.ts [emails=200] [concurrency=50] [poolSize=10]     (needs PostgreSQL on 127.0.0.1)
 */
import { DEFAULT_DEADLINE_POLICY } from '../domain/deadline-policy.js';
import type { SendTaskEmailInput } from '../activities/contract.js';
import { createActivities } from '../activities/index.js';
import { createPrisma } from '../infra/db.js';
import { createSmtpMailer } from '../infra/mailer.js';
import { applyMigrations } from '../infra/migrations.js';
import { seedOfficerDirectory } from '../infra/seed.js';
import { startSmtpSink } from '../infra/smtp-sink.js';
import { createScratchDatabase, withConnection } from '../tests/integration/db/scratch-database.js';

const EMAILS = Number(process.argv[2] ?? 200);
const CONCURRENCY = Number(process.argv[3] ?? 50);
const POOL_SIZE = Number(process.argv[4] ?? 10);
const POSTGRES = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const SANGATTA_UTARA = '640804';
const OPENED_AT = Date.parse('2026-11-30T01:00:00Z');

/**
 * The commit time of each SENT mark, read by PostgreSQL itself: a deferred constraint trigger runs when
 * the transaction that wrote the mark commits, whichever statement and client wrote it.
 */
const COMMIT_CLOCK = `
  CREATE TABLE bench_sent_commit (message_id text PRIMARY KEY, committed_ms double precision NOT NULL);
  CREATE FUNCTION bench_note_commit() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO bench_sent_commit VALUES (NEW.message_id, extract(epoch FROM clock_timestamp()) * 1000);
    RETURN NULL;
  END $$;
  CREATE CONSTRAINT TRIGGER bench_sent_commit AFTER UPDATE ON email_log DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.status = 'SENT' AND OLD.status IS DISTINCT FROM 'SENT') EXECUTE FUNCTION bench_note_commit();
`;

const stops: (() => Promise<unknown>)[] = [];
try {
  const database = await createScratchDatabase(POSTGRES);
  stops.push(() => database.drop());
  await applyMigrations(database.url);
  await withConnection(database.url, (client) => client.query(COMMIT_CLOCK));
  const prisma = createPrisma(database.url, { maxConnections: POOL_SIZE });
  stops.push(() => prisma.$disconnect());
  await seedOfficerDirectory(prisma);
  const sink = await startSmtpSink({ smtpPort: 0, httpPort: 0, maxMessages: EMAILS });
  stops.push(() => sink.close());

  const activities = createActivities({
    prisma,
    mailer: createSmtpMailer({ smtpUrl: `smtp://127.0.0.1:${sink.smtpPort}`, from: 'ATS Kutai Timur <no-reply@ats.kutaitimurkab.go.id>' }),
    dukcapil: { verify: unused },
    dinsos: { status: unused },
    dapodik: { findPupil: unused },
    settings: {
      publicUrl: 'http://ats.bench',
      welfareMaxDecile: 4,
      deadlinePolicy: DEFAULT_DEADLINE_POLICY,
      caseKeySecret: 'bench-secret-0123456789abcdef0123456789',
      monitoringChecks: [30 * 86_400_000],
    },
  });

  const emails: SendTaskEmailInput[] = [];
  for (let i = 0; i < EMAILS; i += 1) {
    const caseId = `ats-bench-${i.toString().padStart(5, '0')}`;
    await activities.recordCaseEvent({
      caseId,
      eventId: `${caseId}-run/1`,
      type: 'CASE_OPENED',
      actor: { kind: 'STAFF', id: 'bench' },
      occurredAt: OPENED_AT,
      data: { category: 'DO', channel: 'DAPODIK' },
      snapshot: { stage: 'VERIFYING_IDENTITY', kecamatan: SANGATTA_UTARA, desa: 'Swarga Bara', category: 'DO', overdue: false, openedAt: OPENED_AT },
    });
    const opened = await activities.openTask({ caseId, taskId: 'visit-1', type: 'VISIT_SCHEDULING', kecamatan: SANGATTA_UTARA, desa: 'Swarga Bara', openedAt: OPENED_AT, context: { attempt: 1 } });
    emails.push({ caseId, taskId: 'visit-1', kind: 'ASSIGNED', step: 0, recipientOfficerId: opened.assignee.officerId });
  }

  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < emails.length) await activities.sendTaskEmail(emails[next++]!);
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  const acceptedAt = new Map(sink.messages().map((m) => [m.messageId, Date.parse(m.receivedAt)]));
  const marks = await withConnection(database.url, (client) =>
    client.query<{ message_id: string; committed_ms: number }>('SELECT message_id, committed_ms FROM bench_sent_commit'),
  );
  const windows = marks.rows.map((mark) => mark.committed_ms - acceptedAt.get(mark.message_id)!).sort((a, b) => a - b);
  if (windows.length !== EMAILS || windows.some(Number.isNaN)) throw new Error(`${windows.length} SENT marks for ${EMAILS} emails`);

  console.log(`email window: ${EMAILS} task emails, ${CONCURRENCY} at once, database pool ${POOL_SIZE}, ${seconds.toFixed(1)} s`);
  console.log('  from the server’s 250 to the SENT mark’s commit (ms)');
  console.log(`  p50 ${at(windows, 0.5)}  p95 ${at(windows, 0.95)}  p99 ${at(windows, 0.99)}  max ${windows.at(-1)!.toFixed(1)}`);
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => {});
}

function unused(): Promise<never> {
  return Promise.reject(new Error('registries are not part of this bench'));
}

function at(sorted: number[], quantile: number): string {
  return sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)]!.toFixed(1);
}
