import { stringify } from 'csv-stringify/sync';
import { IMPORT_OUTCOME_LABELS } from '../../domain/imports.js';
import type { ImportRowView } from './import-service.js';

/**
 * The per-row report as a spreadsheet opens it (`;`, BOM): what became of each row and why, so
 * the coordinator can correct the rejected rows and upload them as a new file.
 */
export function importReportCsv(rows: ImportRowView[]): string {
  const records = rows.map((row) => [
    row.rowNumber,
    spreadsheetSafe(row.childName ?? ''),
    row.outcome ?? 'BELUM_DIPROSES',
    row.outcome ? IMPORT_OUTCOME_LABELS[row.outcome] : 'Belum diproses',
    spreadsheetSafe(row.errors.map((error) => `${error.column}: ${error.message}`).join(' | ')),
    row.caseId ?? '',
    row.reviewId ?? '',
  ]);
  return `\uFEFF${stringify([['baris', 'nama_lengkap', 'hasil', 'keterangan_hasil', 'alasan_penolakan', 'id_kasus', 'id_tinjauan'], ...records], { delimiter: ';', record_delimiter: '\r\n' })}`;
}

/** Text from an uploaded file must not become a formula when the report is opened in a spreadsheet. */
function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
