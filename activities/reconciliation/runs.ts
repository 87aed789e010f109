import { KECAMATAN_CODES } from '../../domain/kecamatan.js';
import type { ReconciliationActivities } from './contract.js';
import type { ReconciliationDeps } from './deps.js';

type RunActivities = Pick<ReconciliationActivities, 'beginReconciliationRun' | 'saveKecamatanResult' | 'finishReconciliationRun'>;

export function runActivities({ prisma, settings }: ReconciliationDeps): RunActivities {
  return {
    async beginReconciliationRun({ runId, trigger, startedAt, kecamatan }) {
      const covered = kecamatan?.length ? KECAMATAN_CODES.filter((code) => kecamatan.includes(code)) : [...KECAMATAN_CODES];
      // A retried start finds its own row and keeps it: the run started once.
      await prisma.reconciliationRun.upsert({
        where: { id: runId },
        create: { id: runId, trigger, status: 'RUNNING', autoStart: settings.autoStart, startedAt: new Date(startedAt) },
        update: {},
      });
      const run = await prisma.reconciliationRun.findUniqueOrThrow({ where: { id: runId } });
      return {
        kecamatan: covered,
        autoStart: run.autoStart,
        pageSize: settings.pageSize,
        welfareOutreach: settings.welfareOutreach,
        maxDecile: settings.welfareMaxDecile,
      };
    },

    async saveKecamatanResult({ runId, kecamatan, status, counts, pagesRead, error }) {
      const fields = { status, ...counts, pagesRead, error: error ?? null };
      await prisma.reconciliationResult.upsert({
        where: { runId_kecamatan: { runId, kecamatan } },
        create: { runId, kecamatan, ...fields },
        update: fields,
      });
    },

    async finishReconciliationRun({ runId, finishedAt }) {
      const failed = await prisma.reconciliationResult.count({ where: { runId, status: { not: 'COMPLETED' } } });
      const status = failed > 0 ? 'PARTIAL' : 'COMPLETED';
      await prisma.$transaction([
        prisma.reconciliationRun.update({ where: { id: runId }, data: { status, finishedAt: new Date(finishedAt) } }),
        prisma.reconciliationRollEntry.deleteMany({ where: { runId } }),
      ]);
      return { status };
    },
  };
}
