import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { caseExportStream, exportFileName } from './case-export.js';
import { listQuerySchema } from './schemas.js';

const security: Record<string, string[]>[] = [{ bearerKey: [] }, { headerKey: [] }];

/** The case list's filters, without paging: the export is the whole filtered list. */
export const exportQuerySchema = listQuerySchema.omit({ limit: true, cursor: true });

/** /api/v1/cases/export.csv: the filtered case list as a spreadsheet, for coordinators and integrations. */
export const caseExportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/cases/export.csv',
    {
      config: { access: 'cases.read' },
      schema: {
        tags: ['cases'],
        summary: 'Unduh daftar kasus (CSV)',
        description:
          'Filter sama dengan daftar kasus (tahap, kecamatan, kategori, keterlambatan, periode laporan), tanpa halaman: seluruh kasus yang sesuai, terbaru lebih dulu, dalam wilayah pemanggil. ' +
          'Berkas CSV UTF-8 (dengan BOM) berjudul kolom bahasa Indonesia: Nomor kasus, Nama anak, NIK, Jenis kelamin, Tanggal lahir, Kecamatan, Desa, Kategori, Tahap, Terlambat, Jumlah laporan, Dilaporkan (WITA), Selesai (WITA), Hasil, Alasan penutupan, Sekolah tujuan, NPSN. ' +
          'NIK disamarkan (6408••••••••••12) kecuali untuk peran ADMIN. Nama berkas memuat tanggal unduh: `kasus-ats-2026-12-04.csv`.',
        security,
        querystring: exportQuerySchema,
        // No response schema: the body is a CSV stream, and errors (400, 401) have the usual JSON shape.
      },
    },
    async (request, reply) => {
      const fileName = exportFileName();
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${fileName}"`)
        .send(caseExportStream(app.prisma, request.query, request.principal));
    },
  );
};
