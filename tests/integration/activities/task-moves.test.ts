import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../../activities/index.js';
import type { SendTaskEmailInput } from '../../../activities/contract.js';
import { addWorkingDays, DEFAULT_DEADLINE_POLICY, deadlinePolicySchema } from '../../../domain/deadline-policy.js';
import type { PrismaClient } from '../../../generated/prisma/client.js';
import { hashTaskToken } from '../../../infra/task-tokens.js';
import {
  activitiesFor, activityDatabase, addOfficers, CASE_KEY_SECRET, childIn, emailOf, mailTo, newCaseId, openCase, PUBLIC_URL, SANGATTA_UTARA,
  smtpMailer,
} from './support.js';

// Monday 30 November 2026, 09:00 WITA.
const MONDAY_MORNING = Date.parse('2026-11-30T01:00:00Z');
// Wednesday 2 December 2026, 10:00 WITA.
const WEDNESDAY = Date.parse('2026-12-02T02:00:00Z');

let db: Awaited<ReturnType<typeof activityDatabase>>;
let prisma: PrismaClient;
let activities: ReturnType<typeof activitiesFor>;

beforeAll(async () => {
  db = await activityDatabase();
  prisma = db.prisma;
  activities = activitiesFor(prisma);
  await addOfficers(prisma, [
    { id: 'fo-siti', name: 'Siti Nurhaliza', agency: 'DISDIKBUD', role: 'FIELD_OFFICER', kecamatan: SANGATTA_UTARA },
    { id: 'fo-yusuf', name: 'Yusuf Hamdani', agency: 'DISDIKBUD', role: 'FIELD_OFFICER', kecamatan: SANGATTA_UTARA },
    { id: 'spv-bambang', name: 'Bambang Sutrisno', agency: 'DISDIKBUD', role: 'SUPERVISOR', kecamatan: SANGATTA_UTARA },
    { id: 'disdik-coordinator', name: 'Irwan Syahputra', agency: 'DISDIKBUD', role: 'COORDINATOR' },
    { id: 'disdik-head', name: 'Mulyono', agency: 'DISDIKBUD', role: 'HEAD' },
  ]);
});
afterAll(() => db.close());

/** Budi's case with a home-visit scheduling task for Siti, who has received its email. */
async function taskWithLink() {
  const caseId = newCaseId();
  await openCase(activities, caseId, childIn(SANGATTA_UTARA, 'Singa Gembara'));
  const opened = await activities.openTask({
    caseId, taskId: 'visit-1', type: 'VISIT_SCHEDULING', kecamatan: SANGATTA_UTARA, desa: 'Singa Gembara', openedAt: MONDAY_MORNING, context: { attempt: 1 },
  });
  await activities.sendTaskEmail({ caseId, taskId: 'visit-1', kind: 'ASSIGNED', step: 0, recipientOfficerId: opened.assignee.officerId });
  const email = (kind: SendTaskEmailInput['kind'], step: number, recipientOfficerId: string): SendTaskEmailInput => ({
    caseId, taskId: 'visit-1', kind, step, recipientOfficerId,
  });
  return { caseId, opened, email };
}

const taskRow = (caseId: string) => prisma.task.findUniqueOrThrow({ where: { caseId_taskId: { caseId, taskId: 'visit-1' } } });

