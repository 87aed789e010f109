import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewLadderActivities } from '../../../activities/reconciliation/review-ladder.js';
import type { OpenedCandidateReview } from '../../../activities/reconciliation/contract.js';
import { DEFAULT_DEADLINE_POLICY, scheduleFromRule } from '../../../domain/deadline-policy.js';
import { CANDIDATE_REVIEW_DEADLINE } from '../../../domain/reconciliation.js';
import type { PrismaClient } from '../../../generated/prisma/client.js';
import type { StoredMessage } from '../../../infra/smtp-sink.js';
import { activityDatabase, addOfficers, emailOf, mailTo, PUBLIC_URL, SANGATTA_UTARA, smtpMailer } from '../activities/support.js';

/**
 * A night's run raised three children in Sangatta Utara, and nobody decides them. Their reviews reach
 * each rung of the ladder at the same moment; the coordinator and the head each get one email per rung
 * that speaks for all three. Real PostgreSQL and the SMTP sink.
 */
let db: { prisma: PrismaClient; close(): Promise<void> };
let clock = new Date();
let ladder: ReturnType<typeof reviewLadderActivities>;

/** Monday 7 December 2026, 02:30 WITA: the nightly run. */
const RAISED_AT = Date.parse('2026-12-06T18:30:00Z');
const COORDINATOR = `koordinator-${randomBytes(3).toString('hex')}`;
const HEAD = `kepala-${randomBytes(3).toString('hex')}`;
const CHILDREN = ['Siti Aminah', 'Yohanes Lawing', 'Rahmat Hidayat'];

beforeAll(async () => {
  db = await activityDatabase();
  ladder = reviewLadderActivities({
    prisma: db.prisma,
    mailer: smtpMailer(),
    now: () => clock,
    settings: { publicUrl: PUBLIC_URL, calendar: DEFAULT_DEADLINE_POLICY },
  });
  await addOfficers(db.prisma, [
    { id: COORDINATOR, name: 'Rina Koordinator', agency: 'DISDIKBUD', role: 'COORDINATOR', kecamatan: SANGATTA_UTARA },
    { id: HEAD, name: 'Bapak Kepala Dinas', agency: 'DISDIKBUD', role: 'HEAD' },
  ]);
});
afterAll(async () => db?.close());

async function raise(fullName: string, status = 'OPEN'): Promise<string> {
  const nik = `640804${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`;
  const row = await db.prisma.reconciliationCandidate.create({
    data: {
      nikHash: `hash-${nik}`,
      openNikHash: status === 'OPEN' ? `hash-${nik}` : null,
      kecamatan: SANGATTA_UTARA,
      desa: 'Swarga Bara',
      reason: 'NOT_ON_ROLL',
      status,
      nik,
      noKk: '6408040101100001',
      fullName,
      birthDate: '2014-02-03',
      sex: 'P',
      address: 'Jl. Poros Sangatta RT 03',
      raisedInRun: 'reconciliation-2026-12-07',
      raisedAt: new Date(RAISED_AT),
    },
  });
  return row.id;
}

