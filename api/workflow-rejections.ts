import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { FieldError } from '../domain/validation.js';
import { parseFormRejection, UPDATE_REJECTIONS } from '../workflows/messages.js';

/** The workflow's own reason for refusing an update: an Indonesian sentence meant for the person who asked. */
export function rejectionMessage(error: WorkflowUpdateFailedError): string | undefined {
  return error.cause instanceof Error && error.cause.message !== '' ? error.cause.message : undefined;
}

export type TaskUpdateRefusal = { kind: 'INVALID'; fields: FieldError[] } | { kind: 'REFUSED'; message: string };

/**
 * What an officer is told when the case refused their update: the form's field errors, or the reason
 * the task can no longer take it (done, cancelled, moved, or the case already finished). Anything
 * else is not a refusal and is left to the caller.
 */
export function taskUpdateRefusal(error: unknown): TaskUpdateRefusal | undefined {
  if (error instanceof WorkflowUpdateFailedError) {
    const message = rejectionMessage(error) ?? UPDATE_REJECTIONS.TASK_COMPLETED;
    const fields = parseFormRejection(message);
    return fields ? { kind: 'INVALID', fields } : { kind: 'REFUSED', message };
  }
  if (error instanceof WorkflowNotFoundError) return { kind: 'REFUSED', message: UPDATE_REJECTIONS.CASE_CLOSED };
  return undefined;
}
