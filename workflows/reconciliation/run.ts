import { ChildWorkflowFailure, executeChild, workflowInfo } from '@temporalio/workflow';
import type { RunSettings } from '../../activities/reconciliation/contract.js';
import { zeroCounts } from '../../domain/reconciliation.js';
import { records } from './activities.js';
import { kecamatanReconciliationWorkflow } from './kecamatan.js';
import { kecamatanWorkflowId, type KecamatanResult, type ReconciliationInput, type ReconciliationSummary } from './messages.js';

/** Kecamatan reconciled at the same time: enough to finish overnight, few enough to spare the registries. */
const KECAMATAN_IN_PARALLEL = 3;

/**
 * One reconciliation, usually started by the nightly schedule: every kecamatan in a child workflow of
 * its own, so that a registry outage in one loses nothing of the others, then one record of the run.
 */
export async function reconciliationWorkflow(input: ReconciliationInput = {}): Promise<ReconciliationSummary> {
  const runId = workflowInfo().workflowId;
  const settings = await records.beginReconciliationRun({
    runId,
    trigger: input.trigger ?? 'MANUAL',
    startedAt: Date.now(),
    ...(input.kecamatan ? { kecamatan: input.kecamatan } : {}),
  });

  const waiting = [...settings.kecamatan];
  const results: KecamatanResult[] = [];
  const lane = async () => {
    for (let kecamatan = waiting.shift(); kecamatan !== undefined; kecamatan = waiting.shift()) {
      results.push(await reconcileKecamatan(runId, kecamatan, settings));
    }
  };
  await Promise.all(Array.from({ length: KECAMATAN_IN_PARALLEL }, lane));

  const { status } = await records.finishReconciliationRun({ runId, finishedAt: Date.now() });
  results.sort((a, b) => a.kecamatan.localeCompare(b.kecamatan));
  return { runId, status, results };
}

async function reconcileKecamatan(runId: string, kecamatan: string, settings: RunSettings): Promise<KecamatanResult> {
  const { autoStart, pageSize, welfareOutreach, maxDecile } = settings;
  try {
    return await executeChild(kecamatanReconciliationWorkflow, {
      workflowId: kecamatanWorkflowId(runId, kecamatan),
      args: [{ runId, kecamatan, autoStart, pageSize, ...(welfareOutreach ? { welfareMaxDecile: maxDecile } : {}) }],
    });
  } catch (error) {
    // The child records its registry errors itself; this is for anything else that stopped it.
    if (!(error instanceof ChildWorkflowFailure)) throw error;
    const counts = { ...zeroCounts(), registryErrors: 1 };
    await records.saveKecamatanResult({ runId, kecamatan, status: 'REGISTRY_ERROR', counts, pagesRead: 0, error: 'the kecamatan workflow failed' });
    return { kecamatan, status: 'REGISTRY_ERROR', counts };
  }
}
