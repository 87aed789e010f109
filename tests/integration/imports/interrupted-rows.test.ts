import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImportActivities } from '../../../activities/imports.js';
import { storeImport, type ImportServiceDeps } from '../../../api/imports/import-service.js';
import type { Principal } from '../../../domain/access.js';
import { getCaseQuery } from '../../../workflows/messages.js';
import { CASE_KEY_SECRET, eventually, startApiTestbed, type ApiTestbed } from '../api/testbed.js';
import { child, csvFile } from './csv-files.js';

/**
 * A worker can die after a row's case has started (or its report joined a case) and before the row's
 * outcome is written. The next attempt must recognise what the first one did, not report the
 * child a second time.
 */
let bed: ApiTestbed;
let deps: ImportServiceDeps;
const coordinator: Principal = { kind: 'API_KEY', id: 'key-disdik', name: 'Koordinator Disdikbud', role: 'COORDINATOR', scope: [] };

beforeAll(async () => {
  bed = await startApiTestbed({ worker: true });
  deps = {
    prisma: bed.prisma, temporal: bed.temporal, log: bed.app.log, taskQueue: bed.taskQueue, caseKeySecret: CASE_KEY_SECRET,
    settings: { chunkSize: 10, concurrency: 2, maxRows: 100 },
  };
});
afterAll(async () => {
  await bed?.close();
});

async function importDone(importId: string) {
  return eventually(async () => {
    const batch = await bed.prisma.importBatch.findUniqueOrThrow({ where: { id: importId } });
    return batch.status === 'DONE' ? batch : undefined;
  }, 'the import to finish', 60_000);
}

/** Runs one chunk again, as Temporal would retry it after the worker was lost. */
async function retryChunk(batchId: string, chunk: number) {
  const activities = createImportActivities({ prisma: bed.prisma, temporal: bed.temporal, taskQueue: bed.taskQueue, caseKeySecret: CASE_KEY_SECRET });
  return new MockActivityEnvironment().run(activities.importChunk, { batchId, chunk });
}

describe('a row whose attempt was cut off', () => {
  it('is recognised as the start of its case, or as the report it already added, and reports nothing twice', async () => {
    const first = child(1, true);
    const { view } = await storeImport(deps, { bytes: csvFile([first, child(2, false), { ...first, alamat: 'Jl. Pendidikan RT 3' }]), fileName: 'sipbm.csv' }, coordinator);
    await importDone(view.importId);
    const rows = await bed.prisma.importRow.findMany({ where: { batchId: view.importId }, orderBy: { rowNumber: 'asc' } });
    expect(rows.map((row) => row.outcome)).toEqual(['CREATED', 'CREATED', 'JOINED']);
    const caseId = rows[0]!.caseId!;
    expect(rows[2]!.caseId).toBe(caseId);
    const handle = bed.temporal.workflow.getHandle(caseId);
    expect((await handle.query(getCaseQuery)).sources).toHaveLength(2);

    // The worker died after starting the first row's case and after joining the third: both rows still lack an outcome.
    await bed.prisma.importRow.updateMany({ where: { id: { in: [rows[0]!.id, rows[2]!.id] } }, data: { outcome: null, caseId: null, processedAt: null } });
    const tally = await retryChunk(view.importId, rows[0]!.chunk!);

    expect(tally).toMatchObject({ CREATED: 2, JOINED: 1 });
    const after = await bed.prisma.importRow.findMany({ where: { batchId: view.importId }, orderBy: { rowNumber: 'asc' } });
    expect(after.map((row) => [row.outcome, row.caseId])).toEqual([['CREATED', caseId], ['CREATED', rows[1]!.caseId], ['JOINED', caseId]]);
    expect((await handle.query(getCaseQuery)).sources).toHaveLength(2);
  });

  it('that never reached its case is simply processed', async () => {
    const { view } = await storeImport(deps, { bytes: csvFile([child(3, true)]), fileName: 'satu.csv' }, coordinator);
    await importDone(view.importId);
    const [row] = await bed.prisma.importRow.findMany({ where: { batchId: view.importId } });
    // Attempted, but lost before the intake was reached: no case of this child's report exists from that attempt.
    await bed.temporal.workflow.getHandle(row!.caseId!).terminate('test: the case never started');
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the earlier run started well before this attempt
    await bed.prisma.importRow.update({ where: { id: row!.id }, data: { outcome: null, caseId: null, processedAt: null, attemptedAt: new Date() } });
    await retryChunk(view.importId, row!.chunk!);

    const again = await bed.prisma.importRow.findUniqueOrThrow({ where: { id: row!.id } });
    expect(again.outcome).toBe('REOPENED');
    expect(again.caseId).toBe(row!.caseId);
  });
});
