import type { Principal } from '../../domain/access.js';
import type { CaseNoteRequest } from '../../domain/case.js';
import { addNoteUpdate } from '../../workflows/messages.js';
import { type CaseServiceDeps, changeCaseAsStaff } from './case-service.js';

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
  return changeCaseAsStaff(deps, caseId, caller, (handle, actor) => handle.executeUpdate(addNoteUpdate, { args: [request, actor], updateId: requestId }));
}
