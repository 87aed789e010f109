import type { Actor, OfficerRef } from './case.js';
import { withoutControlCharacters, z } from './validation.js';

/**
 * A task changing hands: a supervisor reassigns it, or its officer declines it. Either way a person
 * gives the reason, which goes into the case history; one schema serves the pages, the API and the
 * workflow's validators.
 */
export const moveReasonSchema = withoutControlCharacters(z.string().trim().min(5).max(500));

export const declineFormSchema = z.object({ reason: moveReasonSchema }).strict();
export type DeclineForm = z.infer<typeof declineFormSchema>;

export const reassignFormSchema = z
  .object({
    officerId: withoutControlCharacters(
      z.string({ message: 'Pilih petugas yang akan menerima tugas.' }).trim().min(1, 'Pilih petugas yang akan menerima tugas.').max(100),
    ),
    reason: moveReasonSchema,
  })
  .strict();
export type ReassignForm = z.infer<typeof reassignFormSchema>;

/** A reassignment as it reaches the workflow: the API has checked that the officer exists and may take the task. */
export interface ReassignTaskRequest {
  taskId: string;
  to: OfficerRef;
  reason: string;
  by: Actor;
}

/** A decline as it reaches the workflow: the API has checked the officer's task link. */
export interface DeclineTaskRequest {
  taskId: string;
  officerId: string;
  reason: string;
}

/** What a move answers: who holds the task now, and until when. */
export interface TaskMoved {
  taskId: string;
  assignee: OfficerRef;
  dueAt: string;
}
