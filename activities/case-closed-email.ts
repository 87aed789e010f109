import { ApplicationFailure } from '@temporalio/common';
import type { TaskType } from '../domain/tasks.js';
import { caseOutcomeEmail, tasksCancelledEmail, type CaseClosedFacts } from '../emails/case-closed.js';
import { emailLanguage } from '../emails/language.js';
import type { RenderedEmail } from '../emails/layout.js';
import type { Officer } from '../generated/prisma/client.js';
import { UndeliverableEmailError } from '../infra/mailer.js';
import type { CaseActivities } from './contract.js';
import type { ActivityDeps } from './deps.js';
import { alreadySent, deliverOnce } from './email-delivery.js';
import { officerLinks } from './officer-links.js';
import { closestOfficer } from './officer-directory.js';

/**
 * When a case closes, the officers who still held its tasks learn they can stop, and the district's
 * coordinator learns how it ended. One email per person and case, whatever the retries; an address
 * that bounces is reported back and does not hold up the others.
 */
export function caseClosedEmailActivities({ prisma, mailer, settings }: ActivityDeps): Pick<CaseActivities, 'notifyCaseClosed'> {
  const links = officerLinks(prisma, settings.publicUrl);
  return {
    async notifyCaseClosed(input) {
      const kase = await prisma.case.findUnique({ where: { id: input.caseId }, include: { child: true } });
      if (!kase) throw ApplicationFailure.nonRetryable(`Case ${input.caseId} is not recorded`, 'CaseNotFound');
      const about = async (recipient: Officer): Promise<CaseClosedFacts> => ({
        recipientName: recipient.name,
        caseId: kase.id,
        ...(kase.child ? { childFullName: kase.child.fullName } : {}),
        desa: kase.desa,
        kecamatan: kase.kecamatan,
        outcome: input.outcome,
        ...(input.closeReason ? { closeReason: input.closeReason } : {}),
        ...(kase.enrolledSchoolName ? { schoolName: kase.enrolledSchoolName } : {}),
        myTasksLink: await links.myTasks(recipient.id),
        language: emailLanguage(recipient.language),
      });

      const undeliverable: string[] = [];
      const send = async (key: string, recipient: Officer, render: (facts: CaseClosedFacts) => RenderedEmail): Promise<void> => {
        if (await alreadySent(prisma, key)) return;
        try {
          await deliverOnce(prisma, mailer, { idempotencyKey: key, kind: 'CASE_CLOSED', caseId: kase.id, recipient, email: render(await about(recipient)) });
        } catch (error) {
          if (!(error instanceof UndeliverableEmailError)) throw error;
          undeliverable.push(recipient.id);
        }
      };

      const tasksByOfficer = new Map<string, TaskType[]>();
      for (const task of input.cancelledTasks) tasksByOfficer.set(task.officerId, [...(tasksByOfficer.get(task.officerId) ?? []), task.type]);
      for (const [officerId, cancelledTasks] of tasksByOfficer) {
        const officer = await prisma.officer.findUnique({ where: { id: officerId } });
        if (officer) await send(`${kase.id}/CASE_CLOSED/tasks/${officerId}`, officer, (facts) => tasksCancelledEmail({ ...facts, cancelledTasks }));
      }
      const coordinator = await closestOfficer(prisma, { agency: 'DISDIKBUD', role: 'COORDINATOR' }, { kecamatan: kase.kecamatan, desa: kase.desa });
      if (coordinator) await send(`${kase.id}/CASE_CLOSED/outcome/${coordinator.id}`, coordinator, caseOutcomeEmail);
      return { undeliverable };
    },
  };
}
