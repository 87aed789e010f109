import { CASE_OUTCOMES, CASE_STAGES, CLOSE_REASONS, closeCaseRequestSchema, ROLL_FINDINGS } from '../../domain/case.js';
import { ATS_CATEGORIES, intakeReportSchema, REPORT_SOURCES } from '../../domain/intake.js';
import { RETURN_PATHS, TASK_TYPES } from '../../domain/tasks.js';
import { isoDate, z } from '../../domain/validation.js';

/** HTTP shapes of the case routes; the domain schemas stay the source of truth for what comes in. */

export const intakeBodySchema = intakeReportSchema.meta({
  description: 'Laporan anak tidak sekolah. NIK boleh kosong bila anak belum memiliki dokumen kependudukan.',
  examples: [
    {
      child: {
        fullName: 'Siti Aminah',
        nik: '6408045203120002',
        birthDate: '2012-03-12',
        sex: 'P',
        kecamatan: '640804',
        desa: 'Singa Gembara',
        address: 'Jl. Poros Sangatta–Bontang RT 12',
      },
      guardian: { name: 'Rahmawati', phone: '081234567890' },
      category: 'DO',
      lastSchool: { name: 'SD Negeri 001 Sangatta Utara', npsn: '30401234', level: 'SD', lastGrade: 5 },
      reasons: ['ECONOMIC', 'DISTANCE'],
      source: { channel: 'VILLAGE', reference: 'SIPBM-2025-0141' },
    },
  ],
});

export const closeBodySchema = closeCaseRequestSchema.meta({
  examples: [{ reason: 'MOVED', note: 'Keluarga pindah ke Samarinda sejak Juli.' }],
});

export const caseIdParamsSchema = z.object({
  caseId: z.string().min(1).max(120).regex(/^[A-Za-z0-9._:-]+$/, 'Nomor kasus tidak valid.'),
});

const isoDateTime = z.string().meta({ format: 'date-time' });

export const caseSummarySchema = z
  .object({
    caseId: z.string(),
    stage: z.enum(CASE_STAGES),
    stageLabel: z.string(),
    kecamatan: z.string(),
    kecamatanName: z.string(),
    desa: z.string(),
    category: z.enum(ATS_CATEGORIES),
    overdue: z.boolean(),
    nextDeadline: isoDateTime.optional(),
    reportCount: z.number().int(),
    outcome: z.enum(CASE_OUTCOMES).optional(),
    openedAt: isoDateTime,
    closedAt: isoDateTime.optional(),
  })
  .meta({
    id: 'CaseSummary',
    description: 'Ringkasan kasus tanpa data pribadi anak.',
    examples: [
      {
        caseId: 'case-3f9a0c2e7b1d4a6f',
        stage: 'HOME_VISIT',
        stageLabel: 'Kunjungan rumah',
        kecamatan: '640804',
        kecamatanName: 'Sangatta Utara',
        desa: 'Singa Gembara',
        category: 'DO',
        overdue: false,
        nextDeadline: '2025-08-14T09:00:00.000Z',
        reportCount: 2,
        openedAt: '2025-08-04T02:31:00.000Z',
      },
    ],
  });
export type CaseSummary = z.infer<typeof caseSummarySchema>;

const taskViewSchema = z.object({
  taskId: z.string(),
  type: z.enum(TASK_TYPES),
  status: z.enum(['OPEN', 'COMPLETED', 'CANCELLED']),
  assignee: z.object({ officerId: z.string(), name: z.string() }),
  openedAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  escalationLevel: z.number().int(),
});

