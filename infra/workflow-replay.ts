import type { DataConverter } from '@temporalio/common';
import type { HistoryAndWorkflowId } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { WORKFLOW_BUNDLE_SOURCES } from '../worker/worker.js';

/** Whether a recorded history replays against the current workflow code, and where it parts from it if not. */
export interface ReplayVerdict {
  deterministic: boolean;
  events: number;
  /** The SDK's description of the first command that differs (command kinds and sequence numbers, no payloads). */
  divergence?: string;
}

export interface WorkflowReplayerOptions {
  /** The case data converter: recorded payloads are encrypted and failures encoded. */
  dataConverter: DataConverter;
  /** A bundle built from WORKFLOW_BUNDLE_SOURCES; without it the current workflows are bundled once, on first use. */
  workflowBundlePath?: string;
}

/**
 * Replays recorded case histories against the workflow code this process carries, the check that
 * running cases survive a deployment. For one case only a determinism violation counts as a
 * divergence; any other replay failure (an unknown key, a corrupt history) is an operator's
 * problem and throws. A batch reports every failure with its kind, so one bad history does not
 * hide the verdicts on the others.
 */
export class WorkflowReplayer {
  private bundle?: Promise<ReplayWorkerOptions['workflowBundle']>;

  constructor(private readonly options: WorkflowReplayerOptions) {}

  async replay(history: unknown, workflowId: string): Promise<ReplayVerdict> {
    const events = eventCount(history);
    try {
      await Worker.runReplayHistory(await this.workerOptions(), history, workflowId);
      return { deterministic: true, events };
    } catch (error) {
      if (error instanceof DeterminismViolationError) return { deterministic: false, events, divergence: error.message };
      throw error;
    }
  }

  /** Replays many histories with one replay worker; yields each workflow's verdict as it is known. */
  async *replayAll(histories: AsyncIterable<HistoryAndWorkflowId>): AsyncGenerator<{ workflowId: string; verdict: ReplayVerdict }> {
    const eventsOf = new Map<string, number>();
    async function* counted(): AsyncGenerator<HistoryAndWorkflowId> {
      for await (const item of histories) {
        eventsOf.set(item.workflowId, eventCount(item.history));
        yield item;
      }
    }
    for await (const result of Worker.runReplayHistories(await this.workerOptions(), counted())) {
      const events = eventsOf.get(result.workflowId) ?? 0;
      if (!result.error) {
        yield { workflowId: result.workflowId, verdict: { deterministic: true, events } };
      } else {
        yield { workflowId: result.workflowId, verdict: { deterministic: false, events, divergence: `${result.error.name}: ${result.error.message}` } };
      }
    }
  }

  private async workerOptions(): Promise<ReplayWorkerOptions> {
    this.bundle ??= this.options.workflowBundlePath
      ? Promise.resolve({ codePath: this.options.workflowBundlePath })
      : bundleWorkflowCode({ ...WORKFLOW_BUNDLE_SOURCES, logger: new DefaultLogger('WARN') });
    return { workflowBundle: await this.bundle, dataConverter: this.options.dataConverter, replayName: 'case-replay' };
  }
}

function eventCount(history: unknown): number {
  const events = (history as { events?: unknown[] } | null)?.events;
  return Array.isArray(events) ? events.length : 0;
}
