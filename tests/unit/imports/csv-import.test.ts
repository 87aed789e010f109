import { describe, expect, it } from 'vitest';
import { readImportFile } from '../../../api/imports/import-file.js';
import { IMPORT_COLUMNS, IMPORT_HEADERS, importTemplateCsv } from '../../../domain/csv-import.js';
import { intakeReportSchema } from '../../../domain/intake.js';

const limits = { maxRows: 100 };
const HEADER = IMPORT_HEADERS.join(';');

/** A row in template order; cells by header. */
function line(cells: Partial<Record<(typeof IMPORT_HEADERS)[number], string>>, delimiter = ';'): string {
  return IMPORT_HEADERS.map((header) => cells[header] ?? '').map((cell) => (/[;,"\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(delimiter);
}

const siti = {
  nama_lengkap: 'Siti Rahmawati', tanggal_lahir: '2013-05-14', jenis_kelamin: 'P', kecamatan: '640804', desa: 'Swarga Bara',
  alamat: 'Jl. Poros Kabo RT 12', kategori: 'BPB', alasan: 'ECONOMIC', sumber: 'SIPBM',
};

function file(...lines: string[]): Buffer {
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

/** Every leaf of the intake schema: the template must have a column for each. */
function schemaLeaves(schema: unknown, prefix = ''): string[] {
  const def = (schema as { def?: { type: string; shape?: Record<string, unknown>; innerType?: unknown; in?: unknown } }).def;
  if (!def) return [prefix];
  if (def.type === 'optional' || def.type === 'default') return schemaLeaves(def.innerType, prefix);
  if (def.type === 'pipe') return schemaLeaves(def.in, prefix);
  if (def.type === 'object' && def.shape) return Object.entries(def.shape).flatMap(([key, value]) => schemaLeaves(value, prefix ? `${prefix}.${key}` : key));
  return [prefix];
}

describe('the CSV template', () => {
  it('has one column per field of the intake schema, with Indonesian headers', () => {
    expect(IMPORT_COLUMNS.map((c) => c.field).sort()).toEqual(schemaLeaves(intakeReportSchema).sort());
    expect(importTemplateCsv()).toBe(`\uFEFF${HEADER}\r\n`);
  });
});

describe('reading an uploaded file', () => {
  it('reads a row as the same report the API would accept, with the spreadsheet row number', () => {
    const result = readImportFile(file(HEADER, line(siti)), limits);
    expect(result).toMatchObject({ ok: true, rows: [{ rowNumber: 2, childName: 'Siti Rahmawati', errors: [] }] });
    if (!result.ok) return;
    expect(result.rows[0]!.report).toEqual(
      intakeReportSchema.parse({
        child: { fullName: 'Siti Rahmawati', birthDate: '2013-05-14', sex: 'P', kecamatan: '640804', desa: 'Swarga Bara', address: 'Jl. Poros Kabo RT 12' },
        category: 'BPB', reasons: ['ECONOMIC'], source: { channel: 'SIPBM' },
      }),
    );
    expect(result.fileHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('understands what Indonesian spreadsheets write: comma or semicolon files, BOM, local dates, names instead of codes', () => {
    const row = {
      ...siti, tanggal_lahir: '14/05/2013', jenis_kelamin: 'perempuan', kecamatan: 'sangatta utara', kategori: 'do',
      alasan: 'Ekonomi; bekerja', sumber: 'Survei SIPBM', sekolah_terakhir: 'SD Negeri 001', jenjang_sekolah_terakhir: 'sd',
      kelas_terakhir: '4', nik: "'6408045405130001", telepon_wali: '0812-3456-7890',
    };
    const commas = readImportFile(Buffer.from(`\uFEFF${IMPORT_HEADERS.join(',')}\n${line(row, ',')}\n`), limits);
    const semicolons = readImportFile(file(HEADER, line({ ...row, tanggal_lahir: '14-05-2013' })), limits);
    for (const result of [commas, semicolons]) {
      expect(result.ok && result.rows[0]!.errors).toEqual([]);
      expect(result.ok && result.rows[0]!.report).toMatchObject({
        child: { birthDate: '2013-05-14', sex: 'P', kecamatan: '640804', nik: '6408045405130001' },
        category: 'DO', reasons: ['ECONOMIC', 'WORKING'], source: { channel: 'SIPBM' },
        lastSchool: { name: 'SD Negeri 001', level: 'SD', lastGrade: 4 }, guardian: { phone: '081234567890' },
      });
    }
  });

  it('names the row and the column of every problem, in Bahasa Indonesia', () => {
    const result = readImportFile(
      file(
        HEADER,
        line({ ...siti, tanggal_lahir: '14.05.2013', kecamatan: 'Samarinda' }),
        line({ ...siti, nik: '6,40804E+15', alasan: 'malas' }),
        line({ ...siti, kategori: 'DO' }),
        line({ ...siti, nama_lengkap: '' }),
      ),
      limits,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows.map((r) => ({ row: r.rowNumber, report: r.report, errors: r.errors }))).toEqual([
      {
        row: 2, report: null,
        errors: [{ column: 'tanggal_lahir', message: expect.stringContaining('format tanggal') }, { column: 'kecamatan', message: 'Kecamatan tidak dikenal di Kabupaten Kutai Timur.' }],
      },
      {
        row: 3, report: null,
        errors: [{ column: 'nik', message: expect.stringContaining('angka ilmiah') }, { column: 'alasan', message: expect.stringContaining('Alasan tidak dikenal: malas') }],
      },
      { row: 4, report: null, errors: [{ column: 'sekolah_terakhir', message: 'Sekolah terakhir wajib diisi untuk kategori DO dan LTM.' }] },
      { row: 5, report: null, errors: [{ column: 'nama_lengkap', message: 'Wajib diisi.' }] },
    ]);
  });

  it('skips blank lines but keeps the row numbers people see in the spreadsheet', () => {
    const result = readImportFile(file(HEADER, line(siti), ';;;;', '', line({ ...siti, nama_lengkap: 'Budi' }), ''), limits);
    expect(result.ok && result.rows.map((r) => r.rowNumber)).toEqual([2, 5]);
  });

  it('refuses the whole file when its headers are not the template’s, naming them', () => {
    const result = readImportFile(file('nama_lengkap;tgl_lahir;jenis_kelamin;kecamatan;desa;alamat;kategori;sumber', 'x'), limits);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('Tidak dikenal: tgl_lahir') });
    expect(!result.ok && result.fields).toEqual([
      { field: 'tgl_lahir', message: 'Kolom tidak dikenal dalam templat.' },
      { field: 'tanggal_lahir', message: 'Kolom wajib tidak ada.' },
      { field: 'alasan', message: 'Kolom wajib tidak ada.' },
    ]);
  });

  it('refuses empty files, files without rows, broken quoting and files over the row limit', () => {
    expect(readImportFile(Buffer.from(''), limits)).toMatchObject({ ok: false, message: expect.stringContaining('kosong') });
    expect(readImportFile(file(HEADER), limits)).toMatchObject({ ok: false, message: expect.stringContaining('tidak berisi data') });
    expect(readImportFile(file(HEADER, `"Siti;${'x;'.repeat(5)}`), limits)).toMatchObject({ ok: false, message: expect.stringContaining('tidak dapat dibaca') });
    expect(readImportFile(file(HEADER, line(siti), line(siti), line(siti)), { maxRows: 2 })).toMatchObject({ ok: false, message: expect.stringContaining('paling banyak 2 baris') });
  });

  it('reads a file Excel saved in Windows-1252', () => {
    const latin1 = Buffer.from(`${HEADER}\r\n${line({ ...siti, nama_lengkap: 'Rénaldi Putra', catatan: 'Anak ke-2 · tinggal bersama nenek' })}`, 'latin1');
    const result = readImportFile(latin1, limits);
    expect(result.ok && result.rows[0]).toMatchObject({ childName: 'Rénaldi Putra', errors: [] });
  });
});
