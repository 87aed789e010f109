import { IMPORT_HEADERS } from '../../../domain/csv-import.js';

export type CsvRow = Partial<Record<(typeof IMPORT_HEADERS)[number], string>>;

/** A file as a coordinator's spreadsheet exports it: `;`-separated, BOM, CRLF. */
export function csvFile(rows: CsvRow[]): Buffer {
  const quote = (cell: string) => (/[;"\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const lines = [IMPORT_HEADERS.join(';'), ...rows.map((row) => IMPORT_HEADERS.map((header) => quote(row[header] ?? '')).join(';'))];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

const FIRST = ['Siti', 'Andi', 'Budi', 'Rina', 'Dewi', 'Agus', 'Putri', 'Rizky', 'Nur', 'Fajar', 'Indah', 'Yusuf', 'Maya', 'Bayu', 'Lestari', 'Hendra', 'Wulan', 'Eko', 'Sari', 'Dimas'];
const LAST = ['Rahmawati', 'Saputra', 'Santoso', 'Wijaya', 'Hidayat', 'Pratama', 'Lestari', 'Nugroho', 'Kurniawan', 'Permata', 'Setiawan', 'Utami', 'Gunawan', 'Anggraini', 'Firmansyah', 'Maharani', 'Ramadhan', 'Susanti', 'Hakim', 'Safitri'];
const DESA_WORDS = ['Swarga', 'Singa', 'Teluk', 'Sepaso', 'Kabo', 'Tepian', 'Manubar', 'Miau', 'Karya', 'Bumi', 'Sido', 'Long', 'Sukarahmat', 'Mekar', 'Tanjung', 'Marga', 'Pinang', 'Batu', 'Sumber', 'Jaya'];

/**
 * The n-th distinct child: name, desa and birth date vary together so that no two children are
 * alike (not even "likely duplicates" by name, date and desa), and a NIK consistent with the rest.
 */
export function child(n: number, withNik: boolean): CsvRow {
  const birth = new Date(Date.UTC(2010, 0, 1) + (n % 2900) * 86_400_000);
  const female = n % 2 === 0;
  const dd = String(birth.getUTCDate()).padStart(2, '0');
  const mm = String(birth.getUTCMonth() + 1).padStart(2, '0');
  const yy = String(birth.getUTCFullYear()).slice(2);
  const nikDay = String(birth.getUTCDate() + (female ? 40 : 0)).padStart(2, '0');
  const name = `${FIRST[n % 20]} ${LAST[Math.floor(n / 20) % 20]} ${LAST[Math.floor(n / 400) % 20]}`;
  return {
    nama_lengkap: name,
    nik: withNik ? `640804${nikDay}${mm}${yy}${String(1 + (n % 9999)).padStart(4, '0')}` : '',
    tanggal_lahir: n % 3 === 0 ? `${dd}/${mm}/${birth.getUTCFullYear()}` : `${birth.getUTCFullYear()}-${mm}-${dd}`,
    jenis_kelamin: female ? 'P' : 'L',
    kecamatan: n % 4 === 0 ? 'Sangatta Utara' : '640804',
    desa: `${DESA_WORDS[n % 20]} ${DESA_WORDS[Math.floor(n / 20) % 20]} ${Math.floor(n / 400)}`,
    alamat: `Jl. Poros RT ${n % 40}`,
    kategori: 'BPB',
    alasan: n % 5 === 0 ? 'Ekonomi; Bekerja' : 'ECONOMIC',
    sumber: 'SIPBM',
    referensi_sumber: `SIPBM-2026-${n}`,
  };
}
