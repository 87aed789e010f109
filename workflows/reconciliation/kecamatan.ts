import { ActivityFailure, ApplicationFailure, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { addCounts, type KecamatanCounts, zeroCounts } from '../../domain/reconciliation.js';
import { courtesy, records, registryPages } from './activities.js';
import {
  getKecamatanProgressQuery,
  type KecamatanProgress,
  type KecamatanReconciliationInput,
  type KecamatanResult,
} from './messages.js';

/** The school roll first (staged for the comparisons), then the civil registry, then Dinsos's poorest households. */
const PHASES = ['ROLL', 'RESIDENTS', 'WELFARE'] as const;

/** Well below Temporal's limits; a kecamatan of a hundred thousand children fits in a few runs. */
const HISTORY_EVENTS_BEFORE_CONTINUE = 2_000;

/**
 * One kecamatan: read its school roll page by page, then its school-age residents page by page, each
 * page compared with the roll and the cases, then (when configured) Dinsos's poorest households. Progress lives in workflow state, so a crash resumes at the
 * next page, and a long kecamatan continues as new with it.
 */
export async function kecamatanReconciliationWorkflow(input: KecamatanReconciliationInput): Promise<KecamatanResult> {
  const { runId, kecamatan, pageSize, autoStart, welfareMaxDecile } = input;
  const p: KecamatanProgress = input.progress ?? { phase: 'ROLL', nextPage: 1, pagesRead: 0, counts: zeroCounts() };
  setHandler(getKecamatanProgressQuery, () => p);
  const save = (status: 'RUNNING' | 'COMPLETED' | 'REGISTRY_ERROR', error?: string) =>
    records.saveKecamatanResult({ runId, kecamatan, status, counts: p.counts, pagesRead: p.pagesRead, ...(error ? { error } : {}) });

  try {
    for (;;) {
      const page = { runId, kecamatan, pageSize, page: p.nextPage };
      const counted = ({ counts, lastPage }: { counts: Partial<KecamatanCounts>; lastPage: boolean }) => {
        p.counts = addCounts(p.counts, counts);
        return lastPage;
      };
      const lastPage =
        p.phase === 'ROLL'
          ? (await registryPages.stageRollPage(page)).lastPage
          : p.phase === 'RESIDENTS'
            ? counted(await registryPages.reconcileResidentPage({ ...page, autoStart }))
            : counted(await registryPages.flagWelfarePage({ ...page, maxDecile: welfareMaxDecile! }));
      p.pagesRead += 1;
      const next = lastPage ? PHASES[PHASES.indexOf(p.phase) + 1] : p.phase;
      if (next === 'WELFARE' && welfareMaxDecile === undefined) break;
      if (next === undefined) break;
      if (lastPage) Object.assign(p, { phase: next, nextPage: 1 });
      else p.nextPage += 1;
      await save('RUNNING');
      const { continueAsNewSuggested, historyLength } = workflowInfo();
      if (continueAsNewSuggested || historyLength > HISTORY_EVENTS_BEFORE_CONTINUE) {
        await continueAsNew<typeof kecamatanReconciliationWorkflow>({ ...input, progress: p });
      }
    }
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    p.counts.registryErrors += 1;
    await save('REGISTRY_ERROR', failureText(error));
    return { kecamatan, status: 'REGISTRY_ERROR', counts: p.counts };
  }

  await save('COMPLETED');
  if (!autoStart && p.counts.newCandidates > 0) {
    await courtesy.notifyCoordinatorOfCandidates({ runId, kecamatan, newCandidates: p.counts.newCandidates }).catch(() => undefined);
  }
  if (p.counts.atRiskHouseholds > 0) await courtesy.notifyOutreachOfficers({ runId, kecamatan }).catch(() => undefined);
  return { kecamatan, status: 'COMPLETED', counts: p.counts };
}

/** Which registry failed and how: the adapters' messages name the registry and the status, never a record. */
function failureText(error: ActivityFailure): string {
  const cause = error.cause;
  if (cause instanceof ApplicationFailure) return `${cause.type ?? 'ApplicationFailure'}: ${cause.message}`.slice(0, 300);
  return `${error.activityType ?? 'activity'} failed`;
}
