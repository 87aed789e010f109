import { KECAMATAN_CODES } from './kecamatan.js';
import { NIK_PROBLEM_MESSAGES, parseNik } from './nik.js';
import { ageOn, isoDate, todayIso, withoutControlCharacters, z } from './validation.js';

export const ATS_CATEGORIES = ['DO', 'LTM', 'BPB'] as const;
export const ATS_CATEGORY_LABELS: Record<(typeof ATS_CATEGORIES)[number], string> = {
  DO: 'Putus sekolah (DO)',
  LTM: 'Lulus tidak melanjutkan (LTM)',
  BPB: 'Belum pernah bersekolah (BPB)',
};

export const REASON_CODES = [
  'ECONOMIC', 'WORKING', 'MARRIED', 'DISABILITY', 'DISTANCE', 'BULLYING',
  'MISSING_DOCUMENTS', 'NOT_INTERESTED', 'MOVED', 'OTHER',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];
export const REASON_LABELS: Record<ReasonCode, string> = {
  ECONOMIC: 'Ekonomi',
  WORKING: 'Bekerja',
  MARRIED: 'Menikah',
  DISABILITY: 'Disabilitas',
  DISTANCE: 'Jarak atau transportasi',
  BULLYING: 'Perundungan',
  MISSING_DOCUMENTS: 'Dokumen kependudukan tidak lengkap',
  NOT_INTERESTED: 'Tidak berminat',
  MOVED: 'Pindah',
  OTHER: 'Lainnya',
};

export const SCHOOL_LEVELS = ['PAUD', 'SD', 'SMP', 'SMA', 'SMK', 'PAKET_A', 'PAKET_B', 'PAKET_C', 'SLB', 'MI', 'MTS', 'MA'] as const;

export const REPORT_SOURCES = ['DAPODIK', 'SIPBM', 'VILLAGE', 'AGENCY', 'PUBLIC'] as const;
export const REPORT_SOURCE_LABELS: Record<(typeof REPORT_SOURCES)[number], string> = {
  DAPODIK: 'Sekolah / Dapodik',
  SIPBM: 'Survei SIPBM',
  VILLAGE: 'Pemerintah desa',
  AGENCY: 'OPD lain',
  PUBLIC: 'Masyarakat',
};

export const MIN_AGE = 5;
export const MAX_AGE = 21;

export const nikSchema = z.string().trim().superRefine((value, ctx) => {
  const parsed = parseNik(value);
  if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: NIK_PROBLEM_MESSAGES[parsed] });
});

export const noKkSchema = z.string().trim().regex(/^\d{16}$/, 'Nomor KK harus terdiri dari 16 angka.');

const phoneSchema = z
  .string()
  .trim()
  .regex(/^(\+62|62|0)8\d{7,12}$/, 'Nomor HP tidak valid (contoh: 081234567890).');

const personName = z.string().trim().min(2).max(120);

/**
 * A report that a child is out of school: the one shape used by the API, CSV import, workflow and forms.
 * Every object in it is strict: a misspelt key (`nikk`) is refused by name, never dropped, since a
 * report that loses its NIK silently opens a case without one.
 */
export const intakeReportSchema = withoutControlCharacters(
  z
    .object({
      child: z
        .object({
          fullName: personName,
          nik: nikSchema.optional(),
          noKk: noKkSchema.optional(),
          birthDate: isoDate,
          sex: z.enum(['L', 'P'], { message: 'Pilih L (laki-laki) atau P (perempuan).' }),
          kecamatan: z.enum(KECAMATAN_CODES, { message: 'Kecamatan tidak dikenal di Kabupaten Kutai Timur.' }),
          desa: z.string().trim().min(2).max(80),
          address: z.string().trim().min(3).max(300),
        })
        .strict(),
      guardian: z
        .object({
          name: personName.optional(),
          phone: phoneSchema.optional(),
          email: z.email('Alamat email tidak valid.').optional(),
        })
        .strict()
        .optional(),
      category: z.enum(ATS_CATEGORIES, { message: 'Kategori harus DO, LTM, atau BPB.' }),
      lastSchool: z
        .object({
          name: z.string().trim().min(2).max(150),
          npsn: z.string().regex(/^\d{8}$/, 'NPSN harus terdiri dari 8 angka.').optional(),
          level: z.enum(SCHOOL_LEVELS),
          lastGrade: z.number().int().min(1).max(12).optional(),
        })
        .strict()
        .optional(),
      reasons: z.array(z.enum(REASON_CODES)).min(1).max(REASON_CODES.length),
      source: z
        .object({
          channel: z.enum(REPORT_SOURCES, { message: 'Sumber laporan tidak dikenal.' }),
          reference: z.string().trim().max(120).optional(),
          reportedBy: z.string().trim().max(120).optional(),
        })
        .strict(),
      notes: z.string().trim().max(2000).optional(),
    })
    .strict()
    .superRefine((report, ctx) => {
      const age = ageOn(report.child.birthDate, todayIso());
      if (age < MIN_AGE || age > MAX_AGE) {
        ctx.addIssue({
          code: 'custom',
          path: ['child', 'birthDate'],
          message: `Usia anak harus antara ${MIN_AGE} dan ${MAX_AGE} tahun (usia menurut tanggal lahir ini: ${age} tahun).`,
        });
      }
      if (report.category !== 'BPB' && !report.lastSchool) {
        ctx.addIssue({ code: 'custom', path: ['lastSchool'], message: 'Sekolah terakhir wajib diisi untuk kategori DO dan LTM.' });
      }
    }),
);

export type IntakeReport = z.infer<typeof intakeReportSchema>;
export type ChildIdentity = IntakeReport['child'];
