import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { REPAIR_ACTIONS, VIOLATION_KINDS } from '../../domain/case-health.js';
import { z } from '../../domain/validation.js';
import { errorBodySchema } from '../cases/schemas.js';
import { caseHealthReport } from './case-health-service.js';
import { repairViolation } from './case-repair.js';

const security: Record<string, string[]>[] = [{ bearerKey: [] }, { headerKey: [] }];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

const violationSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  kind: z.enum(VIOLATION_KINDS),
  label: z.string(),
  subject: z.string().meta({ description: 'Nomor tugas untuk masalah sebuah tugas; kosong untuk masalah kasusnya.' }),
  detail: z.record(z.string(), z.unknown()).meta({ description: 'Kode dan nomor saja (status proses, run, petugas), tanpa data pribadi.' }),
  stage: z.string(),
  kecamatan: z.string(),
  firstSeenAt: z.string().meta({ format: 'date-time' }),
  lastSeenAt: z.string().meta({ format: 'date-time' }),
  notifiedAt: z.string().nullable(),
  repair: z.enum(REPAIR_ACTIONS).nullable().meta({ description: 'Perbaikan yang dijalankan tombolnya; null bila hanya dapat diperbaiki manual.' }),
  lastRepair: z.object({ action: z.string(), by: z.string(), at: z.string() }).nullable(),
});

export const caseHealthSchema = z
  .object({
    open: z.number().int(),
    cases: z.number().int(),
    byKind: z.array(z.object({ kind: z.enum(VIOLATION_KINDS), label: z.string(), open: z.number().int() })),
    violations: z.array(violationSchema),
  })
  .meta({ id: 'CaseHealth', description: 'Masalah yang ditemukan pengawas sistem pada kasus terbuka dan belum terselesaikan, yang terlama lebih dulu.' });

const repairBodySchema = z.object({ action: z.enum(REPAIR_ACTIONS).optional() }).strict();
const repairResultSchema = z.object({
  violationId: z.string(),
  caseId: z.string(),
  action: z.enum(REPAIR_ACTIONS),
  runId: z.string().optional(),
  resetToEventId: z.number().int().optional(),
  taskId: z.string().optional(),
  toOfficerId: z.string().optional(),
});

/**
 * GET /api/v1/health/cases: what the watchdog found wrong with open cases. POST …/violations/:id/repair: an
 * admin's repair (RESET, RESTART or REASSIGN; the fitting one when none is named).
 */
export const caseHealthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health/cases',
    {
      config: { access: 'health.read' },
      schema: {
        tags: ['health'],
        summary: 'Kesehatan kasus terbuka',
        description: 'Setiap jam pengawas sistem memeriksa setiap kasus terbuka: ada proses yang berjalan di Temporal, ada penanggung jawab (petugas tugas terbuka, atau koordinator kecamatan bila kasus menunggu sistem), dan ada tenggat berikutnya.',
        security,
        response: { 200: caseHealthSchema, ...errors },
      },
    },
    async () => caseHealthReport(app.prisma),
  );

  app.post(
    '/health/cases/violations/:id/repair',
    {
      config: { access: 'health.repair' },
      schema: {
        tags: ['health'],
        summary: 'Perbaiki masalah kasus',
        description:
          'RESET menjalankan kembali proses kasus dari titik terakhir yang baik (ResetWorkflowExecution); RESTART memulai proses baru dari laporan yang tercatat, mulai dari verifikasi identitas, dan membatalkan tugas lama; REASSIGN mengalihkan tugas kepada petugas aktif yang memenuhi syarat. Setiap perbaikan tercatat di riwayat kasus. Masalahnya hilang setelah pemeriksaan berikutnya melihat kasus sehat.',
        security,
        params: z.object({ id: z.string().min(1).max(100) }),
        body: repairBodySchema.optional(),
        response: { 200: repairResultSchema, ...errors },
      },
    },
    async (request) =>
      repairViolation(
        { prisma: app.prisma, temporal: app.temporal, taskQueue: app.env.TEMPORAL_TASK_QUEUE },
        request.params.id,
        request.body?.action,
        request.principal,
        request.id,
      ),
  );
};
