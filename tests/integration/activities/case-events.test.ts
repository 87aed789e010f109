import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordCaseEventInput } from '../../../activities/contract.js';
import { fromStoredEvent, GENESIS_HASH, verifyChain } from '../../../activities/event-chain.js';
import type { PrismaClient } from '../../../generated/prisma/client.js';
import { activitiesFor, activityDatabase, addOfficers, childIn, newCaseId, openCase, SANGATTA_UTARA, snapshotFor } from './support.js';

let db: Awaited<ReturnType<typeof activityDatabase>>;
let prisma: PrismaClient;
let activities: ReturnType<typeof activitiesFor>;

beforeAll(async () => {
  db = await activityDatabase();
  prisma = db.prisma;
  activities = activitiesFor(prisma);
});
afterAll(() => db.close());

const child = childIn(SANGATTA_UTARA, 'Swarga Bara');
const workflow = { kind: 'SYSTEM' as const, id: 'workflow' };

function event(caseId: string, n: number, overrides: Partial<RecordCaseEventInput> = {}): RecordCaseEventInput {
  return {
    caseId,
    eventId: `run-1/${n}`,
    type: 'STAGE_CHANGED',
    actor: workflow,
    occurredAt: Date.parse('2026-11-30T01:00:00Z') + n * 1000,
    data: { step: n },
    snapshot: snapshotFor(child, { stage: 'HOME_VISIT' }),
    ...overrides,
  };
}

async function storedChain(caseId: string) {
  const rows = await prisma.caseEvent.findMany({ where: { caseId }, orderBy: { sequence: 'asc' } });
  return rows.map(fromStoredEvent);
}

