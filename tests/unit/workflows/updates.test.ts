import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addReportUpdate, closeCaseUpdate, completeTaskUpdate, parseFormRejection, UPDATE_REJECTIONS,
} from '../../../workflows/messages.js';
import { aReport, CaseHarness, complete, FORMS, openTaskOf, waitUntil, type CaseHandle } from './case-harness.js';

let harness: CaseHarness;
beforeAll(async () => {
  harness = await CaseHarness.start();
});
afterAll(async () => {
  await harness?.stop();
});

const coordinator = { kind: 'STAFF', id: 'koordinator-ats' } as const;

/** The reason the workflow gave for turning an update away. */
async function rejectionOf(update: Promise<unknown>): Promise<string> {
  const error = await update.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  return (error as WorkflowUpdateFailedError).cause?.message ?? '';
}

async function updateEventsIn(handle: CaseHandle): Promise<number> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).filter(
    (event) => event.workflowExecutionUpdateAcceptedEventAttributes || event.workflowExecutionUpdateRejectedEventAttributes,
  ).length;
}

describe('a second report of the same child', () => {
  it('joins the running case as another source, noting which details differ', async () => {
    const handle = await harness.openCase();
    const caseId = handle.workflowId;
    await waitUntil(handle, (view) => view.stage === 'HOME_VISIT');

    const second = aReport({
      child: { fullName: 'Andi Saputra Ahmad', address: 'Jl. Poros Sangatta RT 3' },
      source: { channel: 'VILLAGE', reference: 'desa-swarga-bara-07' },
    });
    const result = await handle.executeUpdate(addReportUpdate, { args: [second, { kind: 'STAFF', id: 'operator-desa' }] });

    expect(result).toEqual({ caseId, reportCount: 2 });
    const view = await waitUntil(handle, () => true);
    expect(view.sources.map((source) => [source.channel, source.reference])).toEqual([
      ['DAPODIK', 'verval-2026-001'],
      ['VILLAGE', 'desa-swarga-bara-07'],
    ]);
    expect(view.child.fullName).toBe('Andi Saputra');
    const added = harness.fake.eventsOf(caseId).find((event) => event.type === 'REPORT_ADDED')!;
    expect(added).toMatchObject({
      actor: { kind: 'STAFF', id: 'operator-desa' },
      data: { channel: 'VILLAGE', reference: 'desa-swarga-bara-07', differingFields: ['child.fullName', 'child.address'], reportCount: 2 },
    });
    expect(JSON.stringify(added.data)).not.toContain('Andi Saputra Ahmad');
  });

  it('is turned away once the case is closed, so that a new case can be opened', async () => {
    const handle = await harness.openCase();
    await waitUntil(handle, (view) => view.stage === 'HOME_VISIT');
    await handle.executeUpdate(closeCaseUpdate, { args: [{ reason: 'DUPLICATE', note: 'Sudah ada kasus lain.' }, coordinator] });
    await expect(handle.executeUpdate(addReportUpdate, { args: [aReport(), coordinator] })).rejects.toThrow();
  });
});

describe('an officer submitting a task through a link', () => {
  it('is refused for a wrong task, a wrong officer, an invalid form or a task already done, and none of it reaches history', async () => {
    const handle = await harness.openCase();
    const view = await waitUntil(handle, (v) => openTaskOf(v, 'VISIT_SCHEDULING') !== undefined);
    const task = openTaskOf(view, 'VISIT_SCHEDULING')!;
    const submit = (submission: { taskId: string; officerId: string; form: unknown }) =>
      handle.executeUpdate(completeTaskUpdate, { args: [submission] });

    expect(await rejectionOf(submit({ taskId: 'visit-scheduling-9', officerId: task.assignee.officerId, form: FORMS.visitScheduled })))
      .toBe('Tugas tidak ditemukan.');
    expect(await rejectionOf(submit({ taskId: task.taskId, officerId: 'disdik-penyelia', form: FORMS.visitScheduled })))
      .toBe('Tautan ini bukan untuk petugas yang ditugaskan.');
    const invalid = await rejectionOf(submit({ taskId: task.taskId, officerId: task.assignee.officerId, form: { visitDate: '2026-02-30', colour: 'red' } }));
    expect(parseFormRejection(invalid)).toEqual([
      { field: 'visitDate', message: 'Tanggal tidak ada di kalender.' },
      { field: '(isi)', message: 'Kolom tidak dikenal: colour.' },
    ]);
    expect(await updateEventsIn(handle)).toBe(0);
    expect((await waitUntil(handle, () => true)).tasks[0]!.status).toBe('OPEN');

    expect(await submit({ taskId: task.taskId, officerId: task.assignee.officerId, form: FORMS.visitScheduled })).toEqual({
      taskId: 'visit-scheduling-1', status: 'COMPLETED',
    });
    expect(await rejectionOf(submit({ taskId: task.taskId, officerId: task.assignee.officerId, form: FORMS.visitScheduled })))
      .toBe('Tugas ini sudah selesai.');
    expect(await updateEventsIn(handle)).toBe(1);
  });
});

