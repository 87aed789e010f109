import type { CaseAccessor } from '../../domain/case-access.js';
import { recordCasesAccess } from '../../infra/case-access-log.js';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { UNMASKED_IDENTITY_ROLES, type Principal } from '../../domain/access.js';
import { CASE_STAGE_LABELS, CLOSE_REASON_LABELS, type CaseStage, type CloseReason } from '../../domain/case.js';
import { ATS_CATEGORY_LABELS, type ATS_CATEGORIES } from '../../domain/intake.js';
import { kecamatanName } from '../../domain/kecamatan.js';
import { maskNik } from '../../domain/nik.js';
import { witaDay, WITA_OFFSET_MS } from '../../domain/period.js';
import type { Case, Child, Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { type CaseFilter, caseListWhere } from './case-service.js';

/** Rows fetched per query: the export holds one batch in memory, whatever the number of cases. */
const BATCH_SIZE = 500;

/** The export's columns in order, with the Indonesian header a coordinator reads in the spreadsheet. */
const COLUMNS = [
  { key: 'caseId', header: 'Nomor kasus' },
  { key: 'fullName', header: 'Nama anak' },
  { key: 'nik', header: 'NIK' },
  { key: 'sex', header: 'Jenis kelamin' },
  { key: 'birthDate', header: 'Tanggal lahir' },
  { key: 'kecamatan', header: 'Kecamatan' },
  { key: 'desa', header: 'Desa' },
  { key: 'category', header: 'Kategori' },
  { key: 'stage', header: 'Tahap' },
  { key: 'overdue', header: 'Terlambat' },
  { key: 'reportCount', header: 'Jumlah laporan' },
  { key: 'openedAt', header: 'Dilaporkan (WITA)' },
  { key: 'closedAt', header: 'Selesai (WITA)' },
  { key: 'outcome', header: 'Hasil' },
  { key: 'closeReason', header: 'Alasan penutupan' },
  { key: 'school', header: 'Sekolah tujuan' },
  { key: 'npsn', header: 'NPSN' },
] as const;
type ExportRow = Record<(typeof COLUMNS)[number]['key'], string>;

type CaseWithChild = Case & { child: Child | null };

const OUTCOME_LABELS: Record<string, string> = { RETAINED: 'Tetap bersekolah', ENROLLED: 'Kembali sekolah', CLOSED: 'Ditutup' };

/** `kasus-ats-2026-12-04.csv`: the WITA day of the export, so two downloads on one day are recognisably the same list. */
export function exportFileName(now: Date = new Date()): string {
  return `kasus-ats-${witaDay(now)}.csv`;
}

/**
 * The cases a list query selects, as CSV, newest first, streamed: rows are read in batches by keyset
 * (opened_at, id) and written as the client takes them, so ten thousand cases never sit in memory at
 * once. NIK appear in full only for the roles that need them (UNMASKED_IDENTITY_ROLES). A UTF-8 byte
 * order mark lets spreadsheet programs read names and the mask dots correctly.
 */
export function caseExportStream(prisma: PrismaClient, filter: CaseFilter, caller: Pick<Principal, 'kind' | 'id' | 'scope' | 'role'>): Readable {
  const unmasked = UNMASKED_IDENTITY_ROLES.includes(caller.role);
  const rows = Readable.from(exportRows(prisma, caseListWhere(filter, caller), unmasked, caller));
  const csv = stringify({ header: true, bom: true, columns: COLUMNS.map(({ key, header }) => ({ key, header })) });
  rows.on('error', (error) => csv.destroy(error));
  // A client that goes away mid-download stops the reading too, between two batches.
  csv.on('close', () => rows.destroy());
  return rows.pipe(csv);
}

async function* exportRows(prisma: PrismaClient, where: Prisma.CaseWhereInput, unmasked: boolean, caller: CaseAccessor): AsyncGenerator<ExportRow> {
  let after: { openedAt: Date; id: string } | undefined;
  for (;;) {
    const batch: CaseWithChild[] = await prisma.case.findMany({
      where: after ? { AND: [where, { OR: [{ openedAt: { lt: after.openedAt } }, { openedAt: after.openedAt, id: { lt: after.id } }] }] } : where,
      include: { child: true },
      orderBy: [{ openedAt: 'desc' }, { id: 'desc' }],
      take: BATCH_SIZE,
    });
    // Each case taken away is in the access log before its row leaves, like a case viewed on its page.
    await recordCasesAccess(prisma, caller, batch.map((row) => row.id), 'LIST_EXPORT', 'GET /api/v1/cases/export.csv');
    for (const row of batch) yield exportRow(row, unmasked);
    const last = batch.at(-1);
    if (batch.length < BATCH_SIZE || !last) return;
    after = { openedAt: last.openedAt, id: last.id };
  }
}

function exportRow(row: CaseWithChild, unmasked: boolean): ExportRow {
  const child = row.child;
  return {
    caseId: row.id,
    fullName: cell(child?.fullName),
    nik: child?.nik ? (unmasked ? child.nik : maskNik(child.nik)) : '',
    sex: child ? (child.sex === 'P' ? 'Perempuan' : 'Laki-laki') : '',
    birthDate: child?.birthDate ?? '',
    kecamatan: kecamatanName(row.kecamatan),
    desa: cell(row.desa),
    category: ATS_CATEGORY_LABELS[row.category as (typeof ATS_CATEGORIES)[number]] ?? row.category,
    stage: CASE_STAGE_LABELS[row.stage as CaseStage] ?? row.stage,
    overdue: row.overdue && row.stage !== 'CLOSED' ? 'Ya' : 'Tidak',
    reportCount: String(row.reportCount),
    openedAt: witaDateTime(row.openedAt),
    closedAt: row.closedAt ? witaDateTime(row.closedAt) : '',
    outcome: OUTCOME_LABELS[row.outcome ?? ''] ?? '',
    closeReason: row.closeReason ? (CLOSE_REASON_LABELS[row.closeReason as CloseReason] ?? row.closeReason) : '',
    school: cell(row.enrolledSchoolName ?? undefined),
    npsn: row.enrolledNpsn ?? '',
  };
}

/** "2026-12-04 09:30": sorts as text and reads as a date in any spreadsheet. */
function witaDateTime(instant: Date): string {
  return new Date(instant.getTime() + WITA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Text someone typed (a name, a desa) must not run as a formula when the file is opened in a
 * spreadsheet: a leading =, +, -, @ or tab is escaped with an apostrophe (OWASP "CSV injection").
 */
function cell(text: string | undefined): string {
  if (text === undefined) return '';
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
