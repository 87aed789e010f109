import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ApplicationFailure } from '@temporalio/common';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SendTaskEmailInput } from '../../../activities/contract.js';
import type { PrismaClient } from '../../../generated/prisma/client.js';
import { createPrisma } from '../../../infra/db.js';
import { createSmtpMailer } from '../../../infra/mailer.js';
import { hashTaskToken } from '../../../infra/task-tokens.js';
import { activitiesFor, activityDatabase, addOfficers, childIn, emailOf, mailTo, newCaseId, openCase, PUBLIC_URL, SANGATTA_UTARA } from './support.js';

const MONDAY_MORNING = Date.parse('2026-11-30T01:00:00Z');
const NIK = '6408041203150001';

let db: Awaited<ReturnType<typeof activityDatabase>>;
let prisma: PrismaClient;
let activities: ReturnType<typeof activitiesFor>;

beforeAll(async () => {
  db = await activityDatabase();
  prisma = db.prisma;
  activities = activitiesFor(prisma);
  await addOfficers(prisma, [
    { id: 'fo-sangatta-utara', name: 'Siti Nurhaliza', agency: 'DISDIKBUD', role: 'FIELD_OFFICER', kecamatan: SANGATTA_UTARA },
    { id: 'spv-sangatta-utara', name: 'Bambang Sutrisno', agency: 'DISDIKBUD', role: 'SUPERVISOR', kecamatan: SANGATTA_UTARA },
    { id: 'disdik-coordinator', name: 'Irwan Syahputra', agency: 'DISDIKBUD', role: 'COORDINATOR' },
    { id: 'disdik-head', name: 'Mulyono', agency: 'DISDIKBUD', role: 'HEAD' },
  ]);
});
afterAll(() => db.close());

/** A case of Budi Santoso Wijaya with a home-visit scheduling task for the field officer. */
async function caseWithOpenTask() {
  const caseId = newCaseId();
  await openCase(activities, caseId, childIn(SANGATTA_UTARA, 'Swarga Bara', { nik: NIK }));
  const opened = await activities.openTask({
    caseId,
    taskId: 'visit-1',
    type: 'VISIT_SCHEDULING',
    kecamatan: SANGATTA_UTARA,
    desa: 'Swarga Bara',
    openedAt: MONDAY_MORNING,
    context: { attempt: 1 },
  });
  const email = (kind: SendTaskEmailInput['kind'], step: number, recipientOfficerId = opened.assignee.officerId): SendTaskEmailInput => ({
    caseId,
    taskId: 'visit-1',
    kind,
    step,
    recipientOfficerId,
  });
  return { caseId, opened, email };
}

