import { ApplicationFailure } from '@temporalio/common';
import { scheduleFromRule } from '../../domain/deadline-policy.js';
import { kecamatanName } from '../../domain/kecamatan.js';
import { witaDay } from '../../domain/period.js';
import { CANDIDATE_REVIEW_DEADLINE } from '../../domain/reconciliation.js';
import { candidateReviewEmail } from '../../emails/candidate-review.js';
import { emailLanguage } from '../../emails/language.js';
import { UndeliverableEmailError } from '../../infra/mailer.js';
import { claimDelivery, deliverOnce } from '../email-delivery.js';
import { closestOfficer } from '../officer-directory.js';
import type { CandidateReviewRung, ReconciliationActivities } from './contract.js';
import type { ReconciliationDeps, ReconciliationSettings } from './deps.js';

type LadderActivities = Pick<ReconciliationActivities, 'openCandidateReview' | 'sendCandidateReviewEmail'>;

/** Longer than one attempt of the activity (one minute): a claim this old lost its sender. */
const CLAIM_LEASE_MS = 2 * 60_000;

/** What the ladder reaches: no registry, no Temporal. */
export type LadderDeps = Pick<ReconciliationDeps, 'prisma' | 'mailer' | 'now'> & { settings: Pick<ReconciliationSettings, 'publicUrl' | 'calendar'> };

/**
 * A candidate waits for the kecamatan's coordinator (Disdikbud) with a deadline; reminders go to them,
 * escalations to the head of Disdikbud (or the coordinator again where the directory has no head). The
 * run's digest already told the coordinator of new candidates, so opening sends nothing.
 *
 * A run raises children by the dozen in one kecamatan, and their ladders reach each rung at the same
 * moment. Each review records its own rung on its candidate row (idempotently, for the list), but the
 * email is one digest per kecamatan, kind, recipient and WITA day: whichever review gets there first
 * claims it and counts all of the kecamatan's waiting children, the others find it claimed. So a
 * coordinator gets at most one reminder a day per kecamatan, however many children wait.
 */

export function reviewLadderActivities(deps: LadderDeps): LadderActivities {
  const { prisma, mailer, settings } = deps;
  const now = deps.now ?? (() => new Date());
  return {
    async openCandidateReview({ candidateId, kecamatan, openedAt }) {
      const candidate = await prisma.reconciliationCandidate.findUnique({ where: { id: candidateId } });
      if (!candidate) throw ApplicationFailure.nonRetryable('the candidate does not exist', 'CandidateNotFound');
      const area = { kecamatan, desa: candidate.desa };
      const coordinator = await closestOfficer(prisma, { agency: 'DISDIKBUD', role: 'COORDINATOR' }, area);
      const escalateTo = (await closestOfficer(prisma, { agency: 'DISDIKBUD', role: 'HEAD' }, area)) ?? coordinator;
      // A deadline is a desk decision's, not a visit's: no travel days for remote kecamatan.
      const schedule = scheduleFromRule(settings.calendar, CANDIDATE_REVIEW_DEADLINE, openedAt);
      await prisma.reconciliationCandidate.update({ where: { id: candidateId }, data: { dueAt: new Date(schedule.dueAt) } });

      const ladder: CandidateReviewRung[] = [];
      if (coordinator) {
        schedule.reminders.forEach((at, index) => ladder.push({ kind: 'REMINDER', at, level: index + 1, recipientOfficerId: coordinator.id }));
      }
      if (escalateTo) {
        for (const { at, level } of schedule.escalations) ladder.push({ kind: 'ESCALATION', at, level, recipientOfficerId: escalateTo.id });
      }
      return { dueAt: schedule.dueAt, ladder: ladder.sort((a, b) => a.at - b.at) };
    },

    async sendCandidateReviewEmail({ candidateId, kecamatan, dueAt, rung }) {
      const rungField = rung.kind === 'REMINDER' ? 'remindersSent' : 'escalationLevel';
      await prisma.reconciliationCandidate.updateMany({
        where: { id: candidateId, status: 'OPEN', [rungField]: { lt: rung.level } },
        data: { [rungField]: rung.level },
      });
      const candidate = await prisma.reconciliationCandidate.findUnique({ where: { id: candidateId } });
      const recipient = await prisma.officer.findUnique({ where: { id: rung.recipientOfficerId } });
      if (candidate?.status !== 'OPEN' || !recipient?.active) return { sent: false };

      const waiting = { kecamatan, status: 'OPEN' };
      const [all, concerned] = await Promise.all([
        prisma.reconciliationCandidate.count({ where: waiting }),
        // The reminder counts the children due by this deadline; the escalation those whose deadline has passed.
        prisma.reconciliationCandidate.count({ where: { ...waiting, dueAt: { lte: new Date(rung.kind === 'REMINDER' ? dueAt : rung.at) } } }),
      ]);
      const language = emailLanguage(recipient.language);
      const day = witaDay(new Date(rung.at));
      const delivery = {
        idempotencyKey: `reconciliation-review/${kecamatan}/${rung.kind}/${recipient.id}/${day}`,
        kind: `RECONCILIATION_REVIEW_${rung.kind}`,
        recipient,
        email: candidateReviewEmail({
          kind: rung.kind,
          language,
          recipientName: recipient.name,
          kecamatanName: kecamatanName(kecamatan),
          dueAt,
          concerned,
          waiting: all,
          link: `${settings.publicUrl}/rekonsiliasi?kecamatan=${kecamatan}`,
        }),
      };
      if (!(await claimDelivery(prisma, delivery, CLAIM_LEASE_MS, now()))) return { sent: false };
      try {
        await deliverOnce(prisma, mailer, delivery);
        return { sent: true };
      } catch (error) {
        // A bouncing address must not stop the ladder: the children stay in the coordinators' list.
        if (error instanceof UndeliverableEmailError) return { sent: false };
        throw error;
      }
    },
  };
}
