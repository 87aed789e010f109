import { createHash } from 'node:crypto';
import { CsvError, parse } from 'csv-parse/sync';
import { checkHeaders, IMPORT_HEADERS, normaliseHeader, readImportRow, type ImportRowError } from '../../domain/csv-import.js';
import type { IntakeReport } from '../../domain/intake.js';

/** One data row of an uploaded file; `rowNumber` is the spreadsheet's (the header is row 1). */
export interface ImportFileRow {
  rowNumber: number;
  /** The name as written, so the coordinator recognises the row in the report (null when the cell is empty). */
  childName: string | null;
  report: IntakeReport | null;
  errors: ImportRowError[];
}

export type ImportFileResult =
  | { ok: true; fileHash: string; rows: ImportFileRow[] }
  | { ok: false; message: string; fields?: { field: string; message: string }[] };

/**
 * Reads an uploaded CSV: UTF-8 (with or without BOM) or, failing that, Windows-1252 as older Excel
 * saves it; `;`, `,` or tab between fields, whichever the header row uses. A binary file, or one
 * whose headers are not the template's, is refused whole; otherwise every row is read on its own, and a bad row
 * carries its problems instead of stopping the others.
 */
export function readImportFile(bytes: Buffer, limits: { maxRows: number }): ImportFileResult {
  const fileHash = createHash('sha256').update(bytes).digest('hex');
  // No text file holds a NUL byte; an image, a workbook (.xlsx) or a UTF-16 export does.
  if (bytes.includes(0)) {
    return { ok: false, message: 'Berkas ini bukan berkas CSV (berisi data biner, misalnya gambar atau berkas Excel .xlsx). Di spreadsheet, pilih Simpan Sebagai → CSV UTF-8, lalu unggah berkas itu.' };
  }
  const text = decode(bytes);
  if (text.trim() === '') return { ok: false, message: 'Berkas kosong. Gunakan templat CSV dan isi satu baris per anak.' };

  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    if (error instanceof CsvError) {
      return { ok: false, message: `Berkas CSV tidak dapat dibaca (sekitar baris ${error.lines ?? '?'}): periksa tanda kutip dan pemisah kolom.` };
    }
    throw error;
  }
  const [headers = [], ...data] = records;
  const { unknown, missing, repeated } = checkHeaders(headers);
  if (unknown.length > 0 || missing.length > 0 || repeated.length > 0) {
    const fields = [
      ...unknown.map((header) => ({ field: header, message: 'Kolom tidak dikenal dalam templat.' })),
      ...missing.map((header) => ({ field: header, message: 'Kolom wajib tidak ada.' })),
      ...repeated.map((header) => ({ field: header, message: 'Kolom ini muncul lebih dari sekali.' })),
    ];
    return {
      ok: false,
      message: `Judul kolom tidak sesuai templat. ${[
        unknown.length ? `Tidak dikenal: ${unknown.join(', ')}.` : '',
        missing.length ? `Wajib tetapi tidak ada: ${missing.join(', ')}.` : '',
        repeated.length ? `Ganda: ${repeated.join(', ')}.` : '',
      ].filter(Boolean).join(' ')} Kolom templat: ${IMPORT_HEADERS.join(', ')}.`,
      fields,
    };
  }

  const names = headers.map(normaliseHeader);
  const rows: ImportFileRow[] = [];
  data.forEach((record, index) => {
    // Blank lines and Excel's trailing ";;;;" rows are nobody; they keep their row number but are not imported.
    if (record.every((cell) => cell.trim() === '')) return;
    const rowNumber = index + 2;
    const cells = Object.fromEntries(names.map((name, i) => [name, record[i]]));
    const childName = cells.nama_lengkap?.trim().slice(0, 120) || null;
    if (record.slice(names.length).some((cell) => cell.trim() !== '')) {
      rows.push({ rowNumber, childName, report: null, errors: [{ column: '(baris)', message: 'Baris ini berisi lebih banyak kolom daripada judul kolom.' }] });
      return;
    }
    const result = readImportRow(cells);
    rows.push(result.ok ? { rowNumber, childName, report: result.report, errors: [] } : { rowNumber, childName, report: null, errors: result.errors });
  });
  if (rows.length === 0) return { ok: false, message: 'Berkas tidak berisi data anak: isi satu baris per anak di bawah judul kolom.' };
  if (rows.length > limits.maxRows) {
    return { ok: false, message: `Berkas berisi ${rows.length} baris; paling banyak ${limits.maxRows} baris per impor. Bagi berkas menjadi beberapa bagian.` };
  }
  return { ok: true, fileHash, rows };
}

function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The separator the header row uses most: Excel writes `;` where the decimal comma is local (Indonesia), `,` elsewhere. */
function delimiterOf(text: string): string {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const counts = [';', ',', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  return counts.reduce((best, c) => (c.n > best.n ? c : best)).d;
}
