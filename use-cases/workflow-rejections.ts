import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { FieldError } from '../domain/validation.js';
import { ApiError, type ApiErrorCode, validationFailed } from './errors.js';
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
  return updateRefusal(error, { unexplained: UPDATE_REJECTIONS.TASK_COMPLETED, finished: UPDATE_REJECTIONS.CASE_CLOSED });
}

/**
 * Any workflow's refusal of an update: field errors, or a reason. `unexplained` stands in for a
 * refusal without a message; `finished` is the reason when the workflow has already ended.
 */
function updateRefusal(error: unknown, reasons: { unexplained: string; finished: string }): TaskUpdateRefusal | undefined {
  if (error instanceof WorkflowUpdateFailedError) {
    const message = rejectionMessage(error) ?? reasons.unexplained;
    const fields = parseFormRejection(message);
    return fields ? { kind: 'INVALID', fields } : { kind: 'REFUSED', message };
  }
  if (error instanceof WorkflowNotFoundError) return { kind: 'REFUSED', message: reasons.finished };
  return undefined;
}

/**
 * A refused staff update as the API answers it: the form's field errors (400), else a conflict (409)
 * with the workflow's reason; `finished` is the reason when the workflow is over or gave none.
 * Anything that is not a refusal is rethrown.
 */
export function refusalAsApiError(error: unknown, finished: string, codeFor: (message: string) => ApiErrorCode = () => 'CONFLICT'): ApiError {
  const refusal = updateRefusal(error, { unexplained: finished, finished });
  if (!refusal) throw error;
  return refusal.kind === 'INVALID' ? validationFailed(refusal.fields) : new ApiError(409, codeFor(refusal.message), refusal.message);
}
