import { setHandler } from '@temporalio/workflow';
import { caseNoteRequestSchema } from '../domain/case.js';
import { fieldErrors } from '../domain/validation.js';
import { iso, type CaseFile } from './case-file.js';
import { addNoteUpdate, formRejection, UPDATE_REJECTIONS } from './messages.js';

/**
 * A coordinator's note goes into the case's audit log beside everything the process recorded, so the
 * timeline tells the whole story. A closed case (or one being closed) takes no more notes.
 */
export function acceptNotes(c: CaseFile): void {
  setHandler(
    addNoteUpdate,
    async (request, actor) => {
      const { note } = caseNoteRequestSchema.parse(request);
      const addedAt = Date.now();
      await c.record('CASE_NOTE_ADDED', { note }, { actor });
      return { caseId: c.caseId, addedAt: iso(addedAt) };
    },
    {
      validator: (request, _actor) => {
        if (c.closing) throw new Error(UPDATE_REJECTIONS.CASE_CLOSED);
        const parsed = caseNoteRequestSchema.safeParse(request);
        if (!parsed.success) throw formRejection(fieldErrors(parsed.error));
      },
    },
  );
}
