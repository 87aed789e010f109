import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { duplicateSettings } from '../../config/env.js';
import { inScope } from '../../domain/access.js';
import { recordCaseAccess } from '../../infra/case-access-log.js';
import { validationFailed } from '../../use-cases/errors.js';
import { closeCase, getCase, listCases } from './case-service.js';
import { summaryOfNewCase } from './case-views.js';
import { receiveReport } from '../../use-cases/intake.js';
import {
  caseDetailSchema,
  caseIdParamsSchema,
  caseListSchema,
  closeBodySchema,
  closedSchema,
  errorBodySchema,
  intakeBodySchema,
  intakeCreatedSchema,
  intakeInReviewSchema,
  intakeJoinedSchema,
  listQuerySchema,
} from './schemas.js';

const IN_REVIEW_MESSAGE =
  'Anak ini mirip dengan anak yang sudah memiliki kasus. Laporan belum dibuat menjadi kasus dan menunggu keputusan koordinator.';

const security: Record<string, string[]>[] = [{ bearerKey: [] }, { headerKey: [] }];

/** /api/v1/cases: report a child, read and list cases, close a case. */
export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  const caseKeySecret = app.env.CASE_KEY_SECRET;
  if (!caseKeySecret) throw new Error('CASE_KEY_SECRET must be set before the case routes are registered');
  const duplicates = duplicateSettings(app.env);

  app.post(
    '/cases',
    {
      config: { access: 'cases.report' },
      schema: {
        tags: ['cases'],
        summary: 'Laporkan anak tidak sekolah',
        description:
          'Membuat kasus baru (201) atau, bila anak yang sama sudah memiliki kasus berjalan, menambahkan laporan ke kasus tersebut (200). ' +
          'Anak tanpa NIK yang mirip dengan anak yang sudah memiliki kasus (nama mirip, tanggal lahir dekat, desa sama) belum dibuat menjadi kasus: ' +
          'laporan menunggu tinjauan duplikat oleh koordinator (202, lihat /api/v1/duplicate-reviews).',
        security,
        body: intakeBodySchema,
        response: { 201: intakeCreatedSchema, 200: intakeJoinedSchema, 202: intakeInReviewSchema, 400: errorBodySchema, 401: errorBodySchema, 413: errorBodySchema },
      },
    },
    async (request, reply) => {
      const report = request.body;
      if (!inScope(request.principal, report.child.kecamatan)) {
        throw validationFailed([{ field: 'child.kecamatan', message: 'Kecamatan ini di luar wilayah kunci API Anda.' }]);
      }
      const result = await receiveReport(
        { prisma: app.prisma, temporal: app.temporal, taskQueue: app.env.TEMPORAL_TASK_QUEUE, caseKeySecret, duplicates },
        report,
        { kind: 'STAFF', id: request.principal.id },
        request.id,
      );
      if (result.status === 'JOINED_EXISTING') return reply.status(200).send(result);
      if (result.status === 'IN_REVIEW') {
        return reply
          .status(202)
          .header('Location', `/api/v1/duplicate-reviews/${encodeURIComponent(result.reviewId)}`)
          .send({ ...result, message: IN_REVIEW_MESSAGE });
      }
      const openedAt = new Date();
      return reply
        .status(201)
        .header('Location', `/api/v1/cases/${encodeURIComponent(result.caseId)}`)
        .send({ caseId: result.caseId, status: result.status, case: summaryOfNewCase(result.caseId, report, openedAt) });
    },
  );

  app.get(
    '/cases',
    {
      config: { access: 'cases.read' },
      schema: {
        tags: ['cases'],
        summary: 'Daftar kasus',
        security,
        querystring: listQuerySchema,
        response: { 200: caseListSchema, 400: errorBodySchema, 401: errorBodySchema },
      },
    },
    async (request) => listCases(app.prisma, request.query, request.principal),
  );

  app.get(
    '/cases/:caseId',
    {
      config: { access: 'cases.read' },
      schema: {
        tags: ['cases'],
        summary: 'Detail kasus',
        description: 'NIK dan nomor KK disamarkan kecuali untuk kunci berperan ADMIN.',
        security,
        params: caseIdParamsSchema,
        response: { 200: caseDetailSchema, 401: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const detail = await getCase({ prisma: app.prisma, temporal: app.temporal, log: request.log }, request.params.caseId, request.principal);
      await recordCaseAccess(app.prisma, request.principal, request.params.caseId, 'VIEW', 'GET /api/v1/cases/:caseId');
      return detail;
    },
  );

  app.post(
    '/cases/:caseId/close',
    {
      config: { access: 'cases.act' },
      schema: {
        tags: ['cases'],
        summary: 'Tutup kasus',
        security,
        params: caseIdParamsSchema,
        body: closeBodySchema,
        response: { 200: closedSchema, 400: errorBodySchema, 401: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema },
      },
    },
    async (request) => {
      return closeCase(
        { prisma: app.prisma, temporal: app.temporal, log: request.log },
        request.params.caseId,
        request.body,
        request.principal,
        request.id,
      );
    },
  );
};