function linkToken(text: string): string {
  const match = new RegExp(`${PUBLIC_URL}/tasks/([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error('no task link in the email');
  return match[1]!;
}

async function tokenRow(token: string) {
  return prisma.taskToken.findUnique({ where: { tokenHash: hashTaskToken(token) }, include: { task: true } });
}

describe('the email that tells an officer about a new task', () => {
  it('arrives once, in Indonesian, with the deadline and a personal link whose hash alone is stored', async () => {
    const { caseId, email } = await caseWithOpenTask();
    expect(await activities.sendTaskEmail(email('ASSIGNED', 0))).toEqual({ sent: true });

    const key = `${caseId}/visit-1/ASSIGNED/0`;
    const messageId = messageIdFor(key);
    const received = (await mailTo(emailOf('fo-sangatta-utara'))).filter((m) => m.messageId === messageId);
    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.subject).toBe('[ATS Kutim] Jadwalkan kunjungan rumah — batas Kamis, 3 Desember 2026');
    expect(mail.from).toContain('no-reply@ats.kutaitimurkab.go.id');
    expect(mail.text).toContain('Yth. Siti Nurhaliza,');
    expect(mail.text).toContain('Kamis, 3 Desember 2026 pukul 17.00 WITA');
    expect(mail.text).toContain('Desa Swarga Bara, Kecamatan Sangatta Utara');


    const token = linkToken(mail.text);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(mail.html).toContain(`${PUBLIC_URL}/tasks/${token}`);
    const stored = await tokenRow(token);
    expect(stored).toMatchObject({ officerId: 'fo-sangatta-utara', usedAt: null, revokedAt: null, task: { caseId, taskId: 'visit-1', status: 'OPEN' } });
    const tokenColumns = JSON.stringify(await prisma.taskToken.findMany({ where: { taskRowId: stored!.taskRowId } }));
    expect(tokenColumns).not.toContain(token);

    expect(await prisma.emailLog.findUnique({ where: { idempotencyKey: key } })).toMatchObject({
      status: 'SENT',
      kind: 'ASSIGNED',
      recipientId: 'fo-sangatta-utara',
      recipientEmail: emailOf('fo-sangatta-utara'),
      messageId: mail.messageId,
      subject: mail.subject,
    });
  });

  it('shows the child by first name only and never the NIK', async () => {
    const { caseId, email } = await caseWithOpenTask();
    await activities.sendTaskEmail(email('ASSIGNED', 0));
    const mail = (await mailTo(emailOf('fo-sangatta-utara'))).find((m) => m.messageId === messageIdFor(`${caseId}/visit-1/ASSIGNED/0`))!;
    for (const part of [mail.subject, mail.text, mail.html ?? '']) {
      expect(part).not.toContain(NIK);
      expect(part).not.toContain('Santoso');
      expect(part).not.toContain('Wijaya');
    }
    expect(mail.text).toMatch(/Anak\s+: Budi\n/);
  });

  it('is not sent again when the activity is retried', async () => {
    const { caseId, email } = await caseWithOpenTask();
    await activities.sendTaskEmail(email('ASSIGNED', 0));
    expect(await activities.sendTaskEmail(email('ASSIGNED', 0))).toEqual({ sent: false });
    const messageId = messageIdFor(`${caseId}/visit-1/ASSIGNED/0`);
    expect((await mailTo(emailOf('fo-sangatta-utara'))).filter((m) => m.messageId === messageId)).toHaveLength(1);
    expect(await prisma.taskToken.count({ where: { task: { caseId } } })).toBe(1);
  });
});

describe('the reminder', () => {
  it('carries a link of its own; the first email’s link keeps working until the task closes', async () => {
    const { caseId, email } = await caseWithOpenTask();
    await activities.sendTaskEmail(email('ASSIGNED', 0));
    expect(await activities.sendTaskEmail(email('REMINDER', 1))).toEqual({ sent: true });
    const mails = (await mailTo(emailOf('fo-sangatta-utara'))).filter((m) =>
      [`${caseId}/visit-1/ASSIGNED/0`, `${caseId}/visit-1/REMINDER/1`].some((key) => m.messageId === messageIdFor(key)),
    );
    expect(mails.map((m) => m.subject)).toEqual([
      '[ATS Kutim] Jadwalkan kunjungan rumah — batas Kamis, 3 Desember 2026',
      '[ATS Kutim] Pengingat: Jadwalkan kunjungan rumah — batas Kamis, 3 Desember 2026',
    ]);
    const [first, second] = mails.map((m) => linkToken(m.text));
    expect(first).not.toBe(second);
    expect(await tokenRow(first!)).toMatchObject({ revokedAt: null });
    expect(await tokenRow(second!)).toMatchObject({ revokedAt: null });
  });
});

describe('the escalation to the supervisor', () => {
  it('names the late officer and the missed deadline, with the case reference and a link to reassign the task but none to its form', async () => {
    const { caseId, opened, email } = await caseWithOpenTask();
    const supervisorStep = opened.ladder.findIndex((s) => s.kind === 'ESCALATION' && s.to === 'SUPERVISOR');
    const recipient = opened.ladder[supervisorStep]!.recipient.officerId;
    expect(await activities.sendTaskEmail(email('ESCALATION', supervisorStep, recipient))).toEqual({ sent: true });

    const mail = (await mailTo(emailOf('spv-sangatta-utara'))).find((m) => m.text.includes(caseId))!;
    expect(mail.subject).toBe('[ATS Kutim] Terlambat: Jadwalkan kunjungan rumah (Siti Nurhaliza) — lewat batas Kamis, 3 Desember 2026');
    expect(mail.text).toContain('Yth. Bambang Sutrisno,');
    expect(mail.text).toContain('belum diselesaikan oleh Siti Nurhaliza sejak batas waktunya, Kamis, 3 Desember 2026 pukul 17.00 WITA');
    expect(mail.text).not.toContain(`${PUBLIC_URL}/tasks/`);
    expect(mail.text).not.toContain('Budi');
    expect(mail.text).not.toContain(NIK);
    const reassignToken = new RegExp(`${PUBLIC_URL}/penyelia/([A-Za-z0-9_-]+)`).exec(mail.text)?.[1];
    expect(reassignToken).toBeDefined();
    const tokens = await prisma.taskToken.findMany({ where: { officerId: 'spv-sangatta-utara' } });
    expect(tokens.map((t) => [t.purpose, t.tokenHash])).toEqual([['REASSIGN', hashTaskToken(reassignToken!)]]);
  });
});

describe('closing a task', () => {
  it('records who closed it and kills every link to it; closing again changes nothing', async () => {
    const { caseId, email } = await caseWithOpenTask();
    await activities.sendTaskEmail(email('ASSIGNED', 0));
    await activities.sendTaskEmail(email('REMINDER', 1));
    const closedAt = Date.parse('2026-12-01T02:00:00Z');
    const close = {
      caseId,
      taskId: 'visit-1',
      status: 'COMPLETED' as const,
      result: { visitDate: '2026-12-02' },
      closedBy: { kind: 'OFFICER' as const, id: 'fo-sangatta-utara' },
      closedAt,
    };
    await activities.closeTask(close);

    const task = await prisma.task.findUniqueOrThrow({ where: { caseId_taskId: { caseId, taskId: 'visit-1' } }, include: { tokens: true } });
    expect(task).toMatchObject({ status: 'COMPLETED', result: { visitDate: '2026-12-02' }, closedBy: 'OFFICER:fo-sangatta-utara' });
    expect(task.closedAt?.getTime()).toBe(closedAt);
    expect(task.tokens).toHaveLength(2);
    for (const token of task.tokens) expect(token.revokedAt).not.toBeNull();

    await activities.closeTask({ ...close, status: 'CANCELLED', closedAt: closedAt + 60_000, closedBy: { kind: 'SYSTEM', id: 'workflow' } });
    expect(await prisma.task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: 'COMPLETED', closedBy: 'OFFICER:fo-sangatta-utara', closedAt: task.closedAt });
  });

  it('sends no late reminder for a closed task and issues no new link', async () => {
    const { caseId, email } = await caseWithOpenTask();
    await activities.closeTask({ caseId, taskId: 'visit-1', status: 'CANCELLED', closedBy: { kind: 'SYSTEM', id: 'workflow' }, closedAt: MONDAY_MORNING + 3_600_000 });
    expect(await activities.sendTaskEmail(email('REMINDER', 1))).toEqual({ sent: false });
    expect(await prisma.taskToken.count({ where: { task: { caseId } } })).toBe(0);
  });

  it('is a no-op for a task that was never opened', async () => {
    const caseId = newCaseId();
    await openCase(activities, caseId, childIn(SANGATTA_UTARA, 'Swarga Bara'));
    await expect(activities.closeTask({ caseId, taskId: 'never', status: 'CANCELLED', closedBy: { kind: 'SYSTEM', id: 'workflow' }, closedAt: MONDAY_MORNING })).resolves.toBeUndefined();
  });
});

describe('when the mail server refuses', () => {
  let server: SMTPServer;
  let port: number;

  beforeAll(async () => {
    await addOfficers(prisma, [
      { id: 'fo-gone', name: 'Petugas Pindah', agency: 'DISDIKBUD', role: 'FIELD_OFFICER', kecamatan: '640805' },
      { id: 'fo-busy', name: 'Petugas Sibuk', agency: 'DISDIKBUD', role: 'FIELD_OFFICER', kecamatan: '640810' },
    ]);
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('fo-gone@')) return callback(Object.assign(new Error('5.1.1 Mailbox does not exist'), { responseCode: 550 }));
        if (address.address.startsWith('fo-busy@')) return callback(Object.assign(new Error('4.2.1 Mailbox busy, try later'), { responseCode: 451 }));
        callback();
      },
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback());
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function taskFor(kecamatan: string) {
    const caseId = newCaseId();
    await openCase(activities, caseId, childIn(kecamatan, 'Desa Uji'));
    const opened = await activities.openTask({ caseId, taskId: 'visit-1', type: 'VISIT_SCHEDULING', kecamatan, desa: 'Desa Uji', openedAt: MONDAY_MORNING, context: { attempt: 1 } });
    return { caseId, input: { caseId, taskId: 'visit-1', kind: 'ASSIGNED' as const, step: 0, recipientOfficerId: opened.assignee.officerId } };
  }

  it('fails for good on an address that does not exist, so the workflow can escalate', async () => {
    const { caseId, input } = await taskFor('640805');
    const refusing = activitiesFor(prisma, createSmtpMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'no-reply@ats.kutaitimurkab.go.id' }));
    const failure = await refusing.sendTaskEmail(input).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'EmailUndeliverable', nonRetryable: true });
    expect(await prisma.emailLog.findUnique({ where: { idempotencyKey: `${caseId}/visit-1/ASSIGNED/0` } })).toMatchObject({ status: 'FAILED', error: expect.stringContaining('550') });
  });

  it('fails to be retried when the server says "try later", and a retry then sends it once', async () => {
    const { caseId, input } = await taskFor('640810');
    const busy = activitiesFor(prisma, createSmtpMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'no-reply@ats.kutaitimurkab.go.id' }));
    const failure = await busy.sendTaskEmail(input).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(ApplicationFailure);
    const key = `${caseId}/visit-1/ASSIGNED/0`;
    expect(await prisma.emailLog.findUnique({ where: { idempotencyKey: key } })).toMatchObject({ status: 'PENDING', error: expect.stringContaining('451') });

    expect(await activities.sendTaskEmail(input)).toEqual({ sent: true });
    expect(await prisma.emailLog.findUnique({ where: { idempotencyKey: key } })).toMatchObject({ status: 'SENT', error: null });
    expect((await mailTo(emailOf('fo-busy'))).filter((m) => m.messageId === messageIdFor(key))).toHaveLength(1);
  });
});

describe('a crash just after the mail server accepted the email', () => {
  it('finds it already marked SENT, even with every database connection busy, so the retry sends it no second time', async () => {
    await addOfficers(prisma, [{ id: 'fo-kaliorang', name: 'Petugas Kaliorang', agency: 'DISDIKBUD', role: 'FIELD_OFFICER', kecamatan: '640815' }]);
    const caseId = newCaseId();
    await openCase(activities, caseId, childIn('640815', 'Desa Uji'));
    const opened = await activities.openTask({ caseId, taskId: 'visit-1', type: 'VISIT_SCHEDULING', kecamatan: '640815', desa: 'Desa Uji', openedAt: MONDAY_MORNING, context: { attempt: 1 } });
    const input = { caseId, taskId: 'visit-1', kind: 'ASSIGNED' as const, step: 0, recipientOfficerId: opened.assignee.officerId };
    const key = `${caseId}/visit-1/ASSIGNED/0`;

    // The server holds its 250 until the worker's two database connections are both taken.
    let received!: () => void;
    const messageReceived = new Promise<void>((resolve) => (received = resolve));
    let accept!: () => void;
    const accepted = new Promise<void>((resolve) => (accept = resolve));
    const delivered: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => {
          received();
          void accepted.then(() => {
            delivered.push(key);
            callback();
          });
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const worker = createPrisma(db.url, { maxConnections: 2 });
    try {
      const mailer = createSmtpMailer({ smtpUrl: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, from: 'no-reply@ats.kutaitimurkab.go.id' });
      const sending = activitiesFor(worker, mailer).sendTaskEmail(input);
      await messageReceived;
      const busy = Promise.all([worker.$executeRaw`SELECT pg_sleep(3)`, worker.$executeRaw`SELECT pg_sleep(3)`]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      accept();

      // The worker dies here, after the 250: what it recorded is all a retry will see.
      const deadline = Date.now() + 1000;
      let logged = await prisma.emailLog.findUnique({ where: { idempotencyKey: key } });
      while (logged?.status !== 'SENT' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        logged = await prisma.emailLog.findUnique({ where: { idempotencyKey: key } });
      }
      expect(logged).toMatchObject({ status: 'SENT' });

      const retried = activitiesFor(prisma, mailer);
      expect(await retried.sendTaskEmail(input)).toEqual({ sent: false });
      expect(delivered).toEqual([key]);
      await Promise.all([sending, busy]);
    } finally {
      await worker.$disconnect();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

/** The Message-ID an email keeps across retries: derived from its idempotency key. */
function messageIdFor(key: string): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@ats.kutaitimurkab.go.id>`;
}
