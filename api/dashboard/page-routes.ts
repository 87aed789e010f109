import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dashboardFilterSchema } from '../../domain/dashboard.js';
import { staffPage } from '../staff/html/layout.js';
import { sendHtml } from '../tasks/html-reply.js';
import { dashboardFigures } from './dashboard-service.js';
import { kecamatanChoices, setFilters, validSubset } from './filters.js';
import { DASHBOARD_FILTERS, dashboardBody } from './html/dashboard-page.js';

/** /dasbor: the coordinators' dashboard, server-rendered; filtering is a GET form, so a filtered view is a link. */
export const dashboardPageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/dasbor', { config: { access: 'cases.read', page: true }, schema: { tags: ['staff pages'], summary: 'Dasbor (HTML)' } }, async (request, reply) => {
    const { principal } = request;
    const values = setFilters(request.query as Record<string, unknown>, DASHBOARD_FILTERS);
    const { data, errors } = validSubset(values, (v) => dashboardFilterSchema.safeParse(v));
    const figures = await dashboardFigures(app.prisma, data ?? {}, principal);
    const body = dashboardBody({ figures, values, errors, kecamatanChoices: kecamatanChoices(principal.scope) });
    return sendHtml(reply, errors.length > 0 ? 400 : 200, staffPage({ title: 'Dasbor', principal, csrfToken: request.csrfToken, body, active: '/dasbor' }));
  });
};
