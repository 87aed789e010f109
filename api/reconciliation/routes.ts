import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Principal } from '../../domain/access.js';
import { candidateDecisionSchema } from '../../domain/reconciliation.js';
import { fieldErrors, z } from '../../domain/validation.js';
import { errorBodySchema } from '../cases/schemas.js';
import { ApiError } from '../../use-cases/errors.js';
import { dataMismatchReport, mismatchQuerySchema, mismatchReportSchema } from '../reports/data-mismatch.js';
import { sendHtml } from '../tasks/html-reply.js';
import { reconciliationPage } from './html/page.js';
import {
  candidateIdParamsSchema,
  candidateListQuerySchema,
  candidateListSchema,
  candidateSchema,
  decisionResultSchema,
  outreachProgressSchema,
  runDetailSchema,
  runIdParamsSchema,
  runListQuerySchema,
  runListSchema,
} from './schemas.js';
import { decideCandidate, getCandidate, getRun, listCandidates, listRuns, outreachProgress } from './service.js';

const security: Record<string, string[]>[] = [{ bearerKey: [] }, { headerKey: [] }];
const tags = ['reconciliation'];

/** The reconciliation's runs and candidates (JSON under /api/v1), the data mismatch report, and the staff page /rekonsiliasi. */
export const reconciliationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/reconciliation/runs',
    {
      config: { access: 'cases.read' },
      schema: { tags, summary: 'Daftar rekonsiliasi', security, querystring: runListQuerySchema, response: { 200: runListSchema, 401: errorBodySchema } },
    },
    async (request) => ({ items: await listRuns(app.prisma, request.principal, request.query.limit) }),
  );

  app.get(
    '/api/v1/reconciliation/runs/:id',
    {
      config: { access: 'cases.read' },
      schema: {
        tags,
        summary: 'Hasil satu rekonsiliasi per kecamatan',
        description: 'Hanya kecamatan di wilayah pemanggil.',
        security,
        params: runIdParamsSchema,
        response: { 200: runDetailSchema, 401: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => getRun(app.prisma, request.principal, request.params.id),
  );

  app.get(
    '/api/v1/reconciliation/candidates',
    {
      config: { access: 'cases.read' },
      schema: { tags, summary: 'Anak temuan rekonsiliasi', security, querystring: candidateListQuerySchema, response: { 200: candidateListSchema, 400: errorBodySchema, 401: errorBodySchema } },
    },
    async (request) => listCandidates(app.prisma, request.principal, request.query),
  );

  app.get(
    '/api/v1/reconciliation/candidates/:id',
    {
      config: { access: 'cases.read' },
      schema: { tags, summary: 'Satu anak temuan rekonsiliasi', security, params: candidateIdParamsSchema, response: { 200: candidateSchema, 401: errorBodySchema, 404: errorBodySchema } },
    },
    async (request) => getCandidate(app.prisma, request.principal, request.params.id),
  );

  app.post(
    '/api/v1/reconciliation/candidates/:id/decision',
    {
      config: { access: 'cases.act' },
      schema: {
        tags,
        summary: 'Putuskan anak temuan rekonsiliasi',
        description: 'START_CASE membuka kasus (atau menambahkan laporan ke kasus anak yang sudah ada); DISMISS mengabaikannya dengan alasan.',
        security,
        params: candidateIdParamsSchema,
        body: candidateDecisionSchema,
        response: { 200: decisionResultSchema, 400: errorBodySchema, 401: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema },
      },
    },
    async (request) => decideCandidate({ prisma: app.prisma, temporal: app.temporal }, request.principal, request.params.id, request.body, request.id),
  );

  app.get(
    '/api/v1/reconciliation/outreach',
    {
      config: { access: 'cases.read' },
      schema: {
        tags,
        summary: 'Kemajuan kunjungan pencegahan per kecamatan',
        description: 'Keluarga miskin dengan anak bersekolah yang ditandai rekonsiliasi: menunggu kunjungan petugas desa, atau sudah dikunjungi. Hanya kecamatan di wilayah pemanggil.',
        security,
        response: { 200: outreachProgressSchema, 401: errorBodySchema },
      },
    },
    async (request) => outreachProgress(app.prisma, request.principal),
  );

  app.get(
    '/api/v1/reports/data-mismatch',
    {
      config: { access: 'cases.read' },
      schema: {
        tags: ['reports'],
        summary: 'Ketidaksesuaian data laporan dan Disdukcapil',
        description: 'Per kecamatan dan per isian: apa yang berbeda dan bagaimana diselesaikan. Hanya jumlah dan nama isian, tanpa data pribadi.',
        security,
        querystring: mismatchQuerySchema,
        response: { 200: mismatchReportSchema, 400: errorBodySchema, 401: errorBodySchema },
      },
    },
    async (request) => dataMismatchReport(app.prisma, request.principal, request.query.kecamatan),
  );

  const pageQuery = z.object({
    kecamatan: z.string().regex(/^\d{6}$/).optional().catch(undefined),
    run: z.string().max(200).optional(),
    hasil: z.enum(['dibuka', 'ditinjau', 'diabaikan']).optional().catch(undefined),
  });
  const NOTICES = {
    dibuka: 'Kasus anak sudah dibuka. Petugas menerima tugasnya melalui email.',
    ditinjau: 'Laporan anak menunggu pemeriksaan duplikat sebelum menjadi kasus.',
    diabaikan: 'Anak sudah diabaikan dengan alasan yang Anda pilih.',
  } as const;

  const renderPage = async (
    request: { principal: Principal; csrfToken: string },
    query: z.infer<typeof pageQuery>,
    refused?: { candidateId: string; errors: { field: string; message: string }[] },
  ) => {
    const { principal } = request;
    const runs = await listRuns(app.prisma, principal, 10);
    const shown = query.run ?? runs[0]?.id;
    const [run, candidates, mismatch, outreach] = await Promise.all([
      shown ? getRun(app.prisma, principal, shown).catch(() => undefined) : undefined,
      listCandidates(app.prisma, principal, { status: 'OPEN', limit: 100, offset: 0, ...(query.kecamatan ? { kecamatan: query.kecamatan } : {}) }),
      dataMismatchReport(app.prisma, principal, query.kecamatan),
      outreachProgress(app.prisma, principal),
    ]);
    return reconciliationPage({
      principal,
      csrfToken: request.csrfToken,
      runs,
      candidates,
      mismatch,
      outreach,
      ...(run ? { run } : {}),
      ...(query.kecamatan ? { kecamatan: query.kecamatan } : {}),
      ...(query.hasil ? { notice: NOTICES[query.hasil] } : {}),
      ...(refused ? { refused } : {}),
    });
  };

  app.get(
    '/rekonsiliasi',
    { config: { access: 'cases.read', page: true }, schema: { tags, summary: 'Halaman rekonsiliasi (HTML)', querystring: pageQuery } },
    async (request, reply) => sendHtml(reply, 200, await renderPage(request, request.query)),
  );

  const pageDecision = z.object({ decision: z.string().max(20).optional(), reason: z.string().max(40).optional(), note: z.string().max(1000).optional() });
  app.post(
    '/rekonsiliasi/kandidat/:id/keputusan',
    {
      config: { access: 'cases.act', page: true },
      schema: { tags, summary: 'Putuskan anak temuan rekonsiliasi (formulir)', params: candidateIdParamsSchema, body: pageDecision },
    },
    async (request, reply) => {
      // An empty select or text box is a field left blank, not a value.
      const given = Object.fromEntries(Object.entries(request.body).filter(([, value]) => value !== undefined && value.trim() !== ''));
      const parsed = candidateDecisionSchema.safeParse(given);
      const candidate = await getCandidate(app.prisma, request.principal, request.params.id);
      const back = { kecamatan: candidate.kecamatan };
      if (!parsed.success) {
        return sendHtml(reply, 400, await renderPage(request, back, { candidateId: candidate.id, errors: fieldErrors(parsed.error) }));
      }
      try {
        const result = await decideCandidate({ prisma: app.prisma, temporal: app.temporal }, request.principal, candidate.id, parsed.data, request.id);
        const hasil = result.status === 'CASE_STARTED' ? 'dibuka' : result.status === 'CASE_IN_REVIEW' ? 'ditinjau' : 'diabaikan';
        return reply.redirect(`/rekonsiliasi?kecamatan=${candidate.kecamatan}&hasil=${hasil}`, 303);
      } catch (error) {
        if (!(error instanceof ApiError) || error.statusCode >= 500) throw error;
        const errors = error.fields ?? [{ field: 'decision', message: error.message }];
        return sendHtml(reply, error.statusCode, await renderPage(request, back, { candidateId: candidate.id, errors }));
      }
    },
  );
};
