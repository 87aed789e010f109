import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { eligibleAssignees } from '../../activities/officer-directory.js';
import type { Actor } from '../../domain/case.js';
import { reassignFormSchema, type TaskMoved } from '../../domain/task-moves.js';
import type { TaskType } from '../../domain/tasks.js';
import { type FieldError, fieldErrors } from '../../domain/validation.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { parseFormRejection, reassignTaskUpdate, UPDATE_REJECTIONS } from '../../workflows/messages.js';
import { rejectionMessage } from '../../use-cases/workflow-rejections.js';

export type ReassignOutcome =
  | { kind: 'REASSIGNED'; moved: TaskMoved }
  | { kind: 'INVALID'; fields: FieldError[] }
  /** The task can no longer be reassigned; `message` is the workflow's reason, in Indonesian. */
  | { kind: 'REFUSED'; message: string };

export interface TaskToReassign {
  caseId: string;
  taskId: string;
  type: TaskType;
  kecamatan: string;
}

export const NOT_ELIGIBLE_MESSAGE = 'Petugas ini tidak dapat menerima tugas ini. Pilih petugas dari daftar.';

/**
 * Hands a task to another officer, for a supervisor's page and the API alike. The officer must be one
 * the task may go to (active, of the task's agency, covering its kecamatan: see eligibleAssignees);
 * the workflow's validator checks the task's live state (still open, not already theirs).
 */
export async function reassignTask(
  deps: { prisma: PrismaClient; temporal: Client },
  task: TaskToReassign,
  form: unknown,
  by: Actor,
  updateId: string,
): Promise<ReassignOutcome> {
  const parsed = reassignFormSchema.safeParse(form);
  if (!parsed.success) return { kind: 'INVALID', fields: fieldErrors(parsed.error) };
  const officer = (await eligibleAssignees(deps.prisma, task.type, task.kecamatan)).find((o) => o.id === parsed.data.officerId);
  if (!officer) return { kind: 'INVALID', fields: [{ field: 'officerId', message: NOT_ELIGIBLE_MESSAGE }] };
  try {
    const moved = await deps.temporal.workflow.getHandle(task.caseId).executeUpdate(reassignTaskUpdate, {
      args: [{ taskId: task.taskId, to: { officerId: officer.id, name: officer.name }, reason: parsed.data.reason, by }],
      updateId,
    });
    return { kind: 'REASSIGNED', moved };
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      const message = rejectionMessage(error) ?? UPDATE_REJECTIONS.TASK_COMPLETED;
      if (message === UPDATE_REJECTIONS.SAME_OFFICER) return { kind: 'INVALID', fields: [{ field: 'officerId', message }] };
      const fields = parseFormRejection(message);
      return fields ? { kind: 'INVALID', fields } : { kind: 'REFUSED', message };
    }
    if (error instanceof WorkflowNotFoundError) return { kind: 'REFUSED', message: UPDATE_REJECTIONS.CASE_CLOSED };
    throw error;
  }
}
