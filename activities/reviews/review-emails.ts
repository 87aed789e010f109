import { DUPLICATE_REVIEW_DEADLINE } from '../../domain/duplicate-review.js';
import { scheduleFromRule } from '../../domain/deadline-policy.js';
import { duplicateReviewEmail, type DuplicateReviewEmailKind } from '../../emails/duplicate-review.js';
import type { Officer } from '../../generated/prisma/client.js';
import { UndeliverableEmailError } from '../../infra/mailer.js';
import { alreadySent, deliverOnce } from '../email-delivery.js';
import { closestOfficer } from '../officer-directory.js';
import type { ReviewActivities, ReviewLadderStep } from './contract.js';
import type { ReviewActivityDeps } from './deps.js';

/**
 * The review goes to the kecamatan's coordinator (Disdikbud); reminders go to them too, escalations to the
 * head of Disdikbud (or the coordinator again where the directory has no head). Each email once per key.
 */
export function reviewEmailActivities({ prisma, mailer, settings }: ReviewActivityDeps): Pick<ReviewActivities, 'openReview' | 'sendReviewEmail'> {
  async function send(reviewId: string, kind: DuplicateReviewEmailKind, step: number, recipient: Officer): Promise<boolean> {
    const key = `${reviewId}/${kind}/${step}`;
    if (await alreadySent(prisma, key)) return false;
    const review = await prisma.duplicateReview.findUniqueOrThrow({ where: { id: reviewId } });
    if (review.status !== 'PENDING' || !review.dueAt) return false;
    const email = duplicateReviewEmail({
      kind,
      recipientName: recipient.name,
      reviewId,
      kecamatan: review.kecamatan,
      desa: review.desa,
      candidateCount: review.candidateCaseIds.length,
      dueAt: review.dueAt.getTime(),
      reviewLink: `${settings.publicUrl}/tinjauan-duplikat/${encodeURIComponent(reviewId)}`,
    });
    try {
      await deliverOnce(prisma, mailer, { idempotencyKey: key, kind: `DUPLICATE_REVIEW_${kind}`, caseId: reviewId, recipient, email });
      return true;
    } catch (error) {
      // A bouncing address must not stop the review: it stays in the coordinators' list, and the ladder goes on.
      if (error instanceof UndeliverableEmailError) return false;
      throw error;
    }
  }

  return {
    async openReview({ reviewId, kecamatan, desa, openedAt }) {
      const area = { kecamatan, desa };
      const coordinator = await closestOfficer(prisma, { agency: 'DISDIKBUD', role: 'COORDINATOR' }, area);
      const head = await closestOfficer(prisma, { agency: 'DISDIKBUD', role: 'HEAD' }, area);
      const schedule = scheduleFromRule(settings.calendar, DUPLICATE_REVIEW_DEADLINE, openedAt);
      await prisma.duplicateReview.update({ where: { id: reviewId }, data: { dueAt: new Date(schedule.dueAt) } });
      if (coordinator) await send(reviewId, 'ASSIGNED', 0, coordinator);

      const ladder: ReviewLadderStep[] = [];
      if (coordinator) for (const at of schedule.reminders) ladder.push({ kind: 'REMINDER', at, level: 0, recipientOfficerId: coordinator.id });
      const escalateTo = head ?? coordinator;
      if (escalateTo) {
        for (const step of schedule.escalations) ladder.push({ kind: 'ESCALATION', at: step.at, level: step.level, recipientOfficerId: escalateTo.id });
      }
      ladder.sort((a, b) => a.at - b.at);
      return { dueAt: schedule.dueAt, ...(coordinator ? { coordinatorId: coordinator.id } : {}), ladder };
    },

    async sendReviewEmail({ reviewId, kind, step, recipientOfficerId }) {
      const recipient = await prisma.officer.findUnique({ where: { id: recipientOfficerId } });
      if (!recipient) return { sent: false };
      return { sent: await send(reviewId, kind, step, recipient) };
    },
  };
}
