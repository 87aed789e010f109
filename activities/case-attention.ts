import { ApplicationFailure } from '@temporalio/common';
import { openKeyOf } from '../domain/case-health.js';
import { caseAttentionEmail } from '../emails/case-attention.js';
import { UndeliverableEmailError } from '../infra/mailer.js';
import type { CaseActivities } from './contract.js';
import type { ActivityDeps } from './deps.js';
import { alreadySent, claimDelivery, deliverOnce, type Delivery } from './email-delivery.js';
import { closestOfficer } from './officer-directory.js';

const KIND = 'WAITING_ON_SYSTEM';
/** The most cases one digest lists; the others follow in the next. */
const DIGEST_MAX_CASES = 100;
/** Longer than any attempt of this activity: a digest whose sender vanished may be sent by another. */
const CLAIM_LEASE_MS = 60_000;

/**
 * A case held up by a fault of our own system is listed as needing attention (a case-health violation,
 * counted on the dashboard and the admin page) and the district's admins and the kecamatan's Disdikbud
 * coordinator are told. Many cases of a kecamatan usually stall together (an empty officer directory),
 * so they hear of them in digests: each lists the kecamatan's cases nobody has been told of yet, and
 * every case is in exactly one.
 */
export function caseAttentionActivities({ prisma, mailer, settings }: ActivityDeps): Pick<CaseActivities, 'reportCaseNeedsAttention' | 'clearCaseNeedsAttention'> {
  return {
    async reportCaseNeedsAttention({ caseId, reason, since }) {
      const kase = await prisma.case.findUnique({ where: { id: caseId }, select: { kecamatan: true, desa: true } });
      if (!kase) throw ApplicationFailure.retryable(`Case ${caseId} is not recorded yet`, 'CaseNotYetRecorded');
      const now = new Date();
      const openKey = openKeyOf(caseId, { kind: KIND, subject: '' });
      const violation = await prisma.caseHealthViolation.upsert({
        where: { openKey },
        create: { caseId, kind: KIND, subject: '', openKey, detail: { reason }, firstSeenAt: new Date(since), lastSeenAt: now },
        update: { lastSeenAt: now, detail: { reason } },
      });
      if (violation.notifiedAt) return;

      const untold = await prisma.caseHealthViolation.findMany({
        where: { kind: KIND, resolvedAt: null, notifiedAt: null, case: { kecamatan: kase.kecamatan } },
        orderBy: [{ firstSeenAt: 'asc' }, { id: 'asc' }],
        take: DIGEST_MAX_CASES,
      });
      const admins = await prisma.staffUser.findMany({ where: { role: 'ADMIN', disabledAt: null }, orderBy: { id: 'asc' } });
      const coordinator = await closestOfficer(prisma, { agency: 'DISDIKBUD', role: 'COORDINATOR' }, kase);
      const cases = untold.map((v) => ({ caseId: v.caseId, reason: String((v.detail as { reason?: unknown }).reason ?? 'Unknown'), since: v.firstSeenAt }));
      const digest = (recipient: { id: string; name: string; email: string }, link: string, linkNote: string): Delivery => ({
        // Keyed by the oldest case it lists: two cases stalling at once make one digest, not two.
        idempotencyKey: `case-attention/${kase.kecamatan}/${untold[0]!.id}/${recipient.id}`,
        kind: 'CASE_ATTENTION',
        recipient,
        email: caseAttentionEmail({ recipientName: recipient.name, kecamatan: kase.kecamatan, cases, link, linkNote }),
      });
      const digests = [
        ...admins.map((admin) => digest(admin, `${settings.publicUrl}/admin#kesehatan-kasus`, 'Halaman ini memerlukan masuk dengan akun admin.')),
        ...(coordinator ? [digest(coordinator, `${settings.publicUrl}/dasbor`, 'Halaman ini memerlukan masuk dengan akun staf.')] : []),
      ];
      // Without anyone to tell, the case stays untold: the watchdog's email reaches the first admin there is.
      if (digests.length === 0) return;

      for (const delivery of digests) {
        if (await alreadySent(prisma, delivery.idempotencyKey)) continue;
        if (!(await claimDelivery(prisma, delivery, CLAIM_LEASE_MS, now))) {
          // Another case of the kecamatan is sending this digest; a retry finds the case told, or leads the next digest.
          throw ApplicationFailure.retryable('Another digest of this kecamatan is being sent', 'CaseAttentionDigestBusy');
        }
        try {
          await deliverOnce(prisma, mailer, delivery);
        } catch (error) {
          // An address that bounces must not keep the others from hearing of it; the dashboard still counts the case.
          if (!(error instanceof UndeliverableEmailError)) throw error;
        }
      }
      await prisma.caseHealthViolation.updateMany({ where: { id: { in: untold.map((v) => v.id) } }, data: { notifiedAt: now } });
      if (!untold.some((v) => v.id === violation.id)) {
        throw ApplicationFailure.retryable('The digest was full before this case', 'CaseAttentionDigestFull');
      }
    },

    async clearCaseNeedsAttention({ caseId }) {
      await prisma.caseHealthViolation.updateMany({
        where: { caseId, kind: KIND, resolvedAt: null },
        data: { resolvedAt: new Date(), openKey: null },
      });
    },
  };
}
