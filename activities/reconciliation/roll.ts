import { nikKeyHash } from '../../infra/case-identity.js';
import type { ReconciliationActivities } from './contract.js';
import type { ReconciliationDeps } from './deps.js';

export function rollActivities({ prisma, dapodik, settings }: ReconciliationDeps): Pick<ReconciliationActivities, 'stageRollPage'> {
  return {
    /** The roll is kept by NIK hash only: the comparison needs no more, and the staging table holds no NIK. */
    async stageRollPage({ runId, kecamatan, page, pageSize }) {
      const answer = await dapodik.listPupils({ kecamatan, page, pageSize });
      await prisma.reconciliationRollEntry.createMany({
        data: answer.items.map((pupil) => ({
          runId,
          nikHash: nikKeyHash(pupil.nik, settings.caseKeySecret),
          kecamatan,
          status: pupil.status,
          exitType: pupil.status === 'EXITED' ? pupil.exitType : null,
          exitDate: pupil.status === 'EXITED' ? pupil.exitDate : null,
          npsn: pupil.npsn,
          schoolName: pupil.schoolName,
          level: pupil.level,
          grade: pupil.grade,
        })),
        skipDuplicates: true,
      });
      return { pupils: answer.items.length, lastPage: page * pageSize >= answer.total };
    },
  };
}
