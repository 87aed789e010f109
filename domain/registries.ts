import { IDENTITY_FIELDS } from './tasks.js';
import { isoDate, z } from './validation.js';

/**
 * HTTP contracts of the external registries. The production adapters and our simulators
 * both speak exactly these shapes.
 *
 * Dukcapil: POST {DUKCAPIL_URL}/v1/verifikasi  body DukcapilVerifyRequest → 200 DukcapilVerifyResponse
 *           GET  {DUKCAPIL_URL}/v1/penduduk-usia-sekolah?kecamatan=640804&page=1&pageSize=500 → 200 DukcapilResidentPage
 * Dinsos:   POST {DINSOS_URL}/v1/status-kesejahteraan body DinsosStatusRequest → 200 DinsosStatusResponse
 * Both: 4xx for a malformed request (not retried), 5xx or a timeout when the service is down (retried).
 */
export const dukcapilVerifyRequestSchema = z.object({
  nik: z.string().regex(/^\d{16}$/),
  fullName: z.string().min(1),
  birthDate: isoDate,
  sex: z.enum(['L', 'P']).optional(),
  noKk: z.string().regex(/^\d{16}$/).optional(),
});
export type DukcapilVerifyRequest = z.infer<typeof dukcapilVerifyRequestSchema>;

export const civilRecordSchema = z.object({
  nik: z.string(),
  noKk: z.string(),
  fullName: z.string(),
  birthDate: isoDate,
  sex: z.enum(['L', 'P']),
  kecamatanCode: z.string(),
  desa: z.string(),
});
export type CivilRecord = z.infer<typeof civilRecordSchema>;

export const dukcapilVerifyResponseSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('MATCH'), record: civilRecordSchema }),
  z.object({
    status: z.literal('MISMATCH'),
    record: civilRecordSchema,
    differences: z.array(z.object({ field: z.enum(IDENTITY_FIELDS), reported: z.string(), registry: z.string() })).min(1),
  }),
  z.object({ status: z.literal('NOT_FOUND') }),
]);
export type DukcapilVerifyResponse = z.infer<typeof dukcapilVerifyResponseSchema>;

/**
 * Dukcapil's list of the residents of compulsory school age (7–18 on the registry's day) of one kecamatan,
 * page by page, always in the same order (by NIK), so that a reader resumes at any page.
 */
export const DUKCAPIL_MAX_PAGE_SIZE = 1000;

export const dukcapilResidentQuerySchema = z.object({
  kecamatan: z.string().regex(/^\d{6}$/),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(DUKCAPIL_MAX_PAGE_SIZE).default(100),
});
export type DukcapilResidentQuery = z.infer<typeof dukcapilResidentQuerySchema>;

/** A resident as the listing gives them: the civil record and the address on the family card. */
export const residentRecordSchema = civilRecordSchema.extend({ address: z.string() });
export type ResidentRecord = z.infer<typeof residentRecordSchema>;

export const dukcapilResidentPageSchema = z.object({
  items: z.array(residentRecordSchema),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  total: z.number().int().min(0),
  /** The registry's day the ages were counted on (YYYY-MM-DD). */
  asOf: isoDate,
});
export type DukcapilResidentPage = z.infer<typeof dukcapilResidentPageSchema>;

export const dinsosStatusRequestSchema = z
  .object({ nik: z.string().regex(/^\d{16}$/).optional(), noKk: z.string().regex(/^\d{16}$/).optional() })
  .refine((r) => r.nik || r.noKk, 'nik or noKk is required');
export type DinsosStatusRequest = z.infer<typeof dinsosStatusRequestSchema>;

export const WELFARE_PROGRAMMES = ['PKH', 'BPNT', 'PIP', 'KIP', 'PBI_JK'] as const;

export const dinsosStatusResponseSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('REGISTERED'),
    noKk: z.string(),
    decile: z.number().int().min(1).max(10),
    programmes: z.array(z.enum(WELFARE_PROGRAMMES)),
  }),
  z.object({ status: z.literal('NOT_REGISTERED') }),
]);
export type DinsosStatusResponse = z.infer<typeof dinsosStatusResponseSchema>;

