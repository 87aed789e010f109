/**
 * NIK (Nomor Induk Kependudukan): 16 digits. Digits 1–6 are the region (province, regency,
 * kecamatan), 7–12 the birth date as DDMMYY with 40 added to the day for women, 13–16 a
 * sequence number that is never 0000.
 */
export interface NikParts {
  regionCode: string;
  birthDay: number;
  birthMonth: number;
  birthYearTwoDigits: number;
  sex: 'L' | 'P';
}

export type NikProblem = 'format' | 'region' | 'birth-date' | 'sequence';

export function parseNik(nik: string): NikParts | NikProblem {
  if (!/^\d{16}$/.test(nik)) return 'format';
  const province = Number(nik.slice(0, 2));
  if (province < 11 || province > 97 || nik.slice(2, 4) === '00') return 'region';
  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const sex = rawDay > 40 ? 'P' : 'L';
  const day = sex === 'P' ? rawDay - 40 : rawDay;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(month)) return 'birth-date';
  if (nik.slice(12) === '0000') return 'sequence';
  return { regionCode: nik.slice(0, 6), birthDay: day, birthMonth: month, birthYearTwoDigits: Number(nik.slice(10, 12)), sex };
}

function daysInMonth(month: number): number {
  return [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

export const NIK_PROBLEM_MESSAGES: Record<NikProblem, string> = {
  format: 'NIK harus terdiri dari 16 angka.',
  region: 'Kode wilayah pada NIK (6 angka pertama) tidak valid.',
  'birth-date': 'Tanggal lahir yang tertera pada NIK (angka ke-7 sampai ke-12) tidak valid.',
  sequence: 'Nomor urut pada NIK (4 angka terakhir) tidak boleh 0000.',
};

/** Shows only the region and the last two digits, e.g. 6408••••••••••12. */
export function maskNik(nik: string): string {
  return nik.length === 16 ? `${nik.slice(0, 4)}${'•'.repeat(10)}${nik.slice(14)}` : '•'.repeat(nik.length);
}
