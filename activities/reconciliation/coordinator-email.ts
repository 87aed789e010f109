import { kecamatanName } from '../../domain/kecamatan.js';
import { emailLanguage } from '../../emails/language.js';
import { reconciliationCandidatesEmail } from '../../emails/reconciliation-candidates.js';
import { alreadySent, deliverOnce } from '../email-delivery.js';
import type { ReconciliationActivities } from './contract.js';
import type { ReconciliationDeps } from './deps.js';

export function coordinatorEmailActivities({ prisma, mailer, settings }: ReconciliationDeps): Pick<ReconciliationActivities, 'notifyCoordinatorOfCandidates'> {
  return {
    /** One email per coordinator of the kecamatan (or of the whole district when the kecamatan has none), per run. */
    async notifyCoordinatorOfCandidates({ runId, kecamatan, newCandidates }) {
      const own = await prisma.officer.findMany({ where: { agency: 'DISDIKBUD', role: 'COORDINATOR', active: true, kecamatan }, orderBy: { id: 'asc' } });
      const coordinators = own.length > 0
        ? own
        : await prisma.officer.findMany({ where: { agency: 'DISDIKBUD', role: 'COORDINATOR', active: true, kecamatan: null }, orderBy: { id: 'asc' } });
      const waiting = await prisma.reconciliationCandidate.count({ where: { kecamatan, status: 'OPEN' } });
      for (const coordinator of coordinators) {
        const idempotencyKey = `${runId}/${kecamatan}/candidates/${coordinator.id}`;
        // A retried activity sends nothing twice.
        if (await alreadySent(prisma, idempotencyKey)) continue;
        await deliverOnce(prisma, mailer, {
          idempotencyKey,
          kind: 'RECONCILIATION_CANDIDATES',
          recipient: coordinator,
          email: reconciliationCandidatesEmail({
            language: emailLanguage(coordinator.language),
            coordinatorName: coordinator.name,
            kecamatanName: kecamatanName(kecamatan),
            newCandidates,
            waiting,
            link: `${settings.publicUrl}/rekonsiliasi?kecamatan=${kecamatan}`,
          }),
        });
      }
      return { sent: coordinators.length };
    },
  };
}