describe('the coordinator closing a case part-way', () => {
  it('stops the casework, cancels every open task and records the reason', async () => {
    const caseId = harness.newCaseId();
    harness.fake.scriptDinsos(caseId, {
      answer: { status: 'REGISTERED', noKk: '6408040101150003', decile: 3, programmes: [], pipCandidate: true },
    });
    const handle = await harness.openCase(aReport(), caseId);
    await complete(handle, 'VISIT_SCHEDULING', FORMS.visitScheduled);
    await waitUntil(handle, (view) => openTaskOf(view, 'VISIT_REPORT') !== undefined && openTaskOf(view, 'DINSOS_REFERRAL') !== undefined);

    const closed = await handle.executeUpdate(closeCaseUpdate, {
      args: [{ reason: 'MOVED', note: 'Keluarga pindah ke Bontang.' }, coordinator],
    });
    expect(closed).toEqual({ caseId, stage: 'CLOSED' });

    const final = await handle.result();
    expect(final).toMatchObject({ stage: 'CLOSED', outcome: 'CLOSED', closeReason: 'MOVED' });
    expect(final.tasks.map((task) => [task.taskId, task.status])).toEqual([
      ['dinsos-referral-1', 'CANCELLED'],
      ['visit-scheduling-1', 'COMPLETED'],
      ['visit-report-1', 'CANCELLED'],
    ]);
    for (const taskId of ['dinsos-referral-1', 'visit-report-1']) {
      expect(harness.fake.task(caseId, taskId).closed).toMatchObject({ status: 'CANCELLED', closedBy: coordinator });
    }
    const events = harness.fake.eventsOf(caseId);
    expect(events.filter((event) => event.type === 'TASK_CANCELLED')).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({
      type: 'CASE_CLOSED', actor: coordinator, data: { outcome: 'CLOSED', reason: 'MOVED', note: 'Keluarga pindah ke Bontang.' },
      snapshot: { stage: 'CLOSED', outcome: 'CLOSED', closeReason: 'MOVED', overdue: false },
    });
    expect(events.at(-1)!.snapshot.nextDeadline).toBeUndefined();
    await harness.expectReplays(handle);
  });

  it('while the case waits for a registry that is down', async () => {
    const caseId = harness.newCaseId();
    harness.fake.scriptDukcapil(caseId, { answer: { status: 'NOT_FOUND' }, unavailableForAttempts: 1_000 });
    const handle = await harness.openCase(aReport(), caseId);
    await waitUntil(handle, (view) => view.waitingFor?.registry === 'DUKCAPIL');

    await handle.executeUpdate(closeCaseUpdate, { args: [{ reason: 'WHEREABOUTS_UNKNOWN', note: 'Tidak ada data yang bisa diperiksa.' }, coordinator] });
    const final = await handle.result();
    expect(final).toMatchObject({ outcome: 'CLOSED', closeReason: 'WHEREABOUTS_UNKNOWN', tasks: [] });
    expect(final.waitingFor).toBeUndefined();
  });

  it('a second time is refused: the case is already closed', async () => {
    const handle = await harness.openCase();
    await waitUntil(handle, (view) => view.stage === 'HOME_VISIT');
    const request = { reason: 'DUPLICATE', note: 'Kasus ganda dengan kasus lain.' } as const;

    const [first, second] = await Promise.allSettled([
      handle.executeUpdate(closeCaseUpdate, { args: [request, coordinator] }),
      handle.executeUpdate(closeCaseUpdate, { args: [request, coordinator] }),
    ]);
    const outcomes = [first, second].map((outcome) => (outcome.status === 'fulfilled' ? 'CLOSED' : (outcome.reason as WorkflowUpdateFailedError).cause?.message));
    expect(outcomes.sort()).toEqual(['CLOSED', UPDATE_REJECTIONS.CASE_CLOSED]);
    await handle.result();
    await expect(handle.executeUpdate(closeCaseUpdate, { args: [request, coordinator] })).rejects.toThrow();
  });

  it('with a request the API should have refused is turned away with field errors', async () => {
    const handle = await harness.openCase();
    await waitUntil(handle, (view) => view.stage === 'HOME_VISIT');
    const message = await rejectionOf(
      handle.executeUpdate(closeCaseUpdate, { args: [{ reason: 'BORED', note: 'x' } as never, coordinator] }),
    );
    expect(parseFormRejection(message)?.map((error) => error.field)).toEqual(['reason', 'note']);
    expect(await updateEventsIn(handle)).toBe(0);
  });
});
