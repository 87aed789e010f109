import type { Client } from '@temporalio/client';
import { judgeCase, openKeyOf, SELF_REPORTED_KINDS, type ViolationKind } from '../../domain/case-health.js';
import { caseHealthEmail } from '../../emails/case-health.js';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { type Mailer, UndeliverableEmailError } from '../../infra/mailer.js';
import type { WatchdogActivities } from '../../workflows/watchdog-messages.js';
import { alreadySent, deliverOnce } from '../email-delivery.js';
import { observeOpenCases } from './case-observation.js';

export interface WatchdogDeps {
  prisma: PrismaClient;
  /** A client with the case data converter: the watchdog lists, describes and queries case workflows. */
  temporal: Client;
  mailer: Mailer;
  settings: { publicUrl: string; pageSize?: number };
}

/** Open cases per page: one visibility query and one database read each. */
const DEFAULT_PAGE_SIZE = 200;
/** The most violations one email lists; the rest follow in the next run's email. */
const EMAIL_MAX_VIOLATIONS = 100;

export function createWatchdogActivities({ prisma, temporal, mailer, settings }: WatchdogDeps): WatchdogActivities {
  return {
    async checkCasePage({ after, seenAt }) {
      const size = settings.pageSize ?? DEFAULT_PAGE_SIZE;
      const seen = new Date(seenAt);
      const page = await observeOpenCases({ prisma, temporal }, { ...(after === undefined ? {} : { after }), size });
      let found = 0;
      for (const observation of page.observations) {
        for (const finding of judgeCase(observation, seen)) {
          found += 1;
          const openKey = openKeyOf(observation.caseId, finding);
          const detail = finding.detail as Prisma.InputJsonValue;
          await prisma.caseHealthViolation.upsert({
            where: { openKey },
            create: { caseId: observation.caseId, kind: finding.kind, subject: finding.subject, openKey, detail, firstSeenAt: seen, lastSeenAt: seen },
            update: { lastSeenAt: seen, detail },
          });
        }
      }
      return {
        checked: page.observations.length,
        found,
        ...(page.observations.length === size && page.lastCaseId ? { nextAfter: page.lastCaseId } : {}),
      };
    },

    async resolveUnseenViolations({ seenAt }) {
      const { count } = await prisma.caseHealthViolation.updateMany({
        where: { resolvedAt: null, lastSeenAt: { lt: new Date(seenAt) }, kind: { notIn: [...SELF_REPORTED_KINDS] } },
        data: { resolvedAt: new Date(), openKey: null },
      });
      return { resolved: count };
    },

    async notifyAdminsOfViolations({ runId }) {
      const violations = await prisma.caseHealthViolation.findMany({
        where: { resolvedAt: null, notifiedAt: null },
        orderBy: [{ firstSeenAt: 'asc' }, { id: 'asc' }],
        take: EMAIL_MAX_VIOLATIONS,
        select: { id: true, caseId: true, kind: true, firstSeenAt: true, case: { select: { kecamatan: true } } },
      });
      if (violations.length === 0) return { emailed: 0, violations: 0 };
      const admins = await prisma.staffUser.findMany({ where: { role: 'ADMIN', disabledAt: null }, orderBy: { id: 'asc' } });
      // Without an admin nobody is told; the violations wait for the first admin's email.
      if (admins.length === 0) return { emailed: 0, violations: violations.length };
      const email = (adminName: string) =>
        caseHealthEmail({
          adminName,
          violations: violations.map((v) => ({ caseId: v.caseId, kind: v.kind as ViolationKind, kecamatan: v.case.kecamatan, firstSeenAt: v.firstSeenAt })),
          link: `${settings.publicUrl}/admin#kesehatan-kasus`,
        });
      for (const admin of admins) {
        const idempotencyKey = `${runId}/case-health/${admin.id}`;
        // A retried activity sends nothing twice; the violations are marked told only after every admin's email went.
        if (await alreadySent(prisma, idempotencyKey)) continue;
        try {
          await deliverOnce(prisma, mailer, { idempotencyKey, kind: 'CASE_HEALTH', recipient: admin, email: email(admin.name) });
        } catch (error) {
          // An admin whose address bounces (logged FAILED) must not keep the others from hearing of it.
          if (!(error instanceof UndeliverableEmailError)) throw error;
        }
      }
      await prisma.caseHealthViolation.updateMany({ where: { id: { in: violations.map((v) => v.id) } }, data: { notifiedAt: new Date() } });
      return { emailed: admins.length, violations: violations.length };
    },
  };
}
