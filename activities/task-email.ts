import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { ESCALATION_TARGETS, type EscalationTarget } from '../domain/deadline-policy.js';
import type { TaskType } from '../domain/tasks.js';
import type { RenderedEmail } from '../emails/layout.js';
import { taskAssignedEmail, type TaskEmailFacts } from '../emails/task-assigned.js';
import { taskEscalatedEmail } from '../emails/task-escalated.js';
import { taskReminderEmail } from '../emails/task-reminder.js';
import type { Officer, PrismaClient } from '../generated/prisma/client.js';
import { UndeliverableEmailError } from '../infra/mailer.js';
import { issueTaskToken, taskLink } from '../infra/task-tokens.js';
import type { CaseActivities, SendTaskEmailInput } from './contract.js';
import type { ActivityDeps } from './deps.js';

const MESSAGE_ID_DOMAIN = 'ats.kutaitimurkab.go.id';

/**
 * Task emails are sent once per idempotency key: the log row is written before the mail server
 * is called and marked SENT after, so a retried activity finds SENT and stops. Only a crash
 * between the server's acceptance and the SENT mark repeats an email, and the repeat keeps the
 * same Message-ID, which lets mail clients fold the two.
 *
 * Links: every assignment or reminder email carries a fresh token bound to the task and the
 * recipient. Earlier links of the same task stay valid (an officer may open either email);
 * all of them die when the task closes, and the API accepts a token only for an open task.
 */
export function taskEmailActivities({ prisma, mailer, settings }: ActivityDeps): Pick<CaseActivities, 'sendTaskEmail'> {
  return {
    async sendTaskEmail(input) {
      const key = `${input.caseId}/${input.taskId}/${input.kind}/${input.step}`;
      const logged = await prisma.emailLog.findUnique({ where: { idempotencyKey: key } });
      if (logged?.status === 'SENT') return { sent: false };

      const task = await prisma.task.findUnique({
        where: { caseId_taskId: { caseId: input.caseId, taskId: input.taskId } },
        include: { assignee: true, case: { include: { child: true } } },
      });
      if (!task) throw ApplicationFailure.nonRetryable(`Task ${input.taskId} of case ${input.caseId} is not recorded`, 'TaskNotFound');
      // The workflow may schedule an email just before the task completes; a late email would only confuse.
      if (task.status !== 'OPEN') return { sent: false };
      const recipient = await prisma.officer.findUnique({ where: { id: input.recipientOfficerId } });
      if (!recipient) throw ApplicationFailure.nonRetryable(`Officer ${input.recipientOfficerId} is not in the directory`, 'OfficerNotFound');

      const place = { desa: task.case.desa, kecamatan: task.kecamatan };
      let email: RenderedEmail;
      const headers: Record<string, string> = {};
      if (input.kind === 'ESCALATION') {
        email = taskEscalatedEmail({
          recipientName: recipient.name,
          to: escalationTargetOf(recipient),
          taskType: task.type as TaskType,
          caseId: task.caseId,
          ...place,
          assigneeName: task.assignee.name,
          dueAt: task.dueAt.getTime(),
        });
      } else {
        const token = await issueToken(prisma, task.id, recipient.id);
        if (token === undefined) return { sent: false };
        const facts: TaskEmailFacts = {
          officerName: recipient.name,
          taskType: task.type as TaskType,
          ...(task.case.child ? { childFullName: task.case.child.fullName } : {}),
          ...place,
          dueAt: task.dueAt.getTime(),
          link: taskLink(settings.publicUrl, token),
        };
        email = input.kind === 'ASSIGNED' ? taskAssignedEmail(facts) : taskReminderEmail(facts);
        if (input.kind === 'REMINDER') Object.assign(headers, await threadUnderAssignment(prisma, input, recipient.id));
      }

      const messageId = `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${MESSAGE_ID_DOMAIN}>`;
      const logFields = { messageId, recipientEmail: recipient.email, subject: email.subject, status: 'PENDING', error: null };
      await prisma.emailLog.upsert({
        where: { idempotencyKey: key },
        create: { idempotencyKey: key, kind: input.kind, caseId: input.caseId, taskId: input.taskId, recipientId: recipient.id, ...logFields },
        update: logFields,
      });
      try {
        await mailer.send({ to: recipient.email, subject: email.subject, text: email.text, html: email.html, messageId, headers });
      } catch (error) {
        const undeliverable = error instanceof UndeliverableEmailError;
        const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        await prisma.emailLog.update({ where: { idempotencyKey: key }, data: { status: undeliverable ? 'FAILED' : 'PENDING', error: reason } });
        if (undeliverable) {
          throw ApplicationFailure.create({
            message: `Email to officer ${recipient.id} cannot be delivered (SMTP ${error.responseCode})`,
            type: 'EmailUndeliverable',
            nonRetryable: true,
          });
        }
        throw error;
      }
      await prisma.emailLog.update({ where: { idempotencyKey: key }, data: { status: 'SENT', sentAt: new Date() } });
      return { sent: true };
    },
  };
}

/**
 * Stores a new token's hash, holding the task row so that a task closing at the same moment
 * either sees the token and revokes it, or has closed first and no token is issued.
 */
async function issueToken(prisma: PrismaClient, taskRowId: string, officerId: string): Promise<string | undefined> {
  return prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM tasks WHERE id = ${taskRowId} FOR UPDATE`;
    if (row?.status !== 'OPEN') return undefined;
    const { token, tokenHash } = issueTaskToken();
    await tx.taskToken.create({ data: { tokenHash, taskRowId, officerId } });
    return token;
  });
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
