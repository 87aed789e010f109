import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { REVIEW_STATUSES, reviewDecisionSchema } from '../../domain/duplicate-review.js';
import { fieldErrors, z } from '../../domain/validation.js';
import { ApiError } from '../../use-cases/errors.js';
import { sendHtml } from '../tasks/html-reply.js';
import { reviewDetailPage, reviewListPage } from './html/review-pages.js';
import { decideReview, getReview, listReviews } from './review-service.js';
import { reviewIdParamsSchema } from './schemas.js';

const listQuerySchema = z.object({ status: z.preprocess((v) => (v === '' ? undefined : v), z.enum(REVIEW_STATUSES).optional()) });
const decisionFormSchema = z.object({ choice: z.string().max(200).default(''), note: z.string().max(5000).default('') });
const CHOICE_MESSAGE = 'Pilih apakah laporan ini digabungkan ke salah satu kasus atau dipisahkan.';

/** /tinjauan-duplikat: the coordinator's pages of duplicate reviews (server-rendered, no JavaScript needed). */
export const reviewPageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/tinjauan-duplikat',
    { config: { access: 'cases.read', page: true }, schema: { tags: ['duplicate-reviews'], summary: 'Halaman daftar tinjauan duplikat (HTML)', querystring: listQuerySchema } },
    async (request, reply) => {
      const { items } = await listReviews(app.prisma, { status: request.query.status, limit: 200 }, request.principal);
      return sendHtml(reply, 200, reviewListPage({ principal: request.principal, csrfToken: request.csrfToken, items, status: request.query.status }));
    },
  );

  app.get(
    '/tinjauan-duplikat/:reviewId',
    { config: { access: 'cases.read', page: true }, schema: { tags: ['duplicate-reviews'], summary: 'Halaman tinjauan duplikat (HTML)', params: reviewIdParamsSchema } },
    async (request, reply) => {
      const review = await getReview(app.prisma, request.params.reviewId, request.principal);
      const decidedNow = 'diputuskan' in (request.query as object);
      return sendHtml(reply, 200, reviewDetailPage({ principal: request.principal, csrfToken: request.csrfToken, review, decidedNow }));
    },
  );

  app.post(
    '/tinjauan-duplikat/:reviewId',
    {
      config: { access: 'reviews.decide', page: true },
      schema: { tags: ['duplicate-reviews'], summary: 'Simpan keputusan tinjauan duplikat (formulir HTML)', params: reviewIdParamsSchema, body: decisionFormSchema },
    },
    async (request, reply) => {
      const { reviewId } = request.params;
      const { choice, note } = request.body;
      const [kind, caseId] = choice.split(':', 2) as [string, string | undefined];
      try {
        if (kind !== 'MERGE' && kind !== 'KEEP_APART') throw new ApiError(400, 'VALIDATION_FAILED', CHOICE_MESSAGE, [{ field: 'choice', message: CHOICE_MESSAGE }]);
        const parsed = reviewDecisionSchema.safeParse(kind === 'MERGE' ? { decision: kind, caseId, note } : { decision: kind, note });
        if (!parsed.success) throw new ApiError(400, 'VALIDATION_FAILED', 'Data tidak valid.', fieldErrors(parsed.error));
        await decideReview({ prisma: app.prisma, temporal: app.temporal }, reviewId, parsed.data, request.principal, request.id);
        return reply.redirect(`/tinjauan-duplikat/${encodeURIComponent(reviewId)}?diputuskan=1`, 303);
      } catch (error) {
        if (!(error instanceof ApiError) || error.statusCode !== 400) throw error;
        const review = await getReview(app.prisma, reviewId, request.principal);
        return sendHtml(
          reply,
          400,
          reviewDetailPage({ principal: request.principal, csrfToken: request.csrfToken, review, errors: error.fields ?? [], choice, note }),
        );
      }
    },
  );
};