/**
 * Dinsos's list of the registered households of a kecamatan up to a decile, page by page, in family card
 * order, with their members' NIKs (DTSEN keeps households with their members):
 * GET {DINSOS_URL}/v1/keluarga?kecamatan=640804&maxDecile=4&page=1&pageSize=500 → 200 DinsosHouseholdPage
 */
export const DINSOS_MAX_PAGE_SIZE = 1000;

export const dinsosHouseholdQuerySchema = z.object({
  kecamatan: z.string().regex(/^\d{6}$/),
  maxDecile: z.coerce.number().int().min(1).max(10),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(DINSOS_MAX_PAGE_SIZE).default(100),
});
export type DinsosHouseholdQuery = z.infer<typeof dinsosHouseholdQuerySchema>;

export const dinsosHouseholdSchema = z.object({
  noKk: z.string().regex(/^\d{16}$/),
  desa: z.string(),
  decile: z.number().int().min(1).max(10),
  programmes: z.array(z.enum(WELFARE_PROGRAMMES)),
  memberNiks: z.array(z.string().regex(/^\d{16}$/)),
});
export type DinsosHousehold = z.infer<typeof dinsosHouseholdSchema>;

export const dinsosHouseholdPageSchema = z.object({
  items: z.array(dinsosHouseholdSchema),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  total: z.number().int().min(0),
});
export type DinsosHouseholdPage = z.infer<typeof dinsosHouseholdPageSchema>;

/** Wajib belajar 12 tahun: the ages at which a child belongs in school and on the roll. */
export const COMPULSORY_SCHOOL_AGE = { min: 7, max: 18 } as const;

/**
 * Dapodik, the national school roll (Kemendikdasmen): one row per pupil, their current or last enrolment.
 *
 * GET  {DAPODIK_URL}/v1/peserta-didik?kecamatan=640804&page=1&pageSize=500 → 200 DapodikPupilPage
 *      (the pupils of the kecamatan's schools, always in the same order)
 * POST {DAPODIK_URL}/v1/peserta-didik/cari body DapodikFindRequest → 200 DapodikFindResponse
 * Errors as for the other registries.
 */
export const SCHOOL_LEVELS = ['SD', 'SMP', 'SMA', 'SMK', 'SLB'] as const;
export const SCHOOL_EXIT_TYPES = ['DO', 'GRADUATED', 'MOVED'] as const;
export const DAPODIK_MAX_PAGE_SIZE = 1000;

export const dapodikPupilQuerySchema = z.object({
  kecamatan: z.string().regex(/^\d{6}$/),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(DAPODIK_MAX_PAGE_SIZE).default(100),
});
export type DapodikPupilQuery = z.infer<typeof dapodikPupilQuerySchema>;

const enrolmentFields = {
  nik: z.string().regex(/^\d{16}$/),
  nisn: z.string().regex(/^\d{10}$/),
  npsn: z.string().regex(/^\d{8}$/),
  schoolName: z.string().min(1),
  level: z.enum(SCHOOL_LEVELS),
  grade: z.number().int().min(1).max(12),
};
const activePupilSchema = z.object({ ...enrolmentFields, status: z.literal('ACTIVE') });
const exitedPupilSchema = z.object({
  ...enrolmentFields,
  status: z.literal('EXITED'),
  exitType: z.enum(SCHOOL_EXIT_TYPES),
  exitDate: isoDate,
});
export const dapodikPupilSchema = z.discriminatedUnion('status', [activePupilSchema, exitedPupilSchema]);
export type DapodikPupil = z.infer<typeof dapodikPupilSchema>;

export const dapodikPupilPageSchema = z.object({
  items: z.array(dapodikPupilSchema),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  total: z.number().int().min(0),
});
export type DapodikPupilPage = z.infer<typeof dapodikPupilPageSchema>;

export const dapodikFindRequestSchema = z.object({ nik: z.string().regex(/^\d{16}$/) });
export type DapodikFindRequest = z.infer<typeof dapodikFindRequestSchema>;

export const dapodikFindResponseSchema = z.discriminatedUnion('status', [
  activePupilSchema,
  exitedPupilSchema,
  z.object({ status: z.literal('NOT_FOUND') }),
]);
export type DapodikFindResponse = z.infer<typeof dapodikFindResponseSchema>;
