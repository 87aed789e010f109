import { ActivityFailure, ApplicationFailure, patched } from '@temporalio/workflow';
import type { TaskEmailKind } from '../activities/contract.js';
import type { CaseFile, TaskRecord } from './case-file.js';

/** Runs that started before a bounced assignee was reported at once only recorded the bounce. */
const UNREACHABLE_ASSIGNEE_ESCALATES = 'unreachable-assignee-escalates';

/** Emails that ask the task's holder to act: when their address bounces, the ladder above them hears at once. */
const TO_THE_HOLDER: readonly TaskEmailKind[] = ['ASSIGNED', 'REMINDER', 'DECLINED'];

/**
 * Emails one step of the task. An address the mail server refuses for good must not stop the case: the
 * refusal is recorded on the case and, when the refused officer holds the task, the first rung of the
 * escalation ladder is told right away that they cannot be reached, instead of learning it on the due date.
 */
export async function notify(c: CaseFile, task: TaskRecord, kind: TaskEmailKind, step: number, recipientOfficerId: string): Promise<void> {
  try {
    await c.records.sendTaskEmail({ caseId: c.caseId, taskId: task.taskId, kind, step, recipientOfficerId });
  } catch (error) {
    if (!(error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.type === 'EmailUndeliverable')) throw error;
    await c.record('EMAIL_UNDELIVERABLE', { taskId: task.taskId, type: task.type, kind, step, recipientOfficerId });
    const holderUnreachable = TO_THE_HOLDER.includes(kind) && recipientOfficerId === task.assignee.officerId;
    if (holderUnreachable && task.unreachableReported !== recipientOfficerId && patched(UNREACHABLE_ASSIGNEE_ESCALATES)) {
      await reportUnreachable(c, task, recipientOfficerId);
    }
  }
}

async function reportUnreachable(c: CaseFile, task: TaskRecord, officerId: string): Promise<void> {
  task.unreachableReported = officerId;
  const rung = task.ladder.find((step) => step.kind === 'ESCALATION');
  if (!rung) return;
  task.stepsTaken += 1;
  task.escalationLevel = Math.max(task.escalationLevel, rung.level);
  await notify(c, task, 'UNREACHABLE', task.stepsTaken, rung.recipient.officerId);
  await c.record('TASK_ESCALATED', {
    taskId: task.taskId, type: task.type, level: rung.level, to: rung.to, recipientOfficerId: rung.recipient.officerId,
    cause: 'ASSIGNEE_UNREACHABLE', unreachableOfficerId: officerId,
  });
}
