import { createHash } from 'node:crypto';
import type { RenderedEmail } from '../emails/layout.js';
import type { Officer, PrismaClient } from '../generated/prisma/client.js';
import { reserveConnection } from '../infra/db.js';
import { type Mailer, UndeliverableEmailError } from '../infra/mailer.js';

const MESSAGE_ID_DOMAIN = 'ats.kutaitimurkab.go.id';

export interface Delivery {
  /** Unique per email the system means to send; a retry with the same key sends nothing twice. */
  idempotencyKey: string;
  kind: string;
  /** The case the email is about; absent for emails about no single case (a reconciliation's summary). */
  caseId?: string;
  taskId?: string;
  /** An officer, or a staff user (an admin told of the watchdog's findings). */
  recipient: Pick<Officer, 'id' | 'email'>;
  email: RenderedEmail;
  headers?: Record<string, string>;
}

/** True when the email with this key has already gone out. */
export async function alreadySent(prisma: PrismaClient, idempotencyKey: string): Promise<boolean> {
  const logged = await prisma.emailLog.findUnique({ where: { idempotencyKey } });
  return logged?.status === 'SENT';
}

/**
 * Sends an email once per idempotency key: the log row is written before the mail server is called
 * and marked SENT after, so a retry finds SENT and stops. Only a crash between the server's acceptance
 * and the SENT mark repeats an email, and the repeat keeps the same Message-ID, which lets mail
 * clients fold the two. That window is kept to one statement: the mark's connection is taken from the
 * pool before the message goes out (a wait then repeats nothing; a wait after the server's 250, behind
 * every other activity's queries, would) and the mark is written on it the moment the server accepts.
 * The price is one pool connection held for the SMTP session. One connection shared by all marks would
 * be no better: each mark would wait a turn of the event loop for every mark queued ahead of it.
 * Throws `UndeliverableEmailError` (logged FAILED) when the server refuses the address for good; any
 * other failure is left PENDING to be tried again.
 */
export async function deliverOnce(prisma: PrismaClient, mailer: Mailer, delivery: Delivery): Promise<void> {
  const key = delivery.idempotencyKey;
  const messageId = messageIdFor(key);
  const logFields = { messageId, recipientEmail: delivery.recipient.email, subject: delivery.email.subject, status: 'PENDING', error: null };
  await prisma.emailLog.upsert({
    where: { idempotencyKey: key },
    create: {
      idempotencyKey: key,
      kind: delivery.kind,
      caseId: delivery.caseId ?? null,
      taskId: delivery.taskId ?? null,
      recipientId: delivery.recipient.id,
      ...logFields,
    },
    update: logFields,
  });
  const markConnection = await reserveConnection(prisma);
  try {
    const { email } = delivery;
    await mailer.send({ to: delivery.recipient.email, subject: email.subject, text: email.text, html: email.html, messageId, headers: delivery.headers ?? {} });
  } catch (error) {
    markConnection.release();
    const undeliverable = error instanceof UndeliverableEmailError;
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    await prisma.emailLog.update({ where: { idempotencyKey: key }, data: { status: undeliverable ? 'FAILED' : 'PENDING', error: reason } });
    throw error;
  }
  try {
    await markConnection.query(MARK_SENT, [key]);
  } finally {
    markConnection.release();
  }
}

/** Prepared once per connection, so a mark is a bind and an execute: nothing to parse or plan, nothing returned. */
const MARK_SENT = { name: 'email-log-mark-sent', text: "UPDATE email_log SET status = 'SENT', sent_at = now() WHERE idempotency_key = $1" };

/**
 * For an email several activities may set out to send at the same moment (a digest the timers of many
 * workflows fire for at once): true for the one that is to send it, which then calls `deliverOnce`. The
 * claim is the log row itself, PENDING and without error while its sender is at it. A send that failed
 * (deliverOnce wrote its error) or whose sender vanished (a row older than `leaseMs`, longer than any
 * attempt) may be claimed again; once SENT, or while another sender is at it, the answer is false.
 */
export async function claimDelivery(prisma: PrismaClient, delivery: Delivery, leaseMs: number, now: Date = new Date()): Promise<boolean> {
  const key = delivery.idempotencyKey;
  const { count } = await prisma.emailLog.createMany({
    data: [{
      idempotencyKey: key,
      messageId: messageIdFor(key),
      kind: delivery.kind,
      caseId: delivery.caseId ?? null,
      taskId: delivery.taskId ?? null,
      recipientId: delivery.recipient.id,
      recipientEmail: delivery.recipient.email,
      subject: delivery.email.subject,
      status: 'PENDING',
      createdAt: now,
    }],
    skipDuplicates: true,
  });
  if (count === 1) return true;
  const taken = await prisma.emailLog.updateMany({
    where: { idempotencyKey: key, status: 'PENDING', OR: [{ error: { not: null } }, { createdAt: { lt: new Date(now.getTime() - leaseMs) } }] },
    data: { error: null, createdAt: now },
  });
  return taken.count === 1;
}

function messageIdFor(idempotencyKey: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@${MESSAGE_ID_DOMAIN}>`;
}
