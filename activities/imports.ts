import { heartbeat } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow/index.js';
import { ApiError } from '../use-cases/errors.js';
import { fileReport, receiveReport, type IntakeResult } from '../use-cases/intake.js';
import { inScope } from '../domain/access.js';
import type { Actor } from '../domain/case.js';
import type { IntakeReport } from '../domain/intake.js';
import { importRowRequestId, type ImportOutcome } from '../domain/imports.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { caseIdFor, identityKeys } from '../infra/case-identity.js';
import { pendingChunks, settledTally, tallyOf } from '../infra/import-tally.js';
import type { CaseWorkflowInput } from '../workflows/messages.js';
import type { ImportActivities } from '../workflows/import-messages.js';

export interface ImportActivityDeps {
  prisma: PrismaClient;
  /** A client with the case data converter: rows start and join cases through it. */
  temporal: Client;
  taskQueue: string;
  caseKeySecret: string;
}

/** Well inside the chunk activity's heartbeat timeout (workflows/import-workflow.ts). */
const HEARTBEAT_EVERY_MS = 10_000;

export const OUT_OF_SCOPE_MESSAGE = 'Kecamatan anak ini di luar wilayah pengunggah berkas.';

/**
 * The import workflow's activities. Every row is taken through the same intake as a single report
 * (`receiveReport`), so an imported child meets the same case a reported one would. Idempotent: a
 * row with an outcome is never processed again, a report added to a running case carries the
 * row's own update id, and a row whose attempt was cut off after starting its case is recognised
 * by that case's first input instead of being reported a second time.
 */
export function createImportActivities(deps: ImportActivityDeps): ImportActivities {
  const { prisma } = deps;

  return {
    async beginImport({ batchId }) {
      await prisma.importBatch.updateMany({ where: { id: batchId, startedAt: null }, data: { startedAt: new Date() } });
      const batch = await prisma.importBatch.update({ where: { id: batchId }, data: { status: 'RUNNING' }, select: { totalRows: true } });
      const pending = await pendingChunks(prisma, batchId);
      const settled = await settledTally(prisma, batchId, pending);
      return { totalRows: batch.totalRows, pendingChunks: pending, settled };
    },

    async importChunk({ batchId, chunk }) {
      const batch = await prisma.importBatch.findUniqueOrThrow({ where: { id: batchId } });
      const rows = await prisma.importRow.findMany({ where: { batchId, chunk }, orderBy: { rowNumber: 'asc' } });
      const actor: Actor = { kind: 'STAFF', id: batch.uploadedById };
      const filed = new FiledChildren(deps.caseKeySecret);
      for (const row of rows) if (row.outcome && row.caseId && row.report) filed.add(row.report as IntakeReport, row.caseId);
      // A report joining a busy case waits until the case has recorded it, which can take a while on a loaded
      // worker: the chunk says it is alive on a clock, so only a worker that is gone misses its heartbeats.
      let current = 0;
      const alive = setInterval(() => heartbeat(current), HEARTBEAT_EVERY_MS);
      try {
        for (const row of rows.filter((r) => r.outcome === null)) {
          current = row.rowNumber;
          const report = row.report as IntakeReport | null;
          const done = await processRow(deps, { ...row, report }, batch.scope, actor, filed);
          if (report && done.caseId) filed.add(report, done.caseId);
          await prisma.importRow.updateMany({
            where: { id: row.id, outcome: null },
            data: { ...done, processedAt: new Date() },
          });
          heartbeat(current);
        }
      } finally {
        clearInterval(alive);
      }
      return tallyOf(prisma, { batchId, chunk });
    },

    async finishImport({ batchId }) {
      const tally = await tallyOf(prisma, { batchId });
      await prisma.importBatch.update({
        where: { id: batchId },
        data: {
          status: 'DONE',
          finishedAt: new Date(),
          createdCount: tally.CREATED,
          joinedCount: tally.JOINED,
          reopenedCount: tally.REOPENED,
          reviewCount: tally.REVIEW,
          rejectedCount: tally.REJECTED,
        },
      });
      return tally;
    },
  };
}

interface PendingRow {
  id: bigint;
  batchId: string;
  rowNumber: number;
  report: IntakeReport | null;
  attemptedAt: Date | null;
}

interface RowOutcome {
  outcome: ImportOutcome;
  caseId?: string | null;
  reviewId?: string | null;
  errors?: { column: string; message: string }[];
}