export const caseDetailSchema = caseSummarySchema
  .extend({
    /** False when only the database copy could be read (the process is finished or unreachable). */
    live: z.boolean(),
    child: z
      .object({
        fullName: z.string(),
        nik: z.string().optional().describe('Disamarkan kecuali untuk peran ADMIN.'),
        noKk: z.string().optional().describe('Disamarkan kecuali untuk peran ADMIN.'),
        birthDate: z.string(),
        sex: z.enum(['L', 'P']),
        desa: z.string(),
        address: z.string(),
      })
      .optional(),
    identityStatus: z.enum(['UNVERIFIED', 'CONFIRMED', 'CORRECTED', 'REGISTERED']).optional(),
    welfare: z
      .object({
        status: z.enum(['REGISTERED', 'NOT_REGISTERED', 'UNKNOWN']),
        decile: z.number().int().optional(),
        pipCandidate: z.boolean(),
      })
      .optional(),
    waitingFor: z
      .object({
        registry: z.enum(['DUKCAPIL', 'DINSOS', 'DAPODIK', 'SYSTEM']),
        reason: z.string().optional(),
        since: z.string(),
        failedAttempts: z.number().int(),
        nextAttemptAt: z.string(),
      })
      .optional(),
    sources: z
      .array(z.object({ channel: z.enum(REPORT_SOURCES), reference: z.string().optional(), reportedAt: z.string() }))
      .optional(),
    tasks: z.array(taskViewSchema),
    visitAttempts: z.number().int().optional(),
    agreedPath: z.enum(RETURN_PATHS).optional(),
    closeReason: z.enum(CLOSE_REASONS).optional(),
    enrolment: z
      .object({ npsn: z.string(), schoolName: z.string(), enrolmentDate: z.string(), grade: z.number().int() })
      .optional(),
    monitoring: z
      .object({
        checks: z.array(z.object({ dueAt: z.string(), checkedAt: z.string().optional(), finding: z.enum(ROLL_FINDINGS).optional() })),
      })
      .optional()
      .describe('Pemeriksaan Dapodik setelah pendaftaran sekolah: yang sudah dilakukan dan yang akan datang.'),
  })
  .meta({ id: 'CaseDetail', description: 'Kasus lengkap: salinan basis data digabung dengan status proses yang sedang berjalan.' });
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const intakeCreatedSchema = z
  .object({ caseId: z.string(), status: z.enum(['CREATED', 'REOPENED']), case: caseSummarySchema })
  .meta({ description: 'Kasus baru dibuat (atau kasus yang sudah ditutup dibuka kembali).' });

export const intakeJoinedSchema = z
  .object({ caseId: z.string(), status: z.literal('JOINED_EXISTING'), reportCount: z.number().int() })
  .meta({
    description: 'Anak ini sudah memiliki kasus yang berjalan; laporan ditambahkan ke kasus tersebut.',
    examples: [{ caseId: 'case-3f9a0c2e7b1d4a6f', status: 'JOINED_EXISTING', reportCount: 2 }],
  });

export const intakeInReviewSchema = z
  .object({ status: z.literal('IN_REVIEW'), reviewId: z.string(), message: z.string() })
  .meta({
    description:
      'Anak tanpa NIK ini mirip dengan anak yang sudah memiliki kasus. Laporan menunggu tinjauan duplikat: koordinator menggabungkannya ke kasus yang ada atau membuat kasus tersendiri.',
    examples: [
      {
        status: 'IN_REVIEW',
        reviewId: 'dup-k3m9q2x7b4n8w5c1z6ra',
        message: 'Anak ini mirip dengan anak yang sudah memiliki kasus. Laporan belum dibuat menjadi kasus dan menunggu keputusan koordinator.',
      },
    ],
  });

export const listQuerySchema = z.object({
  stage: z.enum(CASE_STAGES).optional(),
  kecamatan: z.string().regex(/^\d{6}$/, 'Kode kecamatan terdiri dari 6 angka.').optional(),
  category: z.enum(ATS_CATEGORIES).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  from: isoDate.optional().meta({ description: 'Dilaporkan sejak tanggal ini (TTTT-BB-HH, WITA), termasuk.' }),
  to: isoDate.optional().meta({ description: 'Dilaporkan sampai tanggal ini (TTTT-BB-HH, WITA), termasuk.' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const caseListSchema = z
  .object({ items: z.array(caseSummarySchema), nextCursor: z.string().nullable(), total: z.number().int() })
  .meta({ description: 'Kasus terbaru lebih dulu. Kirim `nextCursor` sebagai `cursor` untuk halaman berikutnya.' });

export const closedSchema = z.object({ caseId: z.string(), stage: z.literal('CLOSED') });

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({
    id: 'Error',
    examples: [
      {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'Data tidak valid.',
          fields: [{ field: 'child.nik', message: 'NIK harus terdiri dari 16 angka.' }],
        },
      },
    ],
  });
