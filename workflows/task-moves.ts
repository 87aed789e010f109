import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import { moveReasonSchema, type TaskMoved } from '../domain/task-moves.js';
import { iso, type CaseFile, type PendingMove, type TaskRecord } from './case-file.js';
import { declineTaskUpdate, formRejection, reassignTaskUpdate, UPDATE_REJECTIONS } from './messages.js';
import { notify } from './task-notices.js';

/**
 * Accepts reassignments (from a supervisor's link or a coordinator's API key) and declines (from the
 * assignee's link). The validators turn away what must not reach history; the task's own loop carries
 * the move out (see humanTask), and the update answers once the move is in the case history.
 */
export function acceptTaskMoves(c: CaseFile): void {
  setHandler(
    reassignTaskUpdate,
    (request) => awaitMove(c, request.taskId, { kind: 'REASSIGN', to: request.to, reason: request.reason.trim(), by: request.by }),
    {
      validator: (request) => {
        const task = movableTask(c, request.taskId);
        checkReason(request.reason);
        if (request.to.officerId === task.assignee.officerId) throw new Error(UPDATE_REJECTIONS.SAME_OFFICER);
      },
    },
  );
  setHandler(
    declineTaskUpdate,
    (request) => awaitMove(c, request.taskId, { kind: 'DECLINE', reason: request.reason.trim(), by: { kind: 'OFFICER', id: request.officerId } }),
    {
      validator: (request) => {
        const task = movableTask(c, request.taskId);
        if (request.officerId !== task.assignee.officerId) throw new Error(UPDATE_REJECTIONS.NOT_THE_ASSIGNEE);
        checkReason(request.reason);
      },
    },
  );
}

async function awaitMove(c: CaseFile, taskId: string, move: PendingMove): Promise<TaskMoved> {
  const task = c.tasks.get(taskId)!;
  task.move = move;
  await condition(() => move.done !== undefined || task.status !== 'OPEN');
  // The case closed before the task changed hands: the task was cancelled instead.
  if (!move.done) throw ApplicationFailure.nonRetryable(UPDATE_REJECTIONS.TASK_CANCELLED, 'TaskCancelled');
  return move.done;
}

function movableTask(c: CaseFile, taskId: string): TaskRecord {
  const task = c.tasks.get(taskId);
  if (!task) throw new Error(UPDATE_REJECTIONS.TASK_NOT_FOUND);
  if (task.status === 'COMPLETED' || task.submission) throw new Error(UPDATE_REJECTIONS.TASK_COMPLETED);
  if (task.status === 'CANCELLED' || c.closing) throw new Error(UPDATE_REJECTIONS.TASK_CANCELLED);
  if (task.move) throw new Error(UPDATE_REJECTIONS.TASK_BEING_MOVED);
  return task;
}

function checkReason(reason: unknown): void {
  const parsed = moveReasonSchema.safeParse(reason);
  if (!parsed.success) throw formRejection([{ field: 'reason', message: parsed.error.issues[0]!.message }]);
}

/**
 * Hands the task over. A reassigned task starts afresh with the new officer: a new deadline from the
 * rule the task opened with, the ladder from the bottom, the old officer's links dead. A declined task
 * goes to the supervisor on the deadline it had, so its ladder keeps climbing while it waits to be
 * reassigned: a task is never nobody's.
 */
export async function carryOutMove(c: CaseFile, task: TaskRecord, move: PendingMove): Promise<void> {
  task.stepsTaken += 1;
  const round = task.stepsTaken;
  const from = task.assignee;
  const at = Date.now();
  const moved = await c.records.moveTask({
    caseId: c.caseId, taskId: task.taskId, move: move.kind, fromOfficerId: from.officerId, toOfficerId: move.to?.officerId, at,
  });
  task.assignee = moved.assignee;
  task.ladder = moved.ladder;
  task.unreachableReported = undefined;
  if (move.kind === 'REASSIGN') {
    task.dueAt = moved.dueAt;
    task.ladderIndex = 0;
    task.overdue = false;
    task.escalationLevel = 0;
    task.awaitingReassignment = false;
  } else {
    const ahead = moved.ladder.findIndex((step) => step.at > at);
    task.ladderIndex = ahead === -1 ? moved.ladder.length : ahead;
    task.awaitingReassignment = true;
  }
  await c.record(move.kind === 'REASSIGN' ? 'TASK_REASSIGNED' : 'TASK_DECLINED', movedEventData(task, from.officerId, move), { actor: move.by });
  move.done = { taskId: task.taskId, assignee: task.assignee, dueAt: iso(task.dueAt) };
  task.move = undefined;

  if (move.kind === 'REASSIGN') {
    await notify(c, task, 'REASSIGNED', round, from.officerId);
    await notify(c, task, 'ASSIGNED', round, task.assignee.officerId);
  } else {
    await notify(c, task, 'DECLINED', round, task.assignee.officerId);
  }
}

function movedEventData(task: TaskRecord, fromOfficerId: string, move: PendingMove): Record<string, unknown> {
  return {
    taskId: task.taskId,
    type: task.type,
    fromOfficerId,
    toOfficerId: task.assignee.officerId,
    reason: move.reason,
    dueAt: iso(task.dueAt),
  };
}
