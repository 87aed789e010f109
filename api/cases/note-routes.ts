import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { caseNoteRequestSchema } from '../../domain/case.js';
import { inScope } from '../../domain/access.js';
import { z } from '../../domain/validation.js';
import { recordCaseAccess } from '../../infra/case-access-log.js';
import { notFound } from '../../use-cases/errors.js';
import { addNote } from './case-notes.js';
import { caseKecamatan } from './case-service.js';
import { caseTimeline } from './case-timeline.js';
import { caseIdParamsSchema, errorBodySchema } from './schemas.js';

const security: Record<string, string[]>[] = [{ bearerKey: [] }, { headerKey: [] }];

const noteBodySchema = caseNoteRequestSchema.meta({ examples: [{ note: 'Ibu anak minta dihubungi sore hari; pagi bekerja di kebun.' }] });
const noteAddedSchema = z.object({ caseId: z.string(), addedAt: z.string().meta({ format: 'date-time' }) });

const timelineSchema = z
  .object({
    items: z.array(
      z.object({
        sequence: z.number().int(),
        type: z.string(),
        occurredAt: z.string().meta({ format: 'date-time' }),
        text: z.string(),
        quote: z.string().optional(),
        actor: z.object({ kind: z.string(), id: z.string(), name: z.string() }),
      }),
    ),
  })
  .meta({
    description: 'Riwayat kasus dari log audit, terbaru lebih dulu, dalam bahasa Indonesia.',
    examples: [
      {
        items: [
          {
            sequence: 12, type: 'CASE_NOTE_ADDED', occurredAt: '2026-12-04T02:30:00.000Z', text: 'Catatan ditambahkan.',
            quote: 'Ibu anak minta dihubungi sore hari.', actor: { kind: 'STAFF', id: '7d0c…', name: 'Irwan Syahputra' },
          },
          {
            sequence: 11, type: 'TASK_OPENED', occurredAt: '2026-12-03T01:00:00.000Z',
            text: 'Tugas “Jadwalkan kunjungan rumah” diberikan kepada Siti Nurhaliza, batas waktu Senin, 7 Desember 2026 pukul 17.00 WITA.',
            actor: { kind: 'SYSTEM', id: 'workflow', name: 'Sistem' },
          },
        ],
      },
    ],
  });

/** /api/v1/cases/:caseId/notes and /timeline: what a coordinator writes on a case, and its whole history. */
export const caseNoteRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/cases/:caseId/notes',
    {
      config: { access: 'cases.act' },
      schema: {
        tags: ['cases'],
        summary: 'Tambah catatan pada kasus',
        description: 'Catatan (1–2000 karakter) masuk ke riwayat kasus sebagai CASE_NOTE_ADDED dan tidak dapat dihapus. Kasus yang sudah ditutup dijawab 409; kasus di luar wilayah pemanggil 404.',
        security,
        params: caseIdParamsSchema,
        body: noteBodySchema,
        response: { 201: noteAddedSchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema },
      },
    },
    async (request, reply) => {
      const added = await addNote(
        { prisma: app.prisma, temporal: app.temporal, log: request.log },
        request.params.caseId,
        request.body,
        request.principal,
        request.id,
      );
      return reply.status(201).send(added);
    },
  );

  app.get(
    '/cases/:caseId/timeline',
    {
      config: { access: 'cases.read' },
      schema: {
        tags: ['cases'],
        summary: 'Riwayat kasus',
        security,
        params: caseIdParamsSchema,
        response: { 200: timelineSchema, 401: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const kecamatan = await caseKecamatan({ prisma: app.prisma, temporal: app.temporal, log: request.log }, request.params.caseId);
      if (kecamatan === undefined || !inScope(request.principal, kecamatan)) throw notFound();
      const items = await caseTimeline(app.prisma, request.params.caseId);
      await recordCaseAccess(app.prisma, request.principal, request.params.caseId, 'HISTORY', 'GET /api/v1/cases/:caseId/timeline');
      return { items };
    },
  );
};
