import type { ChainedEvent } from '../../activities/event-chain.js';
import { verifyChain } from '../../activities/event-chain.js';
import type { Principal } from '../../domain/access.js';
import type { HistoryEntry } from '../../domain/case-history.js';
import type { ReplayVerdict, WorkflowReplayer } from '../../infra/workflow-replay.js';
import { maskIdentityNumbers, type CaseRecord } from './case-record.js';

export const EXPORT_FORMAT = 'ats-kutim/case-export@1';

/** What an export carries: the whole record of one case and the checks made on it when it was taken. */
export interface CaseExportRecord {
  format: typeof EXPORT_FORMAT;
  caseId: string;
  exportedAt: string;
  exportedBy: { kind: Principal['kind']; id: string; name: string; role: Principal['role'] };
  chain: { valid: boolean; events: number; headHash?: string; failure?: { sequence: number; problem: string } };
  runs: { runId: string; startedAt: string; status: string; replay: ReplayVerdict; history: unknown[] }[];
  history: HistoryEntry[];
  events: ChainedEvent[];
}

/** Assembles the export; the chain is recomputed from the stored rows and every run is replayed. */
export async function caseExportRecord(
  record: CaseRecord,
  replayer: WorkflowReplayer,
  exportedBy: Principal,
  masked: boolean,
  now: Date = new Date(),
): Promise<CaseExportRecord> {
  const verdict = verifyChain(record.events);
  const runs = [];
  for (const run of record.runs) {
    runs.push({
      runId: run.runId,
      startedAt: run.startedAt,
      status: run.status,
      replay: await replayer.replay(run.history, run.workflowId),
      history: masked ? (maskIdentityNumbers(run.events) as unknown[]) : run.events,
    });
  }
  return {
    format: EXPORT_FORMAT,
    caseId: record.caseId,
    exportedAt: now.toISOString(),
    exportedBy: { kind: exportedBy.kind, id: exportedBy.id, name: exportedBy.name, role: exportedBy.role },
    chain: verdict.valid
      ? { valid: true, events: record.events.length, headHash: verdict.headHash }
      : { valid: false, events: record.events.length, failure: { sequence: verdict.sequence, problem: verdict.problem } },
    runs,
    history: record.entries,
    events: record.events,
  };
}
