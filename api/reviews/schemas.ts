import { REVIEW_DECISIONS, REVIEW_STATUSES, reviewDecisionSchema } from '../../domain/duplicate-review.js';
import { ATS_CATEGORIES, REPORT_SOURCES } from '../../domain/intake.js';
import { z } from '../../domain/validation.js';
import { caseSummarySchema } from '../cases/schemas.js';

/** HTTP shapes of the duplicate review routes. */

const isoDateTime = z.string().meta({ format: 'date-time' });

export const reviewIdParamsSchema = z.object({
  reviewId: z.string().min(1).max(60).regex(/^dup-[a-z2-7]+$/, 'Nomor tinjauan tidak valid.'),
});

export const reviewListQuerySchema = z.object({
  status: z.enum(REVIEW_STATUSES).optional(),
  kecamatan: z.string().regex(/^\d{6}$/, 'Kode kecamatan terdiri dari 6 angka.').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const reviewSummarySchema = z
  .object({
    reviewId: z.string(),
    status: z.enum(REVIEW_STATUSES),
    statusLabel: z.string(),
    kecamatan: z.string(),
    kecamatanName: z.string(),
    desa: z.string(),
    candidateCount: z.number().int(),
    topScore: z.number(),
    createdAt: isoDateTime,
    dueAt: isoDateTime.optional(),
    overdue: z.boolean(),
    decidedAt: isoDateTime.optional(),
    resultCaseId: z.string().optional(),
  })
  .meta({ id: 'DuplicateReviewSummary', description: 'Ringkasan tinjauan duplikat tanpa data pribadi anak.' });
export type ReviewSummary = z.infer<typeof reviewSummarySchema>;

export const reviewListSchema = z
  .object({ items: z.array(reviewSummarySchema) })
  .meta({
    description: 'Tinjauan yang menunggu keputusan lebih dulu (yang terlama di atas), lalu yang sudah diputuskan (terbaru di atas). Hanya kecamatan dalam wilayah pemanggil.',
    examples: [
      {
        items: [
          {
            reviewId: 'dup-k3m9q2x7b4n8w5c1z6ra',
            status: 'PENDING',
            statusLabel: 'Menunggu keputusan',
            kecamatan: '640804',
            kecamatanName: 'Sangatta Utara',
            desa: 'Singa Gembara',
            candidateCount: 1,
            topScore: 0.97,
            createdAt: '2026-12-04T02:31:00.000Z',
            dueAt: '2026-12-09T09:00:00.000Z',
            overdue: false,
          },
        ],
      },
    ],
  });

const childViewSchema = z.object({
  fullName: z.string(),
  nik: z.string().optional().describe('Disamarkan kecuali untuk peran ADMIN.'),
  noKk: z.string().optional().describe('Disamarkan kecuali untuk peran ADMIN.'),
  birthDate: z.string(),
  sex: z.enum(['L', 'P']),
  desa: z.string(),
  address: z.string(),
});

export const reviewDetailSchema = reviewSummarySchema
  .extend({
    report: z.object({
      child: childViewSchema,
      category: z.enum(ATS_CATEGORIES),
      source: z.object({ channel: z.enum(REPORT_SOURCES), reference: z.string().optional() }),
    }),
    candidates: z.array(
      z.object({
        caseId: z.string(),
        score: z.number(),
        matched: z.object({
          nameSimilarity: z.number(),
          birthDate: z.enum(['SAME', 'CLOSE', 'DAY_MONTH_SWAPPED', 'FAR']),
          daysApart: z.number().int(),
          desaSimilarity: z.number(),
        }),
        /** Fields of the child that differ between the report and this case (names only). */
        differences: z.array(z.string()),
        child: childViewSchema.optional(),
        case: caseSummarySchema.optional(),
      }),
    ),
    decision: z
      .object({
        decision: z.enum(REVIEW_DECISIONS),
        decidedAt: isoDateTime,
        decidedBy: z.string(),
        note: z.string(),
        caseId: z.string(),
      })
      .optional(),
  })
  .meta({
    id: 'DuplicateReview',
    description: 'Laporan baru dan setiap kasus yang mirip, berdampingan, dengan apa yang cocok dan apa yang berbeda.',
    examples: [
      {
        reviewId: 'dup-k3m9q2x7b4n8w5c1z6ra',
        status: 'PENDING',
        statusLabel: 'Menunggu keputusan',
        kecamatan: '640804',
        kecamatanName: 'Sangatta Utara',
        desa: 'Singa Gembara',
        candidateCount: 1,
        topScore: 0.97,
        createdAt: '2026-12-04T02:31:00.000Z',
        dueAt: '2026-12-09T09:00:00.000Z',
        overdue: false,
        report: {
          child: { fullName: 'Muhamad Rizki Pratama', birthDate: '2013-05-14', sex: 'L', desa: 'Singa Gembara', address: 'Jl. Poros RT 3' },
          category: 'DO',
          source: { channel: 'SIPBM', reference: 'SIPBM-2026-0310' },
        },
        candidates: [
          {
            caseId: 'ats-7h2k4m6p8r3t5v9x2b4d',
            score: 0.97,
            matched: { nameSimilarity: 1, birthDate: 'CLOSE', daysApart: 3, desaSimilarity: 1 },
            differences: ['fullName', 'birthDate'],
            child: { fullName: 'Muhammad Rizky Pratama', birthDate: '2013-05-11', sex: 'L', desa: 'Singa Gembara', address: 'Jl. Poros RT 3' },
          },
        ],
      },
    ],
  });
export type ReviewDetail = z.infer<typeof reviewDetailSchema>;

export const decisionBodySchema = reviewDecisionSchema.meta({
  description: 'MERGE: laporan digabungkan ke kasus `caseId` (salah satu kasus yang diusulkan). KEEP_APART: laporan menjadi kasus tersendiri.',
  examples: [
    { decision: 'MERGE', caseId: 'ats-7h2k4m6p8r3t5v9x2b4d', note: 'Nama dan orang tua sama; tanggal lahir salah ketik.' },
    { decision: 'KEEP_APART', note: 'Anak kembar: dua anak yang berbeda.' },
  ],
});

export const decisionResultSchema = z
  .object({ reviewId: z.string(), status: z.enum(['MERGED', 'KEPT_APART']), caseId: z.string() })
  .meta({
    description: 'Keputusan dijalankan: laporan kini menjadi bagian dari kasus `caseId`.',
    examples: [{ reviewId: 'dup-k3m9q2x7b4n8w5c1z6ra', status: 'MERGED', caseId: 'ats-7h2k4m6p8r3t5v9x2b4d' }],
  });
