import type { WorkflowUpdateFailedError } from '@temporalio/client';

/** The workflow's own reason for refusing an update: an Indonesian sentence meant for the person who asked. */
export function rejectionMessage(error: WorkflowUpdateFailedError): string | undefined {
  return error.cause instanceof Error && error.cause.message !== '' ? error.cause.message : undefined;
}
