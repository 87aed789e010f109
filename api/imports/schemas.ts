import { IMPORT_OUTCOMES, IMPORT_STATUSES } from '../../domain/imports.js';
import { withoutControlCharacters, z } from '../../domain/validation.js';

/** HTTP shapes of the import routes. */

const isoDateTime = z.string().meta({ format: 'date-time' });

export const importIdParamsSchema = z.object({ importId: z.string().min(1).max(64) });

export const importSchema = z
  .object({
    importId: z.string(),
    fileName: z.string(),
    status: z.enum(IMPORT_STATUSES),
    uploadedBy: z.object({ kind: z.string(), name: z.string() }),
    createdAt: isoDateTime,
    startedAt: isoDateTime.nullable(),
    finishedAt: isoDateTime.nullable(),
    progress: z.object({
      total: z.number().int().meta({ description: 'Baris data anak dalam berkas.' }),
      done: z.number().int().meta({ description: 'Baris yang sudah memiliki hasil (termasuk yang ditolak).' }),
      percent: z.number().int(),
    }),
    counts: z.object({
      created: z.number().int(),
      joined: z.number().int(),
      reopened: z.number().int(),
      review: z.number().int(),
      rejected: z.number().int(),
    }),
  })
  .meta({
    id: 'Import',
    description: 'Satu impor berkas CSV: kemajuan (langsung dari alur kerja selama berjalan) dan jumlah per hasil.',
    examples: [
      {
        importId: '2b0c8f3e-5d1a-4c7e-9f60-1a2b3c4d5e6f',
        fileName: 'sipbm-sangatta-utara-2026.csv',
        status: 'RUNNING',
        uploadedBy: { kind: 'USER', name: 'Rahmawati (Disdikbud)' },
        createdAt: '2026-12-04T01:10:00.000Z',
        startedAt: '2026-12-04T01:10:01.000Z',
        finishedAt: null,
        progress: { total: 2000, done: 850, percent: 42 },
        counts: { created: 790, joined: 12, reopened: 0, review: 3, rejected: 45 },
      },
    ],
  });

export const importAcceptedSchema = importSchema
  .extend({
    duplicateOf: z.string().nullable().meta({ description: 'Bila berkas yang sama sudah pernah diunggah: nomor impor itu; tidak ada yang dibuat lagi.' }),
  })
  .meta({ id: 'ImportAccepted' });

export const importListSchema = z.object({ items: z.array(importSchema), total: z.number().int() });

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const rowsQuerySchema = pageQuerySchema.extend({
  outcome: z.enum(IMPORT_OUTCOMES, { message: `Hasil harus salah satu dari ${IMPORT_OUTCOMES.join(', ')}.` }).optional(),
});

export const importRowSchema = z
  .object({
    rowNumber: z.number().int().meta({ description: 'Nomor baris di spreadsheet (judul kolom = baris 1).' }),
    childName: z.string().nullable(),
    outcome: z.enum(IMPORT_OUTCOMES).nullable().meta({ description: 'Kosong selama baris belum diproses.' }),
    caseId: z.string().nullable(),
    reviewId: z.string().nullable(),
    errors: z.array(z.object({ column: z.string(), message: z.string() })),
  })
  .meta({
    id: 'ImportRow',
    examples: [
      { rowNumber: 17, childName: 'Budi Santoso', outcome: 'REJECTED', caseId: null, reviewId: null, errors: [{ column: 'tanggal_lahir', message: 'Tanggal tidak ada di kalender.' }] },
      { rowNumber: 18, childName: 'Siti Rahmawati', outcome: 'JOINED', caseId: 'ats-k3n5q7r2t4v6x8z2b4d6', reviewId: null, errors: [] },
    ],
  });

export const importRowListSchema = z.object({ items: z.array(importRowSchema), total: z.number().int() });

export const uploadQuerySchema = withoutControlCharacters(
  z.object({
    fileName: z.string().trim().min(1).max(200).optional().meta({ description: 'Nama berkas untuk unggahan text/csv (multipart membawa namanya sendiri).' }),
  }),
);
