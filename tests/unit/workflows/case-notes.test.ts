import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNoteUpdate, closeCaseUpdate, parseFormRejection, UPDATE_REJECTIONS } from '../../../workflows/messages.js';
import { CaseHarness, waitUntil, type CaseHandle } from './case-harness.js';

let harness: CaseHarness;
beforeAll(async () => {
  harness = await CaseHarness.start();
});
afterAll(async () => {
  await harness?.stop();
});

const coordinator = { kind: 'STAFF', id: 'koordinator-ats' } as const;

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

describe('a coordinator adding a note to a case', () => {
  it('puts the note, trimmed, into the case history with who wrote it, and the casework carries on', async () => {
    const handle = await harness.openCase();
    const caseId = handle.workflowId;
    await waitUntil(handle, (view) => view.stage === 'HOME_VISIT');

    const added = await handle.executeUpdate(addNoteUpdate, { args: [{ note: '  Ibu anak minta dihubungi sore hari.  ' }, coordinator] });

    expect(added).toEqual({ caseId, addedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    const note = harness.fake.eventsOf(caseId).find((event) => event.type === 'CASE_NOTE_ADDED');
    expect(note).toMatchObject({ actor: coordinator, data: { note: 'Ibu anak minta dihubungi sore hari.' }, snapshot: { stage: 'HOME_VISIT' } });
    const view = await waitUntil(handle, () => true);
    expect(view.stage).toBe('HOME_VISIT');
    await harness.expectReplays(handle);
  });

  it('refuses an empty or overlong note with a field error, and nothing reaches history', async () => {
    const handle = await harness.openCase();
    await waitUntil(handle, (view) => view.stage === 'HOME_VISIT');

    const empty = await rejectionOf(handle.executeUpdate(addNoteUpdate, { args: [{ note: '   ' }, coordinator] }));
    expect(parseFormRejection(empty)).toEqual([{ field: 'note', message: 'Catatan wajib diisi.' }]);
    const long = await rejectionOf(handle.executeUpdate(addNoteUpdate, { args: [{ note: 'x'.repeat(2001) }, coordinator] }));
    expect(parseFormRejection(long)).toEqual([{ field: 'note', message: 'Maksimal 2000 karakter.' }]);

    expect(await updateEventsIn(handle)).toBe(0);
    expect(harness.fake.eventTypesOf(handle.workflowId)).not.toContain('CASE_NOTE_ADDED');
  });

  it('refuses a note once the case is being closed', async () => {
    const handle = await harness.openCase();
    await waitUntil(handle, (view) => view.stage === 'HOME_VISIT');
    await handle.executeUpdate(closeCaseUpdate, { args: [{ reason: 'MOVED', note: 'Keluarga pindah ke Bontang.' }, coordinator] });

    // The workflow may still be finishing (emails to the officers) or already done; either way no note is taken.
    const refused = await handle.executeUpdate(addNoteUpdate, { args: [{ note: 'Terlambat.' }, coordinator] }).then(
      () => 'ACCEPTED',
      (error: unknown) => (error instanceof WorkflowUpdateFailedError ? error.cause?.message : 'WORKFLOW_FINISHED'),
    );
    expect([UPDATE_REJECTIONS.CASE_CLOSED, 'WORKFLOW_FINISHED']).toContain(refused);
    expect(harness.fake.eventTypesOf(handle.workflowId)).not.toContain('CASE_NOTE_ADDED');
  });
});
