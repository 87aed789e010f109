import { ApplicationFailure } from '@temporalio/common';
import { openKeyOf } from '../domain/case-health.js';
import { caseAttentionEmail } from '../emails/case-attention.js';
import { Prisma } from '../generated/prisma/client.js';
import { UndeliverableEmailError } from '../infra/mailer.js';
import type { CaseActivities } from './contract.js';
import type { ActivityDeps } from './deps.js';
import { alreadySent, deliverOnce } from './email-delivery.js';
import { closestOfficer } from './officer-directory.js';

const KIND = 'WAITING_ON_SYSTEM';
/** The most cases one digest lists; the others lead digests of their own. */
const DIGEST_MAX_CASES = 100;

interface DigestCase {
  caseId: string;
  reason: string;
  since: Date;
}

/**
 * A case held up by a fault of our own system is listed as needing attention (a case-health violation,
 * counted on the dashboard and the admin page) and the district's admins and the kecamatan's Disdikbud
 * coordinator are told. Many cases of a kecamatan usually stall together (an empty officer directory),
 * so they hear of them in digests. A case whose alert falls due claims, in one statement, itself and
 * every other case of its kecamatan nobody has told of yet, and leads that digest. Every case is claimed
 * once, so it is in exactly one digest, and the leader's retries send the same digest to whoever is
 * still to get it.
 */
export function caseAttentionActivities({ prisma, mailer, settings }: ActivityDeps): Pick<CaseActivities, 'reportCaseNeedsAttention' | 'clearCaseNeedsAttention'> {
  return {
    async reportCaseNeedsAttention({ caseId, reason, since }) {
      const kase = await prisma.case.findUnique({ where: { id: caseId }, select: { kecamatan: true, desa: true } });
      if (!kase) throw ApplicationFailure.retryable(`Case ${caseId} is not recorded yet`, 'CaseNotYetRecorded');
      const openKey = openKeyOf(caseId, { kind: KIND, subject: '' });
      const violation = await prisma.caseHealthViolation.upsert({
        where: { openKey },
        create: { caseId, kind: KIND, subject: '', openKey, detail: { reason }, firstSeenAt: new Date(since), lastSeenAt: new Date() },
        update: { lastSeenAt: new Date() },
      });
      const admins = await prisma.staffUser.findMany({ where: { role: 'ADMIN', disabledAt: null }, orderBy: { id: 'asc' } });
      const coordinator = await closestOfficer(prisma, { agency: 'DISDIKBUD', role: 'COORDINATOR' }, kase);
      // Without anyone to tell, the case stays untold: the watchdog's email reaches the first admin there is.
      if (admins.length === 0 && !coordinator) return;

      if (!violation.notifiedAt) await claimUntold(kase.kecamatan, violation.id);
      // What this case leads: just claimed, or claimed by an attempt of this activity that did not finish sending.
      const cases = await digestLedBy(violation.id);
      const digest = (recipient: { id: string; name: string; email: string }, link: string, linkNote: string) => ({
        idempotencyKey: `case-attention/${violation.id}/${recipient.id}`,
        kind: 'CASE_ATTENTION',
        recipient,
        email: caseAttentionEmail({ recipientName: recipient.name, kecamatan: kase.kecamatan, cases, link, linkNote }),
      });
      const digests = [
        ...admins.map((admin) => digest(admin, `${settings.publicUrl}/admin#kesehatan-kasus`, 'Halaman ini memerlukan masuk dengan akun admin.')),
        ...(coordinator ? [digest(coordinator, `${settings.publicUrl}/dasbor`, 'Halaman ini memerlukan masuk dengan akun staf.')] : []),
      ];
      for (const delivery of cases.length > 0 ? digests : []) {
        if (await alreadySent(prisma, delivery.idempotencyKey)) continue;
        try {
          await deliverOnce(prisma, mailer, delivery);
        } catch (error) {
          // An address that bounces must not keep the others from hearing of it; the dashboard still counts the cases.
          if (!(error instanceof UndeliverableEmailError)) throw error;
        }
      }
      const told = await prisma.caseHealthViolation.findUniqueOrThrow({ where: { id: violation.id }, select: { notifiedAt: true } });
      // Another digest was claiming this case at that moment, or this one was full: the next attempt finds it told, or leads.
      if (!told.notifiedAt) throw ApplicationFailure.retryable('This case is in no digest yet', 'CaseAttentionDigestPending');
    },

    async clearCaseNeedsAttention({ caseId }) {
      await prisma.caseHealthViolation.updateMany({
        where: { caseId, kind: KIND, resolvedAt: null },
        data: { resolvedAt: new Date(), openKey: null },
      });
    },
  };

  /** Marks the kecamatan's untold cases, this one first, as told in the digest `digest` leads; a case another digest is claiming is skipped. */
  async function claimUntold(kecamatan: string, digest: string): Promise<void> {
    await prisma.$executeRaw(Prisma.sql`
      UPDATE case_health_violations v
         SET notified_at = now(), detail = v.detail || jsonb_build_object('digest', ${digest}::text)
       WHERE v.id IN (
         SELECT u.id FROM case_health_violations u JOIN cases c ON c.id = u.case_id
          WHERE u.kind = ${KIND} AND u.resolved_at IS NULL AND u.notified_at IS NULL AND c.kecamatan = ${kecamatan}
          ORDER BY (u.id = ${digest}) DESC, u.first_seen_at, u.id
          LIMIT ${DIGEST_MAX_CASES}
          FOR UPDATE OF u SKIP LOCKED)`);
  }

  async function digestLedBy(digest: string): Promise<DigestCase[]> {
    const rows = await prisma.$queryRaw<{ case_id: string; detail: { reason?: unknown }; first_seen_at: Date }[]>(Prisma.sql`
      SELECT case_id, detail, first_seen_at FROM case_health_violations
       WHERE kind = ${KIND} AND detail->>'digest' = ${digest}
       ORDER BY first_seen_at, case_id`);
    return rows.map((row) => ({ caseId: row.case_id, reason: String(row.detail.reason ?? 'Unknown'), since: row.first_seen_at }));
  }
}
