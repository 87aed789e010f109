import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenTaskInput } from '../../../activities/contract.js';
import type { PrismaClient } from '../../../generated/prisma/client.js';
import { activitiesFor, activityDatabase, addOfficers, childIn, MUARA_WAHAU, newCaseId, openCase, SANGATTA_UTARA } from './support.js';

const BENGALON = '640809';
// Monday 30 November 2026, 09:00 WITA.
const MONDAY_MORNING = Date.parse('2026-11-30T01:00:00Z');

let db: Awaited<ReturnType<typeof activityDatabase>>;
let prisma: PrismaClient;
let activities: ReturnType<typeof activitiesFor>;

beforeAll(async () => {
  db = await activityDatabase();
  prisma = db.prisma;
  activities = activitiesFor(prisma);
  await addOfficers(prisma, [
    { id: 'fo-swarga-bara', name: 'Rina Marlina', agency: 'DISDIKBUD', role: 'FIELD_OFFICER', kecamatan: SANGATTA_UTARA, desa: 'Swarga Bara' },
    { id: 'fo-sangatta-utara', name: 'Siti Nurhaliza', agency: 'DISDIKBUD', role: 'FIELD_OFFICER', kecamatan: SANGATTA_UTARA },
    { id: 'fo-sangatta-utara-retired', name: 'Aaron Lama', agency: 'DISDIKBUD', role: 'FIELD_OFFICER', kecamatan: SANGATTA_UTARA, active: false },
    { id: 'spv-sangatta-utara', name: 'Bambang Sutrisno', agency: 'DISDIKBUD', role: 'SUPERVISOR', kecamatan: SANGATTA_UTARA },
    { id: 'spv-muara-wahau', name: 'Stefanus Lung', agency: 'DISDIKBUD', role: 'SUPERVISOR', kecamatan: MUARA_WAHAU },
    { id: 'disdik-coordinator', name: 'Irwan Syahputra', agency: 'DISDIKBUD', role: 'COORDINATOR' },
    { id: 'disdik-head', name: 'Mulyono', agency: 'DISDIKBUD', role: 'HEAD' },
    { id: 'dukcapil-fo', name: 'Nurul Hidayah', agency: 'DUKCAPIL', role: 'FIELD_OFFICER' },
    { id: 'dukcapil-spv', name: 'Agus Salim', agency: 'DUKCAPIL', role: 'SUPERVISOR' },
  ]);
});
afterAll(() => db.close());

async function openTaskFor(kecamatan: string, desa: string, overrides: Partial<OpenTaskInput> = {}) {
  const caseId = newCaseId();
  await openCase(activities, caseId, childIn(kecamatan, desa));
  const input: OpenTaskInput = {
    caseId,
    taskId: 'visit-1',
    type: 'VISIT_SCHEDULING',
    kecamatan,
    desa,
    openedAt: MONDAY_MORNING,
    context: { attempt: 1 },
    ...overrides,
  };
  return { input, opened: await activities.openTask(input) };
}

describe('who gets a new task', () => {
  it('goes to the field officer of the child’s desa, however the desa is spelled', async () => {
    expect((await openTaskFor(SANGATTA_UTARA, 'Swarga Bara')).opened.assignee).toEqual({ officerId: 'fo-swarga-bara', name: 'Rina Marlina' });
    expect((await openTaskFor(SANGATTA_UTARA, 'desa  SWARGA bara')).opened.assignee.officerId).toBe('fo-swarga-bara');
  });

  it('goes to the kecamatan’s field officer when the desa has none, skipping officers no longer active', async () => {
    const { opened } = await openTaskFor(SANGATTA_UTARA, 'Singa Gembara');
    expect(opened.assignee).toEqual({ officerId: 'fo-sangatta-utara', name: 'Siti Nurhaliza' });
  });

  it('falls back to the kecamatan supervisor when the kecamatan has no field officer, and escalates past them', async () => {
    const { opened } = await openTaskFor(MUARA_WAHAU, 'Wahau Baru');
    expect(opened.assignee).toEqual({ officerId: 'spv-muara-wahau', name: 'Stefanus Lung' });
    const escalations = opened.ladder.filter((s) => s.kind === 'ESCALATION');
    expect(escalations.map((s) => [s.to, s.recipient.officerId])).toEqual([
      ['COORDINATOR', 'disdik-coordinator'],
      ['COORDINATOR', 'disdik-coordinator'],
      ['HEAD', 'disdik-head'],
    ]);
  });

  it('goes to a district-wide officer of the right agency when nobody covers the kecamatan', async () => {
    const { opened } = await openTaskFor(BENGALON, 'Sepaso', {
      taskId: 'dukcapil-1',
      type: 'DUKCAPIL_REGISTRATION',
      context: { reason: 'NO_NIK' },
    });
    expect(opened.assignee.officerId).toBe('dukcapil-fo');
    expect(opened.ladder.filter((s) => s.kind === 'ESCALATION').map((s) => [s.to, s.recipient.officerId])).toEqual([
      ['SUPERVISOR', 'dukcapil-spv'],
      ['COORDINATOR', 'disdik-coordinator'],
      ['HEAD', 'disdik-head'],
    ]);
  });

  it('gives the coordinator’s decision to the coordinator and escalates it to the head of the office', async () => {
    const { opened } = await openTaskFor(SANGATTA_UTARA, 'Swarga Bara', {
      taskId: 'decision-1',
      type: 'COORDINATOR_DECISION',
      context: { question: 'FAMILY_NOT_FOUND', visitAttempts: 2 },
    });
    expect(opened.assignee.officerId).toBe('disdik-coordinator');
    expect(opened.ladder.filter((s) => s.kind === 'ESCALATION').map((s) => [s.to, s.recipient.officerId])).toEqual([['HEAD', 'disdik-head']]);
  });

  it('fails for good, leaving no task behind, when nobody can be escalated to', async () => {
    const caseId = newCaseId();
    await openCase(activities, caseId, childIn(BENGALON, 'Sepaso'));
    await prisma.officer.update({ where: { id: 'disdik-head' }, data: { active: false } });
    try {
      const failure = await activities
        .openTask({ caseId, taskId: 'decision-1', type: 'COORDINATOR_DECISION', kecamatan: BENGALON, desa: 'Sepaso', openedAt: MONDAY_MORNING, context: { question: 'FAMILY_NOT_FOUND', visitAttempts: 2 } })
        .catch((e: unknown) => e);
      expect(failure).toMatchObject({ type: 'NoOfficerAvailable', nonRetryable: true });
      expect((failure as Error).message).toContain('HEAD');
    } finally {
      await prisma.officer.update({ where: { id: 'disdik-head' }, data: { active: true } });
    }
    expect(await prisma.task.count({ where: { caseId } })).toBe(0);
  });

  it('fails for good, without personal data in the message, when nobody at all can take the task', async () => {
    const caseId = newCaseId();
    await openCase(activities, caseId, childIn(BENGALON, 'Sepaso'));
    const failure = await activities
      .openTask({ caseId, taskId: 'dinsos-1', type: 'DINSOS_REFERRAL', kecamatan: BENGALON, desa: 'Sepaso', openedAt: MONDAY_MORNING, context: { decile: 2, programmes: ['PKH'] } })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'NoOfficerAvailable', nonRetryable: true });
    const message = (failure as Error).message;
    expect(message).toContain('DINSOS');
    expect(message).not.toMatch(/Sepaso|Budi|6408041203150001/);
    expect(await prisma.task.count({ where: { caseId } })).toBe(0);
  });
});

