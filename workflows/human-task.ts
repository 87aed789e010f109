import { condition, setHandler } from '@temporalio/workflow';
import type { LadderStep } from '../activities/contract.js';
import type { Actor } from '../domain/case.js';
import { taskFormSchemas, type TaskContext, type TaskForm, type TaskSubmission, type TaskType } from '../domain/tasks.js';
import { fieldErrors } from '../domain/validation.js';
import { iso, type CaseFile, type TaskRecord } from './case-file.js';
import { completeTaskUpdate, formRejection, UPDATE_REJECTIONS } from './messages.js';
import { carryOutMove } from './task-moves.js';
import { notify } from './task-notices.js';

export interface CompletedTask<T extends TaskType> {
  form: TaskForm<T>;
  completedBy: Actor;
}

/**
 * One task for a person, whatever its type: assign it, tell the assignee, remind them and escalate up the
 * ladder as its deadlines pass, hand it over when a supervisor reassigns it or the assignee declines it,
 * and return what the officer submitted. Waiting is cancelled with the case.
 */
export async function humanTask<T extends TaskType>(c: CaseFile, type: T, context: TaskContext<T>): Promise<CompletedTask<T>> {
  const taskId = c.nextTaskId(type);
  const openedAt = Date.now();
  const opened = await c.records.openTask({
    caseId: c.caseId, taskId, type, kecamatan: c.kecamatan, desa: c.desa, openedAt, context,
  });
  const task: TaskRecord = {
    taskId, type, status: 'OPEN', assignee: opened.assignee, openedAt, dueAt: opened.dueAt, ladder: opened.ladder,
    ladderIndex: 0, stepsTaken: 0, overdue: false, escalationLevel: 0, awaitingReassignment: false,
  };
  c.tasks.set(taskId, task);
  await c.record('TASK_OPENED', { taskId, type, assigneeOfficerId: task.assignee.officerId, dueAt: iso(task.dueAt) });
  await notify(c, task, 'ASSIGNED', 0, task.assignee.officerId);

  const submitted = () => task.submission !== undefined;
  const stirred = () => submitted() || task.move !== undefined;
  while (!submitted()) {
    const step = task.ladder[task.ladderIndex];
    if (step === undefined) await condition(stirred);
    else if (!(await waitUntil(stirred, step.at, `${taskId} ${step.kind.toLowerCase()} ${step.level}`))) {
      task.ladderIndex += 1;
      await takeStep(c, task, step);
      continue;
    }
    if (task.move && !submitted()) await carryOutMove(c, task, task.move);
  }

  const submission = await recordCompletion(c, task);
  return { form: submission.form as TaskForm<T>, completedBy: submission.completedBy };
}

/** Accepts officers' submissions; the validator turns away anything that must not reach the case's history. */
export function acceptTaskSubmissions(c: CaseFile): void {
  setHandler(
    completeTaskUpdate,
    (submission) => {
      const task = c.tasks.get(submission.taskId)!;
      task.submission = { officerId: submission.officerId, form: taskFormSchemas[task.type].parse(submission.form) };
      return { taskId: task.taskId, status: 'COMPLETED' };
    },
    { validator: (submission) => validateSubmission(c, submission) },
  );
}

function validateSubmission(c: CaseFile, submission: TaskSubmission): void {
  const task = c.tasks.get(submission.taskId);
  if (!task) throw new Error(UPDATE_REJECTIONS.TASK_NOT_FOUND);
  if (task.status === 'COMPLETED' || task.submission) throw new Error(UPDATE_REJECTIONS.TASK_COMPLETED);
  if (task.status === 'CANCELLED' || c.closing) throw new Error(UPDATE_REJECTIONS.TASK_CANCELLED);
  if (task.move) throw new Error(UPDATE_REJECTIONS.TASK_BEING_MOVED);
  if (submission.officerId !== task.assignee.officerId) throw new Error(UPDATE_REJECTIONS.NOT_THE_ASSIGNEE);
  const parsed = taskFormSchemas[task.type].safeParse(submission.form);
  if (!parsed.success) throw formRejection(fieldErrors(parsed.error));
}

/**
 * Closes what is still open when the case closes: a task the officer already submitted counts as done,
 * every other one is cancelled. Returns the cancelled tasks, whose officers are told.
 */
export async function closeOpenTasks(c: CaseFile, closedBy: Actor): Promise<TaskRecord[]> {
  const cancelled: TaskRecord[] = [];
  for (const task of c.openTasks) {
    if (task.submission) {
      await recordCompletion(c, task);
      continue;
    }
    task.status = 'CANCELLED';
    cancelled.push(task);
    await c.records.closeTask({ caseId: c.caseId, taskId: task.taskId, status: 'CANCELLED', closedBy, closedAt: Date.now() });
    await c.record('TASK_CANCELLED', { taskId: task.taskId, type: task.type }, { actor: closedBy });
  }
  return cancelled;
}

async function takeStep(c: CaseFile, task: TaskRecord, step: LadderStep): Promise<void> {
  task.stepsTaken += 1;
  if (step.kind === 'REMINDER') {
    // A supervisor holding a declined task is reminded that it still needs someone to do it.
    await notify(c, task, task.awaitingReassignment ? 'DECLINED' : 'REMINDER', task.stepsTaken, task.assignee.officerId);
    await c.record('TASK_REMINDED', { taskId: task.taskId, type: task.type, dueAt: iso(task.dueAt) });
    return;
  }
  task.escalationLevel = step.level;
  task.overdue = true;
  await notify(c, task, 'ESCALATION', task.stepsTaken, step.recipient.officerId);
  await c.record('TASK_ESCALATED', {
    taskId: task.taskId, type: task.type, level: step.level, to: step.to, recipientOfficerId: step.recipient.officerId,
  });
}

async function recordCompletion(c: CaseFile, task: TaskRecord): Promise<{ form: unknown; completedBy: Actor }> {
  const { officerId, form } = task.submission!;
  const completedBy: Actor = { kind: 'OFFICER', id: officerId };
  task.status = 'COMPLETED';
  await c.records.closeTask({
    caseId: c.caseId, taskId: task.taskId, status: 'COMPLETED', result: form, closedBy: completedBy, closedAt: Date.now(),
  });
  await c.record('TASK_COMPLETED', { taskId: task.taskId, type: task.type }, { actor: completedBy });
  return { form, completedBy };
}

/** Waits until `done` or the moment `at` (workflow time), whichever comes first; true when done. */
async function waitUntil(done: () => boolean, at: number, summary: string): Promise<boolean> {
  const remaining = at - Date.now();
  return remaining > 0 ? condition(done, remaining, { summary }) : done();
}
