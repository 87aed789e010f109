import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { taskFormSchemas } from '../../domain/tasks.js';
import { type FieldError, fieldErrors } from '../../domain/validation.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { completeTaskUpdate } from '../../workflows/messages.js';
import { markTaskLinkUsed, type OpenTaskLink } from './task-links.js';
import { taskUpdateRefusal } from '../../use-cases/workflow-rejections.js';

export type SubmitOutcome =
  | { kind: 'COMPLETED'; taskId: string }
  | { kind: 'INVALID'; fields: FieldError[] }
  /** The task can no longer be completed; `message` is the workflow's reason, in Indonesian. */
  | { kind: 'REFUSED'; message: string };

/**
 * Completes a task with an officer's form. The form is checked here first so that obvious
 * mistakes never reach Temporal; the workflow's validator checks it again against the task's
 * live state (already done, reassigned) and has the last word.
 */
export async function submitTaskForm(deps: { prisma: PrismaClient; temporal: Client }, link: OpenTaskLink, form: unknown): Promise<SubmitOutcome> {
  const parsed = taskFormSchemas[link.type].safeParse(form);
  if (!parsed.success) return { kind: 'INVALID', fields: fieldErrors(parsed.error) };
  try {
    await deps.temporal.workflow.getHandle(link.caseId).executeUpdate(completeTaskUpdate, {
      args: [{ taskId: link.taskId, officerId: link.officerId, form: parsed.data }],
      updateId: submissionId(link.tokenHash, parsed.data),
    });
  } catch (error) {
    const refusal = taskUpdateRefusal(error);
    if (refusal) return refusal;
    throw error;
  }
  await markTaskLinkUsed(deps.prisma, link.tokenRowId);
  return { kind: 'COMPLETED', taskId: link.taskId };
}

/**
 * The same form sent twice through the same link (a double tap, a browser retry) is one update,
 * which Temporal runs once. A corrected form after a rejection is a different update: a rejected
 * update id is not reused.
 */
function submissionId(tokenHash: string, form: unknown): string {
  const digest = createHash('sha256').update(tokenHash).update('\n').update(JSON.stringify(form)).digest('hex');
  return `task-form-${digest.slice(0, 32)}`;
}
