import {
  CANDIDATE_REASONS,
  CANDIDATE_STATUSES,
  DISMISS_REASONS,
  KECAMATAN_COUNT_FIELDS,
  KECAMATAN_RESULT_STATUSES,
  RUN_STATUSES,
  RUN_TRIGGERS,
} from '../../domain/reconciliation.js';
import { z } from '../../domain/validation.js';

const countsSchema = z.object(Object.fromEntries(KECAMATAN_COUNT_FIELDS.map((field) => [field, z.number().int()])) as Record<
  (typeof KECAMATAN_COUNT_FIELDS)[number],
  z.ZodNumber
>);

export const runSummarySchema = z.object({
  id: z.string(),
  trigger: z.enum(RUN_TRIGGERS),
  status: z.enum(RUN_STATUSES),
  autoStart: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Over the kecamatan of the caller's area. */
  totals: countsSchema,
  kecamatanCount: z.number().int(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const kecamatanResultSchema = countsSchema.extend({
  kecamatan: z.string(),
  kecamatanName: z.string(),
  status: z.enum(KECAMATAN_RESULT_STATUSES),
  error: z.string().nullable(),
  pagesRead: z.number().int(),
});
export type KecamatanResultView = z.infer<typeof kecamatanResultSchema>;

export const runDetailSchema = runSummarySchema.extend({ results: z.array(kecamatanResultSchema) });
export type RunDetail = z.infer<typeof runDetailSchema>;

export const runListSchema = z.object({ items: z.array(runSummarySchema) });
export const runListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });
export const runIdParamsSchema = z.object({ id: z.string().min(1).max(200) });

export const candidateSchema = z.object({
  id: z.string(),
  kecamatan: z.string(),
  kecamatanName: z.string(),
  desa: z.string(),
  reason: z.enum(CANDIDATE_REASONS),
  status: z.enum(CANDIDATE_STATUSES),
  child: z.object({
    fullName: z.string(),
    nik: z.string().meta({ description: 'Disamarkan kecuali untuk peran ADMIN.' }),
    birthDate: z.string(),
    sex: z.enum(['L', 'P']),
    address: z.string(),
  }),
  lastSchool: z
    .object({
      npsn: z.string(),
      schoolName: z.string(),
      level: z.string(),
      grade: z.number().int(),
      exitType: z.string().nullable(),
      exitDate: z.string().nullable(),
    })
    .nullable(),
  raisedInRun: z.string(),
  raisedAt: z.string(),
  decidedAt: z.string().nullable(),
  dismissReason: z.enum(DISMISS_REASONS).nullable(),
  note: z.string().nullable(),
  caseId: z.string().nullable(),
  reviewId: z.string().nullable(),
  dueAt: z.string().nullable().meta({ description: 'Batas waktu keputusan koordinator; kosong untuk tinjauan yang dibuka sebelum ada batas waktu.' }),
  overdue: z.boolean().meta({ description: 'Masih menunggu keputusan setelah batas waktunya.' }),
  remindersSent: z.number().int(),
  escalationLevel: z.number().int().meta({ description: '0 belum dieskalasi; 1 kepala Disdikbud diberi tahu saat batas waktu lewat; 2 diberi tahu lagi.' }),
});
export type CandidateView = z.infer<typeof candidateSchema>;

export const candidateListQuerySchema = z.object({
  kecamatan: z.string().regex(/^\d{6}$/, 'Kode kecamatan terdiri dari 6 angka.').optional(),
  status: z.enum(CANDIDATE_STATUSES).optional(),
  run: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type CandidateListQuery = z.infer<typeof candidateListQuerySchema>;
export const candidateListSchema = z.object({ items: z.array(candidateSchema), total: z.number().int() });
export const candidateIdParamsSchema = z.object({ id: z.string().uuid('Id kandidat tidak valid.') });

export const decisionResultSchema = z.object({
  candidateId: z.string(),
  status: z.enum(['CASE_STARTED', 'CASE_IN_REVIEW', 'DISMISSED']),
  caseId: z.string().optional(),
  reviewId: z.string().optional(),
});

export const outreachProgressSchema = z
  .object({
    items: z.array(z.object({ kecamatan: z.string(), kecamatanName: z.string(), open: z.number().int(), done: z.number().int() })),
    totals: z.object({ open: z.number().int(), done: z.number().int() }),
  })
  .meta({ description: 'Kunjungan pencegahan per kecamatan di wilayah pemanggil: keluarga yang menunggu kunjungan (open) dan yang kunjungannya sudah dicatat petugas (done).' });
export type OutreachProgress = z.infer<typeof outreachProgressSchema>;
