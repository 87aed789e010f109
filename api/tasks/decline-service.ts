import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { declineFormSchema, type TaskMoved } from '../../domain/task-moves.js';
import { type FieldError, fieldErrors } from '../../domain/validation.js';
import { declineTaskUpdate } from '../../workflows/messages.js';
import { taskUpdateRefusal } from '../../use-cases/workflow-rejections.js';
import type { OpenTaskLink } from './task-links.js';

export type DeclineOutcome =
  | { kind: 'DECLINED'; moved: TaskMoved }
  | { kind: 'INVALID'; fields: FieldError[] }
  /** The task can no longer be declined; `message` is the workflow's reason, in Indonesian. */
  | { kind: 'REFUSED'; message: string };

/**
 * The officer cannot do the task: the workflow hands it to their supervisor and kills the officer's
 * links. The reason is checked here first, and again by the workflow's validator, which has the last word.
 */
export async function declineTask(temporal: Client, link: OpenTaskLink, form: unknown): Promise<DeclineOutcome> {
  const parsed = declineFormSchema.safeParse(form);
  if (!parsed.success) return { kind: 'INVALID', fields: fieldErrors(parsed.error) };
  try {
    const moved = await temporal.workflow.getHandle(link.caseId).executeUpdate(declineTaskUpdate, {
      args: [{ taskId: link.taskId, officerId: link.officerId, reason: parsed.data.reason }],
      // A double tap declines once; a corrected reason after a rejection is a new update.
      updateId: `task-decline-${createHash('sha256').update(link.tokenHash).update('\n').update(parsed.data.reason).digest('hex').slice(0, 32)}`,
    });
    return { kind: 'DECLINED', moved };
  } catch (error) {
    const refusal = taskUpdateRefusal(error);
    if (refusal) return refusal;
    throw error;
  }
}
