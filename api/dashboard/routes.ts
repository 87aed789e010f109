import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBodySchema } from '../cases/schemas.js';
import { dashboardFigures } from './dashboard-service.js';
import { dashboardQuerySchema, dashboardSchema } from './schemas.js';

const security: Record<string, string[]>[] = [{ bearerKey: [] }, { headerKey: [] }];

/** /api/v1/dashboard: the figures of the coordinators' dashboard page, for integrations. */
export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/dashboard',
    {
      config: { access: 'cases.read' },
      schema: {
        tags: ['dashboard'],
        summary: 'Angka dasbor',
        description: 'Kasus per tahap, tugas terbuka dan terlambat per instansi dan petugas, tabel per kecamatan, median hari, dan anak yang kembali bersekolah bulan ini. Selalu dibatasi pada wilayah pemanggil.',
        security,
        querystring: dashboardQuerySchema,
        response: { 200: dashboardSchema, 400: errorBodySchema, 401: errorBodySchema },
      },
    },
    async (request) => dashboardFigures(app.prisma, request.query, request.principal),
  );
};
