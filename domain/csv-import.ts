import { ATS_CATEGORIES, intakeReportSchema, REASON_CODES, REASON_LABELS, REPORT_SOURCE_LABELS, REPORT_SOURCES, SCHOOL_LEVELS, type IntakeReport } from './intake.js';
import { KECAMATAN } from './kecamatan.js';

/**
 * The CSV template for bringing in many children at once: one column per field of the intake
 * schema, with Indonesian headers. A column turns the cell's text into what `intakeReportSchema`
 * expects (dates as spreadsheets write them, kecamatan by name, reasons by label); the schema
 * then decides what is valid, exactly as it does for one report through the API.
 */
export interface ImportColumn {
  header: string;
  /** Dotted path in IntakeReport. */
  field: string;
  /** The header must be in the file (the field is required by the schema). */
  required: boolean;
  /** What goes in the cell, for the README and the upload page. */
  hint: string;
  /** Cell text (trimmed, never empty) to the schema's input, or a problem in Bahasa Indonesia. */
  read?: (cell: string) => unknown;
}

/** A cell that cannot become the schema's input; the row is rejected with this message. */
class CellProblem {
  constructor(readonly message: string) {}
}

const DATE_FORMATS_MESSAGE = 'Gunakan format tanggal TTTT-BB-HH, HH-BB-TTTT atau HH/BB/TTTT (contoh: 2013-05-14 atau 14/05/2013).';

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { header: 'nama_lengkap', field: 'child.fullName', required: true, hint: 'Nama lengkap anak' },
  { header: 'nik', field: 'child.nik', required: false, hint: 'NIK 16 angka, kosongkan bila belum ada', read: digitsOnly('NIK') },
  { header: 'no_kk', field: 'child.noKk', required: false, hint: 'Nomor KK 16 angka', read: digitsOnly('Nomor KK') },
  { header: 'tanggal_lahir', field: 'child.birthDate', required: true, hint: 'TTTT-BB-HH, HH-BB-TTTT atau HH/BB/TTTT', read: readDate },
  { header: 'jenis_kelamin', field: 'child.sex', required: true, hint: 'L atau P', read: readSex },
  { header: 'kecamatan', field: 'child.kecamatan', required: true, hint: 'Kode Kemendagri (640804) atau nama (Sangatta Utara)', read: readKecamatan },
  { header: 'desa', field: 'child.desa', required: true, hint: 'Nama desa atau kelurahan' },
  { header: 'alamat', field: 'child.address', required: true, hint: 'Alamat (jalan, RT)' },
  { header: 'nama_wali', field: 'guardian.name', required: false, hint: 'Nama orang tua atau wali' },
  { header: 'telepon_wali', field: 'guardian.phone', required: false, hint: 'Nomor HP wali, contoh 081234567890', read: (cell) => cell.replace(/[\s-]/g, '') },
  { header: 'email_wali', field: 'guardian.email', required: false, hint: 'Email wali' },
  { header: 'kategori', field: 'category', required: true, hint: ATS_CATEGORIES.join(', '), read: (cell) => cell.toUpperCase() },
  { header: 'sekolah_terakhir', field: 'lastSchool.name', required: false, hint: 'Nama sekolah terakhir (wajib untuk DO dan LTM)' },
  { header: 'npsn_sekolah_terakhir', field: 'lastSchool.npsn', required: false, hint: 'NPSN 8 angka', read: digitsOnly('NPSN') },
  { header: 'jenjang_sekolah_terakhir', field: 'lastSchool.level', required: false, hint: SCHOOL_LEVELS.join(', '), read: readSchoolLevel },
  { header: 'kelas_terakhir', field: 'lastSchool.lastGrade', required: false, hint: 'Angka 1–12', read: readGrade },
  { header: 'alasan', field: 'reasons', required: true, hint: 'Satu atau lebih kode atau nama alasan, dipisah ; atau ,', read: readReasons },
  { header: 'sumber', field: 'source.channel', required: true, hint: `${REPORT_SOURCES.join(', ')} (atau namanya)`, read: readSource },
  { header: 'referensi_sumber', field: 'source.reference', required: false, hint: 'Nomor atau kode data di sumbernya' },
  { header: 'pelapor', field: 'source.reportedBy', required: false, hint: 'Nama pelapor' },
  { header: 'catatan', field: 'notes', required: false, hint: 'Catatan tambahan' },
];

export const IMPORT_HEADERS = IMPORT_COLUMNS.map((column) => column.header);

/** A problem with one cell of one row; `row` is the spreadsheet's row number (the header is row 1). */
export interface ImportRowError {
  column: string;
  message: string;
}

export type ImportRowResult =
  | { ok: true; report: IntakeReport }
  | { ok: false; errors: ImportRowError[] };

