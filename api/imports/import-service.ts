import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import { inScope, type Principal } from '../../domain/access.js';
import {
  IMPORT_OUTCOMES, importWorkflowId, tallyTotal,
  type ImportOutcome, type ImportProgress, type ImportStatus, type ImportTally,
} from '../../domain/imports.js';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { identityKeys } from '../../infra/case-identity.js';
import { settledTally } from '../../infra/import-tally.js';
import { importProgressQuery, type ImportWorkflowInput } from '../../workflows/import-messages.js';
import { ApiError, notFound } from '../../use-cases/errors.js';
import { readImportFile, type ImportFileRow } from './import-file.js';

export const IMPORT_WORKFLOW_TYPE = 'importWorkflow';

export interface ImportServiceDeps {
  prisma: PrismaClient;
  temporal: Client;
  log: FastifyBaseLogger;
  taskQueue: string;
  caseKeySecret: string;
  settings: { chunkSize: number; concurrency: number; maxRows: number };
}

export interface ImportView {
  importId: string;
  fileName: string;
  status: ImportStatus;
  uploadedBy: { kind: string; name: string };
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  progress: { total: number; done: number; percent: number };
  counts: { created: number; joined: number; reopened: number; review: number; rejected: number };
}

export const OUT_OF_UPLOADER_SCOPE = 'Kecamatan ini di luar wilayah Anda.';
const INSERT_BATCH = 1000;
/** A progress query waits for a worker; past this the API counts the rows in the database instead. */
const LIVE_QUERY_TIMEOUT_MS = 5000;

type Batch = NonNullable<Awaited<ReturnType<PrismaClient['importBatch']['findUnique']>>>;

/**
 * Stores an uploaded file as one import: the batch and every row in one transaction (the rows live
 * in PostgreSQL, not in workflow payloads), then starts the import workflow. The same file again
 * is the same import: nothing new is stored or started, the caller is told which import it was.
 */
export async function storeImport(
  deps: ImportServiceDeps,
  upload: { bytes: Buffer; fileName: string },
  principal: Principal,
): Promise<{ view: ImportView; duplicate: boolean }> {
  const file = readImportFile(upload.bytes, { maxRows: deps.settings.maxRows });
  if (!file.ok) throw new ApiError(400, 'VALIDATION_FAILED', file.message, file.fields);

  const existing = await deps.prisma.importBatch.findUnique({ where: { fileHash: file.fileHash } });
  if (existing) return { view: await viewOfExisting(deps, existing, principal), duplicate: true };

  const rows = withinScope(file.rows, principal);
  const chunks = chunksOf(rows, deps.settings.chunkSize, deps.caseKeySecret);
  const rejectedNow = rows.filter((row) => !row.report).length;
  let batch: Batch;
  try {
    batch = await deps.prisma.$transaction(async (tx) => {
      const created = await tx.importBatch.create({
        data: {
          fileHash: file.fileHash,
          fileName: upload.fileName.slice(0, 200) || 'impor.csv',
          uploadedByKind: principal.kind,
          uploadedById: principal.id,
          uploadedByName: principal.name,
          scope: principal.scope,
          workflowId: importWorkflowId(file.fileHash),
          status: 'PENDING',
          totalRows: rows.length,
          rejectedCount: rejectedNow,
        },
      });
      for (let start = 0; start < rows.length; start += INSERT_BATCH) {
        await tx.importRow.createMany({
          data: rows.slice(start, start + INSERT_BATCH).map((row, i) => ({
            batchId: created.id,
            rowNumber: row.rowNumber,
            chunk: chunks[start + i] ?? null,
            childName: row.childName,
            report: (row.report ?? undefined) as Prisma.InputJsonValue | undefined,
            errors: row.errors as unknown as Prisma.InputJsonValue,
            ...(row.report ? {} : { outcome: 'REJECTED', processedAt: new Date() }),
          })),
        });
      }
      return created;
    }, { timeout: 60_000 });
  } catch (error) {
    // The same file uploaded twice at the same moment: the other upload stored it first.
    const raced = await deps.prisma.importBatch.findUnique({ where: { fileHash: file.fileHash } });
    if (raced) return { view: await viewOfExisting(deps, raced, principal), duplicate: true };
    throw error;
  }
  await startImportWorkflow(deps, batch);
  return { view: viewOf(batch, await progressOf(deps, batch)), duplicate: false };
}

