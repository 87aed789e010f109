import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBodySchema } from '../cases/schemas.js';
import { decideReview, getReview, listReviews } from './review-service.js';
import {
  decisionBodySchema,
  decisionResultSchema,
  reviewDetailSchema,
  reviewIdParamsSchema,
  reviewListQuerySchema,
  reviewListSchema,
} from './schemas.js';

const security: Record<string, string[]>[] = [{ bearerKey: [] }, { headerKey: [] }];

/** /api/v1/duplicate-reviews: reports of children without NIK that wait for a coordinator's merge-or-keep-apart decision. */
export const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/duplicate-reviews',
    {
      config: { access: 'cases.read' },
      schema: {
        tags: ['duplicate-reviews'],
        summary: 'Daftar tinjauan duplikat',
        description: 'Yang menunggu keputusan lebih dulu. Hanya kecamatan dalam wilayah pemanggil.',
        security,
        querystring: reviewListQuerySchema,
        response: { 200: reviewListSchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema },
      },
    },
    async (request) => listReviews(app.prisma, request.query, request.principal),
  );

  app.get(
    '/duplicate-reviews/:reviewId',
    {
      config: { access: 'cases.read' },
      schema: {
        tags: ['duplicate-reviews'],
        summary: 'Detail tinjauan duplikat',
        description: 'Laporan baru dan setiap kasus yang mirip berdampingan. NIK dan nomor KK disamarkan kecuali untuk peran ADMIN.',
        security,
        params: reviewIdParamsSchema,
        response: { 200: reviewDetailSchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => getReview(app.prisma, request.params.reviewId, request.principal),
  );

  app.post(
    '/duplicate-reviews/:reviewId/decision',
    {
      config: { access: 'reviews.decide' },
      schema: {
        tags: ['duplicate-reviews'],
        summary: 'Putuskan tinjauan duplikat',
        description:
          'MERGE menambahkan laporan ke kasus yang dipilih (dan laporan berikutnya dengan ejaan ini langsung masuk ke kasus itu); ' +
          'KEEP_APART membuat kasus tersendiri untuk laporan ini. Keputusan, oleh siapa, kapan dan alasannya dicatat di riwayat kasus.',
        security,
        params: reviewIdParamsSchema,
        body: decisionBodySchema,
        response: {
          200: decisionResultSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
          404: errorBodySchema,
          409: errorBodySchema,
        },
      },
    },
    async (request) =>
      decideReview(
        { prisma: app.prisma, temporal: app.temporal },
        request.params.reviewId,
        request.body,
        request.principal,
        request.id,
      ),
  );
};
