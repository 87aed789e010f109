import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyTally, type ImportOutcome, type ImportProgress, type ImportTally } from '../../../domain/imports.js';
import { importProgressQuery, type ImportActivities, type ImportWorkflowInput } from '../../../workflows/import-messages.js';
import { WORKFLOW_BUNDLE_PATH } from '../../support/bundle.js';
import { testDataConverter } from '../../support/data-converter.js';
import { createTimeSkippingEnv } from '../../support/time-skipping.js';

/**
 * A stored import as the fake activities keep it: rows grouped in chunks, each row getting an
 * outcome once. The fakes count how many chunks run at the same time and how often each row is
 * processed, and can hold a chunk back or cut an attempt off halfway, as a dying worker would.
 */
class FakeImport {
  readonly rows: { rowNumber: number; chunk: number | null; outcome?: ImportOutcome; processedTimes: number }[] = [];
  inFlight = 0;
  maxInFlight = 0;
  attempts = new Map<number, number>();
  private readonly held = new Map<number, () => void>();
  private readonly holds = new Set<number>();
  crashOnce = new Set<number>();

  constructor(chunks: number, rowsPerChunk: number, rejectedOnUpload = 0) {
    let rowNumber = 2;
    for (let i = 0; i < rejectedOnUpload; i += 1) this.rows.push({ rowNumber: rowNumber++, chunk: null, outcome: 'REJECTED', processedTimes: 0 });
    for (let chunk = 0; chunk < chunks; chunk += 1) {
      for (let i = 0; i < rowsPerChunk; i += 1) this.rows.push({ rowNumber: rowNumber++, chunk, processedTimes: 0 });
    }
  }

  hold(chunk: number): void {
    this.holds.add(chunk);
  }

  release(chunk: number): void {
    this.holds.delete(chunk);
    this.held.get(chunk)?.();
  }

  private tally(filter: (row: FakeImport['rows'][number]) => boolean): ImportTally {
    const tally = emptyTally();
    for (const row of this.rows.filter(filter)) if (row.outcome) tally[row.outcome] += 1;
    return tally;
  }

  readonly activities: ImportActivities = {
    beginImport: async () => {
      const pendingChunks = [...new Set(this.rows.filter((r) => r.chunk !== null && !r.outcome).map((r) => r.chunk!))];
      return { totalRows: this.rows.length, pendingChunks, settled: this.tally((r) => r.chunk === null || !pendingChunks.includes(r.chunk)) };
    },
    importChunk: async ({ chunk }) => {
      this.attempts.set(chunk, (this.attempts.get(chunk) ?? 0) + 1);
      this.inFlight += 1;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      try {
        if (this.holds.has(chunk)) await new Promise<void>((resolve) => this.held.set(chunk, resolve));
        await new Promise((resolve) => setTimeout(resolve, 20));
        const pending = this.rows.filter((r) => r.chunk === chunk && !r.outcome);
        for (const [index, row] of pending.entries()) {
          if (this.crashOnce.has(chunk) && index === Math.floor(pending.length / 2)) {
            this.crashOnce.delete(chunk);
            throw new Error('worker lost in the middle of the chunk');
          }
          row.processedTimes += 1;
          row.outcome = row.rowNumber % 5 === 0 ? 'JOINED' : 'CREATED';
        }
        return this.tally((r) => r.chunk === chunk);
      } finally {
        this.inFlight -= 1;
      }
    },
    finishImport: async () => this.tally(() => true),
  };
}

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv(testDataConverter);
});
afterAll(async () => {
  await env?.teardown();
});

type ImportHandle = WorkflowHandle<(input: ImportWorkflowInput) => Promise<ImportProgress>>;

async function runImport(fake: FakeImport, concurrency: number, during?: (started: Promise<ImportHandle>) => Promise<void>) {
  const taskQueue = `imports-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH },
    dataConverter: testDataConverter,
    activities: fake.activities,
  });
  const start = (): Promise<ImportHandle> =>
    env.client.workflow.start('importWorkflow', {
      taskQueue,
      workflowId: `import-${randomUUID()}`,
      args: [{ batchId: randomUUID(), concurrency } satisfies ImportWorkflowInput],
    });
  return worker.runUntil(async () => {
    const handle = start();
    if (during) await during(handle);
    return (await handle).result();
  });
}

describe('importing a stored file chunk by chunk', () => {
  it('never runs more chunks at once than configured, and counts every row once', async () => {
    const fake = new FakeImport(12, 5, 3);
    const summary = await runImport(fake, 3);

    expect(fake.maxInFlight).toBe(3);
    expect(summary).toEqual({ status: 'DONE', total: 63, done: 63, tally: { ...emptyTally(), CREATED: 48, JOINED: 12, REJECTED: 3 } });
    expect(fake.rows.every((row) => row.chunk === null || row.processedTimes === 1)).toBe(true);
  });

  it('answers the progress query while chunks are still running', async () => {
    const fake = new FakeImport(4, 10, 2);
    fake.hold(3);
    const seen: ImportProgress[] = [];
    await runImport(fake, 2, async (started) => {
      const handle = await started;
      const deadline = Date.now() + 20_000;
      for (;;) {
        const progress = await handle.query(importProgressQuery);
        seen.push(progress);
        if (progress.done === 32) break; // all but the held chunk
        if (Date.now() > deadline) throw new Error(`import never got to 32 rows: ${JSON.stringify(progress)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      fake.release(3);
    });

    expect(seen.find((p) => p.status === 'RUNNING')).toMatchObject({ total: 42 });
    expect(seen.at(-1)).toMatchObject({ status: 'RUNNING', total: 42, done: 32 });
    const doneFigures = seen.map((p) => p.done);
    expect(doneFigures).toEqual([...doneFigures].sort((a, b) => a - b));
  });

  it('retries a chunk whose worker was lost halfway without processing a row twice or counting it twice', async () => {
    const fake = new FakeImport(3, 8);
    fake.crashOnce.add(1);
    const summary = await runImport(fake, 2);

    expect(fake.attempts.get(1)).toBe(2);
    expect(summary.done).toBe(24);
    expect(summary.tally.CREATED + summary.tally.JOINED).toBe(24);
    expect(fake.rows.map((row) => row.processedTimes)).toEqual(Array(24).fill(1));
  });
});
