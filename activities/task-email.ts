import { ApplicationFailure } from '@temporalio/common';
import { ESCALATION_TARGETS, type EscalationTarget } from '../domain/deadline-policy.js';
import type { TaskType } from '../domain/tasks.js';
import { emailLanguage } from '../emails/language.js';
import type { RenderedEmail } from '../emails/layout.js';
import { taskAssignedEmail, type TaskEmailFacts } from '../emails/task-assigned.js';
import { taskDeclinedEmail } from '../emails/task-declined.js';
import { taskEscalatedEmail } from '../emails/task-escalated.js';
import { taskReassignedEmail } from '../emails/task-reassigned.js';
import { taskReminderEmail } from '../emails/task-reminder.js';
import type { Officer, PrismaClient } from '../generated/prisma/client.js';
import { UndeliverableEmailError } from '../infra/mailer.js';
import type { CaseActivities, SendTaskEmailInput } from './contract.js';
import type { ActivityDeps } from './deps.js';
import { alreadySent, deliverOnce } from './email-delivery.js';
import { officerLinks } from './officer-links.js';

/**
 * Task emails, sent once per idempotency key (task, kind and step; see deliverOnce). Every email
 * carries the recipient's own "my tasks" link; the assignee's emails carry a fresh link to the task's
 * form, and emails up the ladder a fresh link to reassign the task. Earlier links of the same task
 * stay valid (an officer may open either email) until the task closes or changes hands.
 */
export function taskEmailActivities({ prisma, mailer, settings }: ActivityDeps): Pick<CaseActivities, 'sendTaskEmail'> {
  const links = officerLinks(prisma, settings.publicUrl);
  return {
    async sendTaskEmail(input) {
      const key = `${input.caseId}/${input.taskId}/${input.kind}/${input.step}`;
      if (await alreadySent(prisma, key)) return { sent: false };

      const task = await prisma.task.findUnique({
        where: { caseId_taskId: { caseId: input.caseId, taskId: input.taskId } },
        include: { assignee: true, case: { include: { child: true } } },
      });
      if (!task) throw ApplicationFailure.nonRetryable(`Task ${input.taskId} of case ${input.caseId} is not recorded`, 'TaskNotFound');
      // The workflow may schedule an email just before the task completes; a late email would only confuse.
      if (task.status !== 'OPEN') return { sent: false };
      const recipient = await prisma.officer.findUnique({ where: { id: input.recipientOfficerId } });
      if (!recipient) throw ApplicationFailure.nonRetryable(`Officer ${input.recipientOfficerId} is not in the directory`, 'OfficerNotFound');

      const language = emailLanguage(recipient.language);
      const place = { desa: task.case.desa, kecamatan: task.kecamatan };
      const child = task.case.child ? { childFullName: task.case.child.fullName } : {};
      const common = { taskType: task.type as TaskType, ...place, dueAt: task.dueAt.getTime(), language, myTasksLink: await links.myTasks(recipient.id) };
      const headers: Record<string, string> = {};
      let email: RenderedEmail;
      switch (input.kind) {
        case 'ESCALATION':
        case 'UNREACHABLE': {
          const reassignLink = await links.reassign(task.id, recipient.id);
          if (reassignLink === undefined) return { sent: false };
          email = taskEscalatedEmail({
            ...common,
            recipientName: recipient.name,
            to: escalationTargetOf(recipient),
            caseId: task.caseId,
            assigneeName: task.assignee.name,
            cause: input.kind === 'UNREACHABLE' ? 'UNREACHABLE' : 'OVERDUE',
            reassignLink,
          });
          break;
        }
        case 'DECLINED': {
          const [link, reassignLink] = [await links.task(task.id, recipient.id), await links.reassign(task.id, recipient.id)];
          if (link === undefined || reassignLink === undefined) return { sent: false };
          const decline = await latestDecline(prisma, input);
          email = taskDeclinedEmail({ ...common, ...child, officerName: recipient.name, link, reassignLink, ...decline });
          break;
        }
        case 'REASSIGNED':
          email = taskReassignedEmail({ ...common, ...child, officerName: recipient.name, newAssigneeName: task.assignee.name });
          break;
        case 'ASSIGNED':
        case 'REMINDER': {
          const link = await links.task(task.id, recipient.id);
          if (link === undefined) return { sent: false };
          const facts: TaskEmailFacts = { ...common, ...child, officerName: recipient.name, link };
          email = input.kind === 'ASSIGNED' ? taskAssignedEmail(facts) : taskReminderEmail(facts);
          if (input.kind === 'REMINDER') Object.assign(headers, await threadUnderAssignment(prisma, input, recipient.id));
          break;
        }
      }

      try {
        await deliverOnce(prisma, mailer, { idempotencyKey: key, kind: input.kind, caseId: input.caseId, taskId: input.taskId, recipient, email, headers });
      } catch (error) {
        if (error instanceof UndeliverableEmailError) {
          throw ApplicationFailure.create({
            message: `Email to officer ${recipient.id} cannot be delivered (SMTP ${error.responseCode})`,
            type: 'EmailUndeliverable',
            nonRetryable: true,
          });
        }
        throw error;
      }
      return { sent: true };
    },
  };
}

/** Who declined the task and why, from the case history (the workflow records the decline before emailing). */
async function latestDecline(prisma: PrismaClient, input: SendTaskEmailInput): Promise<{ declinedByName: string; reason: string }> {
  const event = await prisma.caseEvent.findFirst({
    where: { caseId: input.caseId, type: 'TASK_DECLINED', data: { path: ['taskId'], equals: input.taskId } },
    orderBy: { sequence: 'desc' },
  });
  const data = (event?.data ?? {}) as { fromOfficerId?: unknown; reason?: unknown };
  const decliner = typeof data.fromOfficerId === 'string' ? await prisma.officer.findUnique({ where: { id: data.fromOfficerId } }) : null;
  return { declinedByName: decliner?.name ?? '-', reason: typeof data.reason === 'string' ? data.reason : '-' };
}

/** A reminder shows up in the officer's mailbox as a reply to the assignment email. */
async function threadUnderAssignment(prisma: PrismaClient, input: SendTaskEmailInput, recipientId: string): Promise<Record<string, string>> {
  const assignment = await prisma.emailLog.findFirst({
    where: { caseId: input.caseId, taskId: input.taskId, kind: 'ASSIGNED', recipientId, status: 'SENT' },
    orderBy: { createdAt: 'asc' },
  });
  return assignment ? { 'In-Reply-To': assignment.messageId, References: assignment.messageId } : {};
}

/** An escalation email is phrased for the recipient's rung on the ladder. */
function escalationTargetOf(officer: Officer): EscalationTarget {
  return (ESCALATION_TARGETS as readonly string[]).includes(officer.role) ? (officer.role as EscalationTarget) : 'SUPERVISOR';
}
