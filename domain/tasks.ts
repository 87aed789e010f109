import { CLOSE_REASONS } from './case.js';
import { REASON_CODES } from './intake.js';
import { nikSchema, noKkSchema } from './intake.js';
import { isoDate, withoutControlCharacters, z } from './validation.js';

export const TASK_TYPES = [
  'DUKCAPIL_CORRECTION',
  'DUKCAPIL_REGISTRATION',
  'DINSOS_REFERRAL',
  'VISIT_SCHEDULING',
  'VISIT_REPORT',
  'ENROLMENT_CONFIRMATION',
  'COORDINATOR_DECISION',
  'RETENTION_CHECK',
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const AGENCIES = ['DISDIKBUD', 'DUKCAPIL', 'DINSOS'] as const;
export type Agency = (typeof AGENCIES)[number];
export const AGENCY_LABELS: Record<Agency, string> = {
  DISDIKBUD: 'Disdikbud',
  DUKCAPIL: 'Disdukcapil',
  DINSOS: 'Dinsos',
};
export const OFFICER_ROLES = ['FIELD_OFFICER', 'SUPERVISOR', 'COORDINATOR', 'HEAD'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

/** Which agency and role does each kind of task. */
export const TASK_OWNERS: Record<TaskType, { agency: Agency; role: OfficerRole }> = {
  DUKCAPIL_CORRECTION: { agency: 'DUKCAPIL', role: 'FIELD_OFFICER' },
  DUKCAPIL_REGISTRATION: { agency: 'DUKCAPIL', role: 'FIELD_OFFICER' },
  DINSOS_REFERRAL: { agency: 'DINSOS', role: 'FIELD_OFFICER' },
  VISIT_SCHEDULING: { agency: 'DISDIKBUD', role: 'FIELD_OFFICER' },
  VISIT_REPORT: { agency: 'DISDIKBUD', role: 'FIELD_OFFICER' },
  ENROLMENT_CONFIRMATION: { agency: 'DISDIKBUD', role: 'FIELD_OFFICER' },
  COORDINATOR_DECISION: { agency: 'DISDIKBUD', role: 'COORDINATOR' },
  RETENTION_CHECK: { agency: 'DISDIKBUD', role: 'FIELD_OFFICER' },
};

export const TASK_TITLES: Record<TaskType, string> = {
  DUKCAPIL_CORRECTION: 'Perbaikan data kependudukan',
  DUKCAPIL_REGISTRATION: 'Pendaftaran dokumen kependudukan anak',
  DINSOS_REFERRAL: 'Rujukan bantuan PIP/KIP',
  VISIT_SCHEDULING: 'Jadwalkan kunjungan rumah',
  VISIT_REPORT: 'Laporan kunjungan rumah',
  ENROLMENT_CONFIRMATION: 'Konfirmasi pendaftaran sekolah',
  COORDINATOR_DECISION: 'Keputusan koordinator',
  RETENTION_CHECK: 'Pastikan anak masih bersekolah',
};

export const IDENTITY_FIELDS = ['fullName', 'birthDate', 'sex', 'noKk'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

export const RETURN_PATHS = [
  'FORMAL_SCHOOL', 'PAKET_A', 'PAKET_B', 'PAKET_C', 'SPECIAL_SCHOOL', 'PESANTREN_MADRASAH', 'VOCATIONAL_COURSE',
] as const;
export type ReturnPath = (typeof RETURN_PATHS)[number];
export const RETURN_PATH_LABELS: Record<ReturnPath, string> = {
  FORMAL_SCHOOL: 'Sekolah formal',
  PAKET_A: 'Kesetaraan Paket A (PKBM)',
  PAKET_B: 'Kesetaraan Paket B (PKBM)',
  PAKET_C: 'Kesetaraan Paket C (PKBM)',
  SPECIAL_SCHOOL: 'Sekolah Luar Biasa (SLB)',
  PESANTREN_MADRASAH: 'Pesantren / madrasah',
  VOCATIONAL_COURSE: 'Kursus / pelatihan vokasi',
};

const note = z.string().trim().max(1000).optional();
const npsn = z.string().trim().regex(/^\d{8}$/, 'NPSN harus terdiri dari 8 angka.');

/** What each kind of task shows the officer (set by the workflow when the task opens). */
export interface TaskContexts {
  DUKCAPIL_CORRECTION: { differences: { field: IdentityField; reported: string; registry: string }[] };
  DUKCAPIL_REGISTRATION: { reason: 'NO_NIK' | 'NOT_FOUND' };
  DINSOS_REFERRAL: { decile: number; programmes: string[] };
  /** `followUp` when the visit is because the child left school again after the enrolment. */
  VISIT_SCHEDULING: { attempt: number; followUp?: LeftSchool };
  VISIT_REPORT: { attempt: number; visitDate: string };
  ENROLMENT_CONFIRMATION: { agreedPath: ReturnPath; targetSchool?: { name: string; npsn?: string } };
  COORDINATOR_DECISION: { question: 'FAMILY_NOT_FOUND' | 'FAMILY_UNWILLING'; visitAttempts: number };
  /** The school roll could not confirm the child at the last monitoring check: the officer asks the school. */
  RETENTION_CHECK: { schoolName: string; npsn: string; enrolmentDate: string; rollFinding: 'NOT_YET_ON_ROLL' | 'ROLL_UNAVAILABLE' };
}

/** How the case learned that the child left school again after the enrolment. */
export type LeftSchool =
  | { seenBy: 'DAPODIK'; schoolName: string; npsn: string; exitType: string; exitDate: string }
  | { seenBy: 'OFFICER'; schoolName: string; npsn: string };

const formSchemas = {
  DUKCAPIL_CORRECTION: z
    .object({
      resolution: z.enum(['REGISTRY_IS_CORRECT', 'REGISTRY_UPDATED'], { message: 'Pilih hasil pemeriksaan.' }),
      fullName: z.string().trim().min(2).max(120),
      birthDate: isoDate,
      sex: z.enum(['L', 'P'], { message: 'Pilih L (laki-laki) atau P (perempuan).' }),
      noKk: noKkSchema.optional(),
      note,
    })
    .strict(),
  DUKCAPIL_REGISTRATION: z
    .object({
      nik: nikSchema,
      noKk: noKkSchema,
      birthCertificateNumber: z.string().trim().min(3).max(60).optional(),
      note,
    })
    .strict(),
  DINSOS_REFERRAL: z
    .object({
      outcome: z.enum(['PIP_PROPOSED', 'ALREADY_RECEIVING', 'NOT_ELIGIBLE'], { message: 'Pilih hasil rujukan.' }),
      note,
    })
    .strict(),
  VISIT_SCHEDULING: z.object({ visitDate: isoDate, note }).strict(),
  VISIT_REPORT: z.discriminatedUnion(
    'familyMet',
    [
      z
        .object({
          familyMet: z.literal(true),
          reasonsConfirmed: z.array(z.enum(REASON_CODES)).min(1),
          childWilling: z.boolean(),
          parentsWilling: z.boolean(),
          agreedPath: z.enum(RETURN_PATHS, { message: 'Pilih jalur kembali sekolah.' }),
          targetSchool: z.object({ name: z.string().trim().min(2).max(150), npsn: npsn.optional() }).strict().optional(),
          note,
        })
        .strict(),
      z
        .object({
          familyMet: z.literal(false),
          whyNotMet: z.enum(['NOT_HOME', 'ADDRESS_NOT_FOUND', 'MOVED', 'OTHER'], { message: 'Pilih alasan.' }),
          note,
        })
        .strict(),
    ],
    { message: 'Pilih apakah keluarga berhasil ditemui.' },
  ),
  ENROLMENT_CONFIRMATION: z
    .object({
      npsn,
      schoolName: z.string().trim().min(2).max(150),
      enrolmentDate: isoDate,
      grade: z.number({ message: 'Kelas harus berupa angka.' }).int().min(1).max(12),
      note,
    })
    .strict(),
  COORDINATOR_DECISION: z
    .object({
      decision: z.enum(['KEEP_TRYING', 'CLOSE'], { message: 'Pilih keputusan.' }),
      closeReason: z.enum(CLOSE_REASONS, { message: 'Alasan penutupan tidak dikenal.' }).optional(),
      note: z.string().trim().min(5).max(1000),
    })
    .strict()
    .refine((d) => d.decision !== 'CLOSE' || d.closeReason !== undefined, {
      path: ['closeReason'],
      message: 'Alasan penutupan wajib diisi bila kasus ditutup.',
    }),
  RETENTION_CHECK: z
    .object({
      attending: z.boolean({ message: 'Pilih apakah anak masih bersekolah.' }),
      note,
    })
    .strict(),
} satisfies Record<TaskType, z.ZodType>;

/**
 * What the officer submits for each kind of task. One schema serves the HTML form, the JSON API and
 * the workflow's update validator; none takes a control character in its text.
 */
export const taskFormSchemas = Object.fromEntries(
  Object.entries(formSchemas).map(([type, schema]) => [type, withoutControlCharacters(schema)]),
) as typeof formSchemas;

export type TaskForm<T extends TaskType> = z.infer<(typeof taskFormSchemas)[T]>;
export type TaskContext<T extends TaskType> = TaskContexts[T];

/** A submission as it reaches the workflow: the API has already checked the link's token. */
export interface TaskSubmission {
  taskId: string;
  officerId: string;
  /** The raw form, validated against the task type's schema by the update's validator. */
  form: unknown;
}