describe('reassigning a task', () => {
  it('gives it to the new officer with a new due date under the rule it opened with, even after the policy changed, and kills only the old officer’s task links', async () => {
    const { caseId, opened } = await taskWithLink();
    expect(opened.assignee.officerId).toBe('fo-siti');
    expect(await activities.sendTaskEmail({ caseId, taskId: 'visit-1', kind: 'ESCALATION', step: 2, recipientOfficerId: 'spv-bambang' })).toEqual({ sent: true });

    // The district lengthens the deadline for visits; this task keeps its 3 working days.
    const longer = deadlinePolicySchema.parse({
      ...DEFAULT_DEADLINE_POLICY,
      tasks: { ...DEFAULT_DEADLINE_POLICY.tasks, VISIT_SCHEDULING: { dueInWorkingDays: 9, escalations: [{ to: 'SUPERVISOR', afterDueWorkingDays: 0 }] } },
    });
    const afterPolicyChange = createActivities({
      prisma, mailer: smtpMailer(), dukcapil: { verify: async () => { throw new Error('unused'); } }, dinsos: { status: async () => { throw new Error('unused'); } },
      dapodik: { findPupil: async () => { throw new Error('unused'); } },
      settings: { publicUrl: PUBLIC_URL, welfareMaxDecile: 4, deadlinePolicy: longer, caseKeySecret: CASE_KEY_SECRET, monitoringChecks: [30 * 86_400_000, 90 * 86_400_000] },
    });
    const input = { caseId, taskId: 'visit-1', move: 'REASSIGN' as const, fromOfficerId: 'fo-siti', toOfficerId: 'fo-yusuf', at: WEDNESDAY };
    const moved = await afterPolicyChange.moveTask(input);

    expect(moved.assignee).toEqual({ officerId: 'fo-yusuf', name: 'Yusuf Hamdani' });
    expect(moved.dueAt).toBe(addWorkingDays(DEFAULT_DEADLINE_POLICY, WEDNESDAY, 3));
    expect(moved.ladder.map((step) => [step.kind, step.to, step.recipient.officerId])).toEqual([
      ['REMINDER', 'ASSIGNEE', 'fo-yusuf'],
      ['ESCALATION', 'SUPERVISOR', 'spv-bambang'],
      ['ESCALATION', 'COORDINATOR', 'disdik-coordinator'],
      ['ESCALATION', 'HEAD', 'disdik-head'],
    ]);
    expect(await taskRow(caseId)).toMatchObject({ assigneeId: 'fo-yusuf', dueAt: new Date(moved.dueAt), escalationLevel: 0 });
    const tokens = await prisma.taskToken.findMany({ where: { task: { caseId } }, orderBy: { createdAt: 'asc' } });
    expect(tokens.map((t) => [t.officerId, t.purpose, t.revokedReason])).toEqual([
      ['fo-siti', 'TASK', 'REASSIGNED'],
      ['spv-bambang', 'REASSIGN', null],
    ]);
    // A retried activity answers the same and changes nothing more.
    expect(await afterPolicyChange.moveTask(input)).toEqual(moved);
  });

  it('tells the old officer in a short email, and the new one with a link of their own', async () => {
    const { caseId } = await taskWithLink();
    await activities.moveTask({ caseId, taskId: 'visit-1', move: 'REASSIGN', fromOfficerId: 'fo-siti', toOfficerId: 'fo-yusuf', at: WEDNESDAY });
    await activities.sendTaskEmail({ caseId, taskId: 'visit-1', kind: 'REASSIGNED', step: 1, recipientOfficerId: 'fo-siti' });
    await activities.sendTaskEmail({ caseId, taskId: 'visit-1', kind: 'ASSIGNED', step: 1, recipientOfficerId: 'fo-yusuf' });

    const keys = await prisma.emailLog.findMany({ where: { caseId }, orderBy: { createdAt: 'asc' } });
    expect(keys.map((row) => [row.kind, row.recipientId, row.status])).toEqual([
      ['ASSIGNED', 'fo-siti', 'SENT'], ['REASSIGNED', 'fo-siti', 'SENT'], ['ASSIGNED', 'fo-yusuf', 'SENT'],
    ]);
    const toOld = (await mailTo(emailOf('fo-siti'))).find((m) => m.messageId === keys[1]!.messageId)!;
    expect(toOld.subject).toBe('[ATS Kutim] Tugas dialihkan: Jadwalkan kunjungan rumah — tidak perlu dikerjakan lagi');
    expect(toOld.text).toContain('sudah dialihkan kepada Yusuf Hamdani');
    expect(toOld.text).not.toContain(`${PUBLIC_URL}/tasks/`);
    expect(toOld.text).toContain(`${PUBLIC_URL}/petugas/`);
    const toNew = (await mailTo(emailOf('fo-yusuf'))).find((m) => m.messageId === keys[2]!.messageId)!;
    const token = new RegExp(`${PUBLIC_URL}/tasks/([A-Za-z0-9_-]+)`).exec(toNew.text)![1]!;
    expect(await prisma.taskToken.findUnique({ where: { tokenHash: hashTaskToken(token) } })).toMatchObject({ officerId: 'fo-yusuf', purpose: 'TASK', revokedAt: null });
  });
});