describe('the deadline and the reminder and escalation ladder', () => {
  it('follows the deadline policy: due after 3 working days, reminded the day before, escalated on the due date, 2 days later and 3 more to the head', async () => {
    const { opened } = await openTaskFor(SANGATTA_UTARA, 'Singa Gembara');
    const thursday5pm = Date.parse('2026-12-03T09:00:00Z');
    expect(opened.dueAt).toBe(thursday5pm);
    expect(opened.ladder).toEqual([
      { kind: 'REMINDER', at: Date.parse('2026-12-02T09:00:00Z'), level: 0, to: 'ASSIGNEE', recipient: { officerId: 'fo-sangatta-utara', name: 'Siti Nurhaliza' } },
      { kind: 'ESCALATION', at: thursday5pm, level: 1, to: 'SUPERVISOR', recipient: { officerId: 'spv-sangatta-utara', name: 'Bambang Sutrisno' } },
      { kind: 'ESCALATION', at: Date.parse('2026-12-07T09:00:00Z'), level: 2, to: 'COORDINATOR', recipient: { officerId: 'disdik-coordinator', name: 'Irwan Syahputra' } },
      { kind: 'ESCALATION', at: Date.parse('2026-12-10T09:00:00Z'), level: 3, to: 'HEAD', recipient: { officerId: 'disdik-head', name: 'Mulyono' } },
    ]);
  });

  it('gives a remote kecamatan extra travel days', async () => {
    const nearby = await openTaskFor(SANGATTA_UTARA, 'Singa Gembara');
    const remote = await openTaskFor(MUARA_WAHAU, 'Wahau Baru');
    expect(remote.opened.dueAt).toBeGreaterThan(nearby.opened.dueAt);
  });
});

describe('recording the task', () => {
  it('writes one open task row with its assignee, deadline and context', async () => {
    const { input, opened } = await openTaskFor(SANGATTA_UTARA, 'Swarga Bara');
    const row = await prisma.task.findUniqueOrThrow({ where: { caseId_taskId: { caseId: input.caseId, taskId: input.taskId } } });
    expect(row).toMatchObject({
      type: 'VISIT_SCHEDULING',
      status: 'OPEN',
      assigneeId: opened.assignee.officerId,
      kecamatan: SANGATTA_UTARA,
      context: { attempt: 1 },
      escalationLevel: 0,
      closedAt: null,
    });
    expect(row.openedAt.getTime()).toBe(MONDAY_MORNING);
    expect(row.dueAt.getTime()).toBe(opened.dueAt);
  });

  it('creates one row when the activity is retried, even in parallel, and answers the same each time', async () => {
    const { input, opened } = await openTaskFor(SANGATTA_UTARA, 'Swarga Bara');
    expect(await activities.openTask(input)).toEqual(opened);
    const parallel = { ...input, taskId: 'visit-2' };
    const [first, ...others] = await Promise.all([activities.openTask(parallel), activities.openTask(parallel), activities.openTask(parallel)]);
    for (const other of others) expect(other).toEqual(first);
    expect(await prisma.task.count({ where: { caseId: input.caseId } })).toBe(2);
  });

  it('keeps the first assignee on a retry even if the directory changed in between', async () => {
    const { input, opened } = await openTaskFor(SANGATTA_UTARA, 'Swarga Bara', { taskId: 'visit-directory-change' });
    await prisma.officer.update({ where: { id: 'fo-swarga-bara' }, data: { active: false } });
    try {
      expect((await activities.openTask(input)).assignee).toEqual(opened.assignee);
    } finally {
      await prisma.officer.update({ where: { id: 'fo-swarga-bara' }, data: { active: true } });
    }
  });
});