/** The result of the intake, including the duplicate-review outcome the intake may answer with. */
type AnyIntakeResult = IntakeResult | { status: 'IN_REVIEW'; reviewId: string };

/**
 * The cases this chunk's rows went to, by identity key. Rows of one child share a chunk; a later row
 * with the same key is that child for certain and goes straight to the same case, even before the
 * case has registered its keys (which it does in the background, see linkChildIdentity).
 */
class FiledChildren {
  private readonly byKey = new Map<string, { caseId: string; nik: string | undefined }>();

  constructor(private readonly secret: string) {}

  add(report: IntakeReport, caseId: string): void {
    for (const key of identityKeys(report.child, this.secret)) if (!this.byKey.has(key.hash)) this.byKey.set(key.hash, { caseId, nik: digits(report.child.nik) });
  }

  /** As the intake decides: NIK first; a name match is not the child when both carry different NIKs. */
  caseOf(child: IntakeReport['child']): string | undefined {
    for (const key of identityKeys(child, this.secret)) {
      const known = this.byKey.get(key.hash);
      if (!known) continue;
      if (key.kind === 'NAME_BIRTHDATE_DESA' && known.nik && digits(child.nik) && known.nik !== digits(child.nik)) continue;
      return known.caseId;
    }
    return undefined;
  }
}

const digits = (nik: string | undefined) => nik?.replace(/\D/g, '') || undefined;

async function processRow(deps: ImportActivityDeps, row: PendingRow, scope: string[], actor: Actor, filed: FiledChildren): Promise<RowOutcome> {
  const report = row.report;
  if (!report) return { outcome: 'REJECTED' };
  if (!inScope({ scope }, report.child.kecamatan)) {
    return { outcome: 'REJECTED', errors: [{ column: 'kecamatan', message: OUT_OF_SCOPE_MESSAGE }] };
  }
  if (row.attemptedAt) {
    const started = await caseStartedBy(deps, report, actor, row.attemptedAt);
    if (started) return { outcome: 'CREATED', caseId: started };
  } else {
    await deps.prisma.importRow.update({ where: { id: row.id }, data: { attemptedAt: new Date() } });
  }
  try {
    const requestId = importRowRequestId(row.batchId, row.rowNumber);
    const sameChild = filed.caseOf(report.child);
    const result: AnyIntakeResult = sameChild
      ? await fileReport(deps, sameChild, report, actor, requestId)
      : await receiveReport(deps, report, actor, requestId);
    // A likely duplicate waits for the coordinator's decision: no case yet, the review says which it joins.
    if ('reviewId' in result) return { outcome: 'REVIEW', reviewId: result.reviewId, caseId: null };
    if (result.status === 'JOINED_EXISTING') return { outcome: 'JOINED', caseId: result.caseId };
    return { outcome: result.status, caseId: result.caseId };
  } catch (error) {
    // What the intake refuses (a case that will not take the report) is this row's answer; anything else is retried.
    if (error instanceof ApiError) return { outcome: 'REJECTED', errors: [{ column: '(baris)', message: error.message }] };
    throw error;
  }
}

/**
 * After an interrupted attempt: the case this row's report started, if it did. Any case of the
 * child whose current run began after the attempt with exactly this report from this uploader.
 */
async function caseStartedBy(deps: ImportActivityDeps, report: IntakeReport, actor: Actor, attemptedAt: Date): Promise<string | undefined> {
  const keys = identityKeys(report.child, deps.caseKeySecret);
  const aliases = await deps.prisma.caseAlias.findMany({ where: { keyHash: { in: keys.map((k) => k.hash) } }, select: { caseId: true } });
  const candidates = [...new Set([caseIdFor(keys), ...aliases.map((a) => a.caseId)])];
  for (const caseId of candidates) {
    const handle = deps.temporal.workflow.getHandle(caseId);
    const description = await handle.describe().catch(() => undefined);
    if (!description || description.startTime.getTime() < attemptedAt.getTime() - 1000) continue;
    const history = await handle.fetchHistory();
    const payloads = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads;
    const input = await decodeFromPayloadsAtIndex<CaseWorkflowInput>(deps.temporal.options.loadedDataConverter, 0, payloads);
    if (input.reportedBy.kind === actor.kind && input.reportedBy.id === actor.id && sameJson(input.report, report)) return caseId;
  }
  return undefined;
}

/** Equal as JSON regardless of key order (PostgreSQL's jsonb does not keep it). */
function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => [k, canonical(v)]))
        : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
