import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { inScope, type Principal } from '../../domain/access.js';
import type { Actor, CaseNoteRequest } from '../../domain/case.js';
import { addNoteUpdate, parseFormRejection, UPDATE_REJECTIONS } from '../../workflows/messages.js';
import { ApiError, notFound, validationFailed } from '../errors.js';
import { rejectionMessage } from '../workflow-rejections.js';
import { type CaseServiceDeps, caseKecamatan } from './case-service.js';

export interface NoteAdded {
  caseId: string;
  addedAt: string;
}

/**
 * A coordinator's note reaches the case through its workflow, which writes it into the audit log like
 * every other event; a case that is closed (its workflow finished or finishing) takes no more notes.
 */
export async function addNote(
  deps: CaseServiceDeps,
  caseId: string,
  request: CaseNoteRequest,
  caller: Pick<Principal, 'id' | 'scope'>,
  requestId: string,
): Promise<NoteAdded> {
  const kecamatan = await caseKecamatan(deps, caseId);
  if (kecamatan === undefined || !inScope(caller, kecamatan)) throw notFound();
  const actor: Actor = { kind: 'STAFF', id: caller.id };
  try {
    return await deps.temporal.workflow.getHandle(caseId).executeUpdate(addNoteUpdate, { args: [request, actor], updateId: requestId });
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      const message = rejectionMessage(error) ?? UPDATE_REJECTIONS.CASE_CLOSED;
      const fields = parseFormRejection(message);
      if (fields) throw validationFailed(fields);
      throw new ApiError(409, message === UPDATE_REJECTIONS.CASE_CLOSED ? 'CASE_ALREADY_CLOSED' : 'CONFLICT', message);
    }
    if (error instanceof WorkflowNotFoundError) throw new ApiError(409, 'CASE_ALREADY_CLOSED', UPDATE_REJECTIONS.CASE_CLOSED);
    throw error;
  }
}