async function viewOfExisting(deps: ImportServiceDeps, batch: Batch, principal: Principal): Promise<ImportView> {
  if (!visibleTo(principal, batch)) {
    throw new ApiError(409, 'CONFLICT', 'Berkas yang sama sudah pernah diimpor oleh koordinator wilayah lain.');
  }
  // A file stored while Temporal was unreachable starts now; a running or finished import is left alone.
  if (batch.status === 'PENDING') await startImportWorkflow(deps, batch);
  return viewOf(batch, await progressOf(deps, batch));
}

async function startImportWorkflow(deps: ImportServiceDeps, batch: Batch): Promise<void> {
  try {
    await deps.temporal.workflow.start(IMPORT_WORKFLOW_TYPE, {
      workflowId: batch.workflowId,
      taskQueue: deps.taskQueue,
      args: [{ batchId: batch.id, concurrency: deps.settings.concurrency } satisfies ImportWorkflowInput],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/** Rows of children outside the uploader's area are refused on upload, in the kecamatan column. */
function withinScope(rows: ImportFileRow[], principal: Principal): ImportFileRow[] {
  return rows.map((row) =>
    row.report && !inScope(principal, row.report.child.kecamatan)
      ? { ...row, report: null, errors: [{ column: 'kecamatan', message: OUT_OF_UPLOADER_SCOPE }] }
      : row,
  );
}

/**
 * Chunks in file order, except that a row of a child already met earlier in the file (same NIK,
 * or same name, birth date and desa) joins that row's chunk: rows of one child are then taken one
 * after the other, so the first creates the case and the next join it, whatever runs in parallel.
 */
function chunksOf(rows: ImportFileRow[], chunkSize: number, secret: string): (number | null)[] {
  const chunkOfKey = new Map<string, number>();
  let current = 0;
  let filled = 0;
  return rows.map((row) => {
    if (!row.report) return null;
    const keys = identityKeys(row.report.child, secret).map((key) => key.hash);
    const earlier = keys.map((key) => chunkOfKey.get(key)).find((chunk) => chunk !== undefined);
    let chunk = earlier;
    if (chunk === undefined) {
      if (filled === chunkSize) {
        current += 1;
        filled = 0;
      }
      filled += 1;
      chunk = current;
    }
    for (const key of keys) if (!chunkOfKey.has(key)) chunkOfKey.set(key, chunk);
    return chunk;
  });
}

/** Like cases: callers see imports of their own area (the whole district sees all). */
function visibleTo(principal: Principal, batch: Pick<Batch, 'scope'>): boolean {
  if (principal.scope.length === 0) return true;
  return batch.scope.length > 0 && batch.scope.every((kecamatan) => inScope(principal, kecamatan));
}

async function findVisible(deps: Pick<ImportServiceDeps, 'prisma'>, importId: string, principal: Principal): Promise<Batch> {
  const batch = /^[0-9a-f-]{36}$/.test(importId) ? await deps.prisma.importBatch.findUnique({ where: { id: importId } }) : null;
  if (!batch || !visibleTo(principal, batch)) throw notFound();
  return batch;
}

export async function getImport(deps: ImportServiceDeps, importId: string, principal: Principal): Promise<ImportView> {
  const batch = await findVisible(deps, importId, principal);
  return viewOf(batch, await progressOf(deps, batch));
}

/** Live from the workflow while it runs (cheap, no row counting); from the stored counts once done. */
async function progressOf(deps: ImportServiceDeps, batch: Batch): Promise<ImportProgress> {
  if (batch.status === 'DONE') {
    const tally: ImportTally = {
      CREATED: batch.createdCount, JOINED: batch.joinedCount, REOPENED: batch.reopenedCount, REVIEW: batch.reviewCount, REJECTED: batch.rejectedCount,
    };
    return { status: 'DONE', total: batch.totalRows, done: tallyTotal(tally), tally };
  }
  try {
    const handle = deps.temporal.workflow.getHandle(batch.workflowId);
    const live = await deps.temporal.withDeadline(Date.now() + LIVE_QUERY_TIMEOUT_MS, () => handle.query(importProgressQuery));
    if (live.status !== 'PENDING') return live;
  } catch (error) {
    // A loaded worker answers queries late; the finished chunks in the database say the same as the workflow would.
    deps.log.warn({ errType: error instanceof Error ? error.name : typeof error, importId: batch.id }, 'live import progress unavailable; counting rows');
  }
  const tally = await settledTally(deps.prisma, batch.id);
  return { status: batch.status as ImportStatus, total: batch.totalRows, done: tallyTotal(tally), tally };
}

function viewOf(batch: Batch, progress: ImportProgress): ImportView {
  const { tally } = progress;
  return {
    importId: batch.id,
    fileName: batch.fileName,
    status: progress.status,
    uploadedBy: { kind: batch.uploadedByKind, name: batch.uploadedByName },
    createdAt: batch.createdAt.toISOString(),
    startedAt: batch.startedAt?.toISOString() ?? null,
    finishedAt: batch.finishedAt?.toISOString() ?? null,
    progress: { total: progress.total, done: progress.done, percent: progress.total === 0 ? 100 : Math.floor((progress.done / progress.total) * 100) },
    counts: { created: tally.CREATED, joined: tally.JOINED, reopened: tally.REOPENED, review: tally.REVIEW, rejected: tally.REJECTED },
  };
}

export interface ImportList {
  items: ImportView[];
  total: number;
}

/** Newest first, the caller's area only. Running imports show their live progress. */
export async function listImports(deps: ImportServiceDeps, principal: Principal, page: { limit: number; offset: number }): Promise<ImportList> {
  // A district-wide import is hidden from area coordinators; the subset test itself is done here (imports are few).
  const where: Prisma.ImportBatchWhereInput = principal.scope.length === 0 ? {} : { scope: { isEmpty: false } };
  const candidates = await deps.prisma.importBatch.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  const visible = candidates.filter((batch) => visibleTo(principal, batch));
  const items = await Promise.all(visible.slice(page.offset, page.offset + page.limit).map(async (batch) => viewOf(batch, await progressOf(deps, batch))));
  return { items, total: visible.length };
}

export interface ImportRowView {
  rowNumber: number;
  childName: string | null;
  outcome: ImportOutcome | null;
  caseId: string | null;
  reviewId: string | null;
  errors: { column: string; message: string }[];
}

export async function listImportRows(
  deps: Pick<ImportServiceDeps, 'prisma'>,
  importId: string,
  principal: Principal,
  query: { outcome?: ImportOutcome | undefined; limit: number; offset: number },
): Promise<{ items: ImportRowView[]; total: number }> {
  const batch = await findVisible(deps, importId, principal);
  const where: Prisma.ImportRowWhereInput = { batchId: batch.id, ...(query.outcome ? { outcome: query.outcome } : {}) };
  const [rows, total] = await Promise.all([
    deps.prisma.importRow.findMany({ where, orderBy: { rowNumber: 'asc' }, skip: query.offset, take: query.limit }),
    deps.prisma.importRow.count({ where }),
  ]);
  return { items: rows.map(rowView), total };
}

function rowView(row: { rowNumber: number; childName: string | null; outcome: string | null; caseId: string | null; reviewId: string | null; errors: unknown }): ImportRowView {
  return {
    rowNumber: row.rowNumber,
    childName: row.childName,
    outcome: IMPORT_OUTCOMES.includes(row.outcome as ImportOutcome) ? (row.outcome as ImportOutcome) : null,
    caseId: row.caseId,
    reviewId: row.reviewId,
    errors: Array.isArray(row.errors) ? (row.errors as ImportRowView['errors']) : [],
  };
}

/** Every row of an import in file order, for the report page and the CSV report. */
export async function allImportRows(deps: Pick<ImportServiceDeps, 'prisma'>, importId: string, principal: Principal): Promise<{ batch: Batch; rows: ImportRowView[] }> {
  const batch = await findVisible(deps, importId, principal);
  const rows = await deps.prisma.importRow.findMany({ where: { batchId: batch.id }, orderBy: { rowNumber: 'asc' } });
  return { batch, rows: rows.map(rowView) };
}