async function inbox(officerId: string, count: number): Promise<StoredMessage[]> {
  for (let waited = 0; ; waited += 100) {
    const messages = await mailTo(emailOf(officerId));
    if (messages.length >= count || waited > 5_000) return messages;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('three children of one run nobody decides', () => {
  const ids: string[] = [];
  let opened: OpenedCandidateReview[];

  it('each get the deadline of the policy, and a ladder of the coordinator before it and the head after', async () => {
    for (const name of CHILDREN) ids.push(await raise(name));
    opened = await Promise.all(ids.map((candidateId) => ladder.openCandidateReview({ candidateId, kecamatan: SANGATTA_UTARA, openedAt: RAISED_AT })));

    const schedule = scheduleFromRule(DEFAULT_DEADLINE_POLICY, CANDIDATE_REVIEW_DEADLINE, RAISED_AT);
    // Five working days from Monday's night: Monday 14 December, 17:00 WITA.
    expect(new Date(schedule.dueAt).toISOString()).toBe('2026-12-14T09:00:00.000Z');
    expect(opened[0]).toEqual({
      dueAt: schedule.dueAt,
      ladder: [
        { kind: 'REMINDER', at: schedule.reminders[0], level: 1, recipientOfficerId: COORDINATOR },
        { kind: 'ESCALATION', at: schedule.dueAt, level: 1, recipientOfficerId: HEAD },
        { kind: 'ESCALATION', at: schedule.escalations[1]!.at, level: 2, recipientOfficerId: HEAD },
      ],
    });
    const rows = await db.prisma.reconciliationCandidate.findMany({ where: { id: { in: ids } } });
    expect(rows.map((row) => row.dueAt?.getTime())).toEqual([schedule.dueAt, schedule.dueAt, schedule.dueAt]);
  });

  it('remind the coordinator with one email for the three, in Bahasa Indonesia, linking to the kecamatan’s list', async () => {
    const reminder = opened[0]!.ladder[0]!;
    clock = new Date(reminder.at);
    const results = await Promise.all(
      ids.map((candidateId, i) => ladder.sendCandidateReviewEmail({ candidateId, kecamatan: SANGATTA_UTARA, dueAt: opened[i]!.dueAt, rung: reminder })),
    );
    expect(results.filter((r) => r.sent)).toHaveLength(1);

    const [email, ...more] = await inbox(COORDINATOR, 1);
    expect(more).toEqual([]);
    expect(email!.subject).toBe('[ATS Kutim] Pengingat: 3 anak temuan rekonsiliasi menunggu keputusan — Kecamatan Sangatta Utara, batas Senin, 14 Desember 2026');
    expect(email!.text).toContain('Senin, 14 Desember 2026 pukul 17.00 WITA');
    expect(email!.text).toContain(`${PUBLIC_URL}/rekonsiliasi?kecamatan=${SANGATTA_UTARA}`);
    for (const name of CHILDREN) expect(email!.text).not.toContain(name.split(' ')[0]);
    const rows = await db.prisma.reconciliationCandidate.findMany({ where: { id: { in: ids } } });
    expect(rows.map((row) => row.remindersSent)).toEqual([1, 1, 1]);

    // The rung tried again (a retried activity) sends nothing more.
    expect(await ladder.sendCandidateReviewEmail({ candidateId: ids[0]!, kecamatan: SANGATTA_UTARA, dueAt: opened[0]!.dueAt, rung: reminder })).toEqual({ sent: false });
    expect(await inbox(COORDINATOR, 2)).toHaveLength(1);
  });

  it('tell the head once the deadline passes, counting only the children still undecided', async () => {
    await db.prisma.reconciliationCandidate.update({ where: { id: ids[2]! }, data: { status: 'DISMISSED', openNikHash: null, decidedAt: new Date() } });
    const atDue = opened[0]!.ladder[1]!;
    clock = new Date(atDue.at);
    const results = await Promise.all(
      ids.map((candidateId, i) => ladder.sendCandidateReviewEmail({ candidateId, kecamatan: SANGATTA_UTARA, dueAt: opened[i]!.dueAt, rung: atDue })),
    );
    expect(results.filter((r) => r.sent)).toHaveLength(1);

    const [email, ...more] = await inbox(HEAD, 1);
    expect(more).toEqual([]);
    expect(email!.subject).toBe('[ATS Kutim] Terlambat: 2 anak temuan rekonsiliasi belum diputuskan — Kecamatan Sangatta Utara');
    expect(email!.text).toContain('Yth. Bapak Kepala Dinas,');
    expect(email!.text).toContain('Mohon arahan Bapak/Ibu.');
    const rows = await db.prisma.reconciliationCandidate.findMany({ where: { id: { in: ids } }, orderBy: { fullName: 'asc' } });
    // The dismissed child's ladder stopped before this rung: it keeps the reminder only.
    expect(rows.map((row) => [row.fullName, row.escalationLevel])).toEqual([
      ['Rahmat Hidayat', 0],
      ['Siti Aminah', 1],
      ['Yohanes Lawing', 1],
    ]);
  });
});