describe('declining a task', () => {
  it('hands it to the supervisor on its old due date, with the reason in their email and links to reassign it or do it', async () => {
    const { caseId, opened } = await taskWithLink();
    const input = { caseId, taskId: 'visit-1', move: 'DECLINE' as const, fromOfficerId: 'fo-siti', at: WEDNESDAY - 3_600_000 };
    const moved = await activities.moveTask(input);
    expect(moved.assignee.officerId).toBe('spv-bambang');
    expect(moved.dueAt).toBe(opened.dueAt);
    expect(moved.ladder.filter((step) => step.kind === 'ESCALATION').map((step) => step.recipient.officerId)).toEqual([
      'disdik-coordinator', 'disdik-coordinator', 'disdik-head',
    ]);
    expect(await activities.moveTask(input)).toEqual(moved);
    const siti = await prisma.taskToken.findMany({ where: { task: { caseId }, officerId: 'fo-siti' } });
    expect(siti.map((t) => t.revokedReason)).toEqual(['DECLINED']);

    await activities.recordCaseEvent({
      caseId, eventId: `${caseId}-run/2`, type: 'TASK_DECLINED', actor: { kind: 'OFFICER', id: 'fo-siti' }, occurredAt: WEDNESDAY,
      data: { taskId: 'visit-1', type: 'VISIT_SCHEDULING', fromOfficerId: 'fo-siti', toOfficerId: 'spv-bambang', reason: 'Sedang cuti sakit.' },
      snapshot: { stage: 'HOME_VISIT', kecamatan: SANGATTA_UTARA, desa: 'Singa Gembara', category: 'DO', overdue: false, openedAt: MONDAY_MORNING },
    });
    expect(await activities.sendTaskEmail({ caseId, taskId: 'visit-1', kind: 'DECLINED', step: 1, recipientOfficerId: 'spv-bambang' })).toEqual({ sent: true });
    const log = await prisma.emailLog.findUniqueOrThrow({ where: { idempotencyKey: `${caseId}/visit-1/DECLINED/1` } });
    const mail = (await mailTo(emailOf('spv-bambang'))).find((m) => m.messageId === log.messageId)!;
    expect(mail.subject).toBe('[ATS Kutim] Perlu dialihkan: Jadwalkan kunjungan rumah — batas Kamis, 3 Desember 2026');
    expect(mail.text).toContain('Siti Nurhaliza tidak dapat mengerjakan tugas berikut, dengan alasan: “Sedang cuti sakit.”');
    expect(mail.text).toMatch(new RegExp(`${PUBLIC_URL}/penyelia/[A-Za-z0-9_-]+`));
    expect(mail.text).toMatch(new RegExp(`Kerjakan sendiri:\\n${PUBLIC_URL}/tasks/[A-Za-z0-9_-]+`));
    const bambang = await prisma.taskToken.findMany({ where: { task: { caseId }, officerId: 'spv-bambang' } });
    expect(bambang.map((t) => t.purpose).sort()).toEqual(['REASSIGN', 'TASK']);
  });
});

describe('an officer who reads English', () => {
  it('gets the assignment in English, with the deadline written the English way', async () => {
    await prisma.officer.update({ where: { id: 'fo-siti' }, data: { language: 'en' } });
    try {
      const { caseId } = await taskWithLink();
      const log = await prisma.emailLog.findUniqueOrThrow({ where: { idempotencyKey: `${caseId}/visit-1/ASSIGNED/0` } });
      const mail = (await mailTo(emailOf('fo-siti'))).find((m) => m.messageId === log.messageId)!;
      expect(mail.subject).toBe('[ATS Kutim] Schedule a home visit — due Thursday, 3 December 2026');
      expect(mail.text).toContain('Dear Siti Nurhaliza,');
      expect(mail.text).toContain('Thursday, 3 December 2026 at 17:00 WITA');
      expect(mail.text).toContain('All your tasks:');
      expect(mail.html).toContain('<html lang="en">');
    } finally {
      await prisma.officer.update({ where: { id: 'fo-siti' }, data: { language: 'id' } });
    }
  });
});

describe('a case that closes', () => {
  it('emails each officer whose task it cancelled and the coordinator once, however often the activity runs', async () => {
    const { caseId } = await taskWithLink();
    const input = { caseId, outcome: 'CLOSED' as const, closeReason: 'MOVED' as const, cancelledTasks: [{ taskId: 'visit-1', type: 'VISIT_SCHEDULING' as const, officerId: 'fo-siti' }] };
    expect(await activities.notifyCaseClosed(input)).toEqual({ undeliverable: [] });
    expect(await activities.notifyCaseClosed(input)).toEqual({ undeliverable: [] });

    const logs = await prisma.emailLog.findMany({ where: { caseId, kind: 'CASE_CLOSED' } });
    expect(logs.map((row) => row.recipientId).sort()).toEqual(['disdik-coordinator', 'fo-siti']);
    const toOfficer = (await mailTo(emailOf('fo-siti'))).filter((m) => logs.some((row) => row.messageId === m.messageId));
    expect(toOfficer.map((m) => m.subject)).toEqual(['[ATS Kutim] Tugas dibatalkan: Jadwalkan kunjungan rumah — kasus ditutup, tidak perlu tindakan']);
    const toCoordinator = (await mailTo(emailOf('disdik-coordinator'))).filter((m) => logs.some((row) => row.messageId === m.messageId));
    expect(toCoordinator.map((m) => m.subject)).toEqual(['[ATS Kutim] Kasus ditutup: Pindah ke luar daerah (Desa Singa Gembara) — tidak perlu tindakan']);
    expect(toCoordinator[0]!.text).toMatch(/Anak\s+: Budi\n/);
    expect(toCoordinator[0]!.text).not.toContain('Santoso');
  });
});
