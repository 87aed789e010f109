import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IMPORT_OUTCOMES } from '../../domain/imports.js';
import { z } from '../../domain/validation.js';
import { ApiError } from '../../use-cases/errors.js';
import { sendHtml } from '../tasks/html-reply.js';
import { progressPage, uploadPage } from './html/import-pages.js';
import { getImport, listImportRows, listImports, storeImport } from './import-service.js';
import { importServiceDeps, uploadOf } from './routes.js';

const page = { access: 'cases.import', page: true } as const;
const ROWS_PER_PAGE = 100;
/** Seconds between reloads of a running import's page: often enough to watch, rare enough to cost nothing. */
const REFRESH_SECONDS = 2;

const progressQuerySchema = z.object({
  hasil: z.enum(IMPORT_OUTCOMES).optional().catch(undefined),
  dari: z.coerce.number().int().min(0).catch(0).default(0),
  sama: z.string().optional(),
});

/** The staff pages of the import: upload a file, watch it run, read what became of each row. */
export const importPageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/impor', { config: page, schema: { tags: ['staff'], summary: 'Halaman impor (HTML)' } }, async (request, reply) => {
    const { items } = await listImports(importServiceDeps(app, request), request.principal, { limit: 10, offset: 0 });
    return sendHtml(reply, 200, uploadPage({ principal: request.principal, csrfToken: request.csrfToken, imports: items }));
  });

  app.post('/impor', { config: page, schema: { tags: ['staff'], summary: 'Unggah berkas impor dari halaman' } }, async (request, reply) => {
    const deps = importServiceDeps(app, request);
    try {
      const { view, duplicate } = await storeImport(deps, uploadOf(request, 'impor.csv'), request.principal);
      return reply.redirect(`/impor/${view.importId}${duplicate ? '?sama=1' : ''}`, 303);
    } catch (error) {
      // A file that cannot be imported is answered on the form itself, so the coordinator can pick another.
      if (!(error instanceof ApiError) || error.statusCode >= 500 || error.statusCode === 404) throw error;
      const { items } = await listImports(deps, request.principal, { limit: 10, offset: 0 });
      return sendHtml(
        reply,
        error.statusCode,
        uploadPage({ principal: request.principal, csrfToken: request.csrfToken, imports: items, error: { message: error.message, ...(error.fields ? { fields: error.fields } : {}) } }),
      );
    }
  });

  app.get(
    '/impor/:importId',
    { config: page, schema: { tags: ['staff'], summary: 'Kemajuan dan laporan impor (HTML)', params: z.object({ importId: z.string().max(64) }), querystring: progressQuerySchema } },
    async (request, reply) => {
      const deps = importServiceDeps(app, request);
      const view = await getImport(deps, request.params.importId, request.principal);
      const { hasil, dari } = request.query;
      const rows =
        view.status === 'DONE'
          ? { ...(await listImportRows(deps, view.importId, request.principal, { outcome: hasil, limit: ROWS_PER_PAGE, offset: dari })), outcome: hasil, offset: dari, limit: ROWS_PER_PAGE }
          : undefined;
      // The Refresh header reloads the page while the import runs: no script, so the page's strict CSP stays as it is.
      if (view.status !== 'DONE') reply.header('Refresh', String(REFRESH_SECONDS));
      return sendHtml(reply, 200, progressPage({ principal: request.principal, csrfToken: request.csrfToken, view, duplicate: request.query.sama !== undefined, ...(rows ? { rows } : {}) }));
    },
  );
};