/** How spreadsheets spell a header: "Nama Lengkap", "NAMA_LENGKAP", "nama-lengkap" all mean nama_lengkap. */
export function normaliseHeader(header: string): string {
  return header.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** The headers of a file that the template does not know, and the required ones it lacks. */
export function checkHeaders(headers: string[]): { unknown: string[]; missing: string[]; repeated: string[] } {
  const known = new Set(IMPORT_HEADERS);
  const normalised = headers.map(normaliseHeader);
  return {
    unknown: headers.filter((header, i) => normalised[i] !== '' && !known.has(normalised[i]!)),
    missing: IMPORT_COLUMNS.filter((column) => column.required && !normalised.includes(column.header)).map((column) => column.header),
    repeated: [...new Set(normalised.filter((header, i) => header !== '' && normalised.indexOf(header) !== i))],
  };
}

/** One row of the file, by normalised header, to a report or to the problems of its cells. */
export function readImportRow(cells: Record<string, string | undefined>): ImportRowResult {
  const errors: ImportRowError[] = [];
  const input: Record<string, unknown> = {};
  for (const column of IMPORT_COLUMNS) {
    const cell = cleanCell(cells[column.header]);
    if (cell === undefined) continue;
    const value = column.read ? column.read(cell) : cell;
    if (value instanceof CellProblem) errors.push({ column: column.header, message: value.message });
    else setPath(input, column.field, value);
  }
  // The schema still judges the other cells, so the coordinator sees every problem of the row at once.
  const parsed = intakeReportSchema.safeParse(input);
  if (parsed.success && errors.length === 0) return { ok: true, report: parsed.data };
  const seen = new Set(errors.map((error) => error.column));
  for (const issue of parsed.error?.issues ?? []) {
    const column = columnOf(issue.path.map(String));
    if (seen.has(column)) continue; // one message per cell: a later one is usually a consequence of the first
    seen.add(column);
    errors.push({ column, message: issue.message });
  }
  return { ok: false, errors: inColumnOrder(errors) };
}

/** Problems left to right, as the coordinator reads the row; row-wide ones last. */
function inColumnOrder(errors: ImportRowError[]): ImportRowError[] {
  const position = (error: ImportRowError) => {
    const index = IMPORT_HEADERS.indexOf(error.column);
    return index === -1 ? IMPORT_HEADERS.length : index;
  };
  return [...errors].sort((a, b) => position(a) - position(b));
}

/** The header of the column a schema path belongs to; an object-level problem names its first column. */
function columnOf(path: string[]): string {
  for (let length = path.length; length > 0; length -= 1) {
    const prefix = path.slice(0, length).join('.');
    const exact = IMPORT_COLUMNS.find((column) => column.field === prefix);
    if (exact) return exact.header;
    const first = IMPORT_COLUMNS.find((column) => column.field.startsWith(`${prefix}.`));
    if (first && length === path.length) return first.header;
  }
  return '(baris)';
}

/** Spreadsheets leave stray spaces and a leading apostrophe (Excel's "this is text" mark). */
function cleanCell(cell: string | undefined): string | undefined {
  const trimmed = cell?.trim().replace(/^'/, '').trim();
  return trimmed ? trimmed : undefined;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys.at(-1)!] = value;
}

/** NIK, KK and NPSN: digits, with spaces or dots between groups allowed; Excel's 6,40804E+15 is caught with a hint. */
function digitsOnly(label: string): (cell: string) => unknown {
  return (cell) => {
    if (/^\d([.,]\d+)?E\+?\d+$/i.test(cell)) {
      return new CellProblem(`${label} terbaca sebagai angka ilmiah (${cell}); format kolom ini sebagai Teks di spreadsheet lalu ketik ulang.`);
    }
    return cell.replace(/[\s.]/g, '');
  };
}

function readDate(cell: string): unknown {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(cell);
  const local = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(cell);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : local ? [local[3], local[2], local[1]] : [];
  if (!year || !month || !day) return new CellProblem(DATE_FORMATS_MESSAGE);
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function readSex(cell: string): unknown {
  const value = cell.toLowerCase().replace(/[\s-]/g, '');
  if (['l', 'lk', 'lakilaki', 'pria'].includes(value)) return 'L';
  if (['p', 'pr', 'perempuan', 'wanita'].includes(value)) return 'P';
  return cell;
}

const comparable = (text: string) => text.toLowerCase().replace(/[\s._-]+/g, '');

function readKecamatan(cell: string): unknown {
  const key = comparable(cell);
  return KECAMATAN.find((k) => k.code === key || comparable(k.name) === key)?.code ?? cell;
}

function readSchoolLevel(cell: string): unknown {
  const value = cell.toUpperCase().replace(/[\s-]+/g, '_');
  return value === 'MTS' || value === 'MT' ? 'MTS' : value;
}

function readGrade(cell: string): unknown {
  return /^\d{1,2}$/.test(cell) ? Number(cell) : new CellProblem('Kelas harus berupa angka 1 sampai 12.');
}

function readReasons(cell: string): unknown {
  const parts = cell.split(/[;,]/).map((part) => part.trim()).filter(Boolean);
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const part of parts) {
    const key = comparable(part);
    const code = REASON_CODES.find((c) => comparable(c) === key || comparable(REASON_LABELS[c]) === key);
    if (code) {
      if (!codes.includes(code)) codes.push(code);
    } else unknown.push(part);
  }
  if (unknown.length > 0) {
    return new CellProblem(`Alasan tidak dikenal: ${unknown.join(', ')}. Gunakan kode (${REASON_CODES.join(', ')}) atau namanya.`);
  }
  return codes;
}

function readSource(cell: string): unknown {
  const key = comparable(cell);
  return REPORT_SOURCES.find((s) => comparable(s) === key || comparable(REPORT_SOURCE_LABELS[s]) === key) ?? cell;
}

/** The template file: the header row only, `;`-separated with a byte-order mark, as Excel in an Indonesian locale opens it. */
export function importTemplateCsv(): string {
  return `\uFEFF${IMPORT_HEADERS.join(';')}\r\n`;
}