describe('the first event of a case', () => {
  it('creates the case row, the child’s record and the start of the audit chain', async () => {
    const caseId = newCaseId();
    await openCase(activities, caseId, child);

    expect(await prisma.case.findUnique({ where: { id: caseId } })).toMatchObject({
      stage: 'VERIFYING_IDENTITY',
      kecamatan: SANGATTA_UTARA,
      desa: 'Swarga Bara',
      category: 'DO',
      overdue: false,
      reportCount: 1,
      outcome: null,
      closedAt: null,
    });
    expect(await prisma.child.findUnique({ where: { caseId } })).toMatchObject({
      fullName: 'Budi Santoso Wijaya',
      nik: '6408041203150001',
      birthDate: '2015-03-12',
      guardianName: 'Sri Wahyuni',
      guardianPhone: '081234567890',
      guardianEmail: null,
    });
    const [first] = await storedChain(caseId);
    expect(first).toMatchObject({ sequence: 1, type: 'CASE_OPENED', prevHash: GENESIS_HASH, actor: { kind: 'STAFF', id: 'apikey-coordinator' } });
    expect(first!.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('appending to the audit chain', () => {
  it('appends an event once, however often the activity is retried', async () => {
    const caseId = newCaseId();
    await openCase(activities, caseId, child);
    await activities.recordCaseEvent(event(caseId, 2));
    await activities.recordCaseEvent(event(caseId, 2));
    await activities.recordCaseEvent(event(caseId, 2, { type: 'REPORT_ADDED' }));
    expect(await prisma.caseEvent.count({ where: { caseId } })).toBe(2);
    expect((await prisma.case.findUniqueOrThrow({ where: { id: caseId } })).reportCount).toBe(1);
  });

  it('numbers events in order and links each to the one before, so the stored chain verifies', async () => {
    const caseId = newCaseId();
    await openCase(activities, caseId, child);
    for (let n = 2; n <= 6; n += 1) await activities.recordCaseEvent(event(caseId, n, { data: { step: n, nested: { b: [1, 2], a: 'ü' } } }));
    const chain = await storedChain(caseId);
    expect(chain.map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5, 6]);
    for (let i = 1; i < chain.length; i += 1) expect(chain[i]!.prevHash).toBe(chain[i - 1]!.hash);
    expect(verifyChain(chain)).toEqual({ valid: true, length: 6, headHash: chain[5]!.hash });
  });

  it('keeps one valid chain when many events of one case arrive at the same time, retries included', async () => {
    const caseId = newCaseId();
    const inputs = Array.from({ length: 12 }, (_, i) => event(caseId, i + 1, { type: i === 0 ? 'CASE_OPENED' : 'STAGE_CHANGED', child }));
    await Promise.all([...inputs, ...inputs.slice(0, 4)].map((input) => activities.recordCaseEvent(input)));
    const chain = await storedChain(caseId);
    expect(chain).toHaveLength(12);
    expect(new Set(chain.map((e) => e.eventId)).size).toBe(12);
    expect(verifyChain(chain)).toMatchObject({ valid: true, length: 12 });
    expect(await prisma.case.count({ where: { id: caseId } })).toBe(1);
  });

  it('keeps chains of different cases apart', async () => {
    const [a, b] = [newCaseId(), newCaseId()];
    await Promise.all([openCase(activities, a, child), openCase(activities, b, child)]);
    await Promise.all([activities.recordCaseEvent(event(a, 2)), activities.recordCaseEvent(event(b, 2))]);
    for (const caseId of [a, b]) expect(verifyChain(await storedChain(caseId))).toMatchObject({ valid: true, length: 2 });
  });
});

describe('the case row follows the workflow’s snapshot', () => {
  it('records the outcome when the case closes, and clears it when a new report reopens the case', async () => {
    const caseId = newCaseId();
    await openCase(activities, caseId, child);
    const closedAt = Date.parse('2026-12-20T03:00:00Z');
    await activities.recordCaseEvent(
      event(caseId, 2, {
        type: 'CASE_CLOSED',
        actor: { kind: 'STAFF', id: 'apikey-coordinator' },
        data: { reason: 'MOVED' },
        snapshot: snapshotFor(child, { stage: 'CLOSED', outcome: 'CLOSED', closeReason: 'MOVED', closedAt }),
      }),
    );
    expect(await prisma.case.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({ stage: 'CLOSED', outcome: 'CLOSED', closeReason: 'MOVED', closedAt: new Date(closedAt) });

    const reopenedAt = Date.parse('2027-01-10T01:00:00Z');
    await activities.recordCaseEvent({
      caseId,
      eventId: 'run-2/1',
      type: 'CASE_OPENED',
      actor: { kind: 'STAFF', id: 'apikey-coordinator' },
      occurredAt: reopenedAt,
      data: { category: 'DO' },
      snapshot: snapshotFor(child, { openedAt: reopenedAt }),
      child,
    });
    expect(await prisma.case.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({
      stage: 'VERIFYING_IDENTITY',
      outcome: null,
      closeReason: null,
      closedAt: null,
      reportCount: 2,
      openedAt: new Date(reopenedAt),
    });
    expect(verifyChain(await storedChain(caseId))).toMatchObject({ valid: true, length: 3 });
  });

  it('counts a further report of a running case', async () => {
    const caseId = newCaseId();
    await openCase(activities, caseId, child);
    await activities.recordCaseEvent(event(caseId, 2, { type: 'REPORT_ADDED', data: { channel: 'VILLAGE' } }));
    expect((await prisma.case.findUniqueOrThrow({ where: { id: caseId } })).reportCount).toBe(2);
  });

  it('shows on the task list how far up the ladder a task was escalated', async () => {
    await addOfficers(prisma, [
      { id: 'fo-escalation', name: 'Siti Nurhaliza', agency: 'DISDIKBUD', role: 'FIELD_OFFICER', kecamatan: SANGATTA_UTARA },
      { id: 'spv-escalation', name: 'Bambang Sutrisno', agency: 'DISDIKBUD', role: 'SUPERVISOR', kecamatan: SANGATTA_UTARA },
      { id: 'coordinator-escalation', name: 'Irwan Syahputra', agency: 'DISDIKBUD', role: 'COORDINATOR' },
      { id: 'head-escalation', name: 'Mulyono', agency: 'DISDIKBUD', role: 'HEAD' },
    ]);
    const caseId = newCaseId();
    await openCase(activities, caseId, child);
    await activities.openTask({ caseId, taskId: 'visit-1', type: 'VISIT_SCHEDULING', kecamatan: SANGATTA_UTARA, desa: 'Swarga Bara', openedAt: Date.parse('2026-11-30T01:00:00Z'), context: { attempt: 1 } });
    const escalated = (n: number, level: number) =>
      event(caseId, n, { type: 'TASK_ESCALATED', data: { taskId: 'visit-1', type: 'VISIT_SCHEDULING', level, to: level === 1 ? 'SUPERVISOR' : 'COORDINATOR' } });
    await activities.recordCaseEvent(escalated(2, 1));
    await activities.recordCaseEvent(escalated(3, 2));
    expect((await prisma.task.findUniqueOrThrow({ where: { caseId_taskId: { caseId, taskId: 'visit-1' } } })).escalationLevel).toBe(2);
  });

  it('updates the child’s record on a correction and keeps the guardian’s details', async () => {
    const caseId = newCaseId();
    await openCase(activities, caseId, child);
    await activities.recordCaseEvent(event(caseId, 2, { type: 'TASK_COMPLETED', child: { ...child, fullName: 'Budi Santosa Wijaya', birthDate: '2015-03-21' } }));
    expect(await prisma.child.findUniqueOrThrow({ where: { caseId } })).toMatchObject({
      fullName: 'Budi Santosa Wijaya',
      birthDate: '2015-03-21',
      guardianName: 'Sri Wahyuni',
    });
  });
});
