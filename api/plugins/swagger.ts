import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/** OpenAPI generated from the routes' zod schemas, browsable at /docs and served as JSON at /docs/json. */
export async function registerApiDocs(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'ATS Kutai Timur API',
        description:
          'Pelaporan dan penanganan kasus Anak Tidak Sekolah (ATS) di Kabupaten Kutai Timur. ' +
          'Setiap anak memiliki satu kasus; laporan ganda untuk anak yang sama digabungkan ke kasus yang sudah ada.',
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          bearerKey: { type: 'http', scheme: 'bearer', description: 'Kunci API: `Authorization: Bearer ats_…`' },
          headerKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        },
      },
      tags: [
        { name: 'cases', description: 'Kasus anak tidak sekolah' },
        { name: 'tasks', description: 'Tugas petugas (tautan dari surel)' },
        { name: 'duplicate-reviews', description: 'Tinjauan laporan ganda anak tanpa NIK' },
        { name: 'dashboard', description: 'Dasbor koordinator: angka kasus, tugas dan waktu tempuh' },
        { name: 'reconciliation', description: 'Rekonsiliasi malam Disdukcapil, Dapodik dan Dinsos: hasil per kecamatan dan anak temuan' },
        { name: 'reports', description: 'Laporan mutu data: ketidaksesuaian laporan lapangan dan Disdukcapil' },
        { name: 'staff', description: 'Masuk, keluar dan akun staf' },
        { name: 'staff pages', description: 'Halaman HTML untuk staf (masuk dahulu)' },
        { name: 'admin', description: 'Pengguna staf, kunci API dan direktori petugas (admin)' },
        { name: 'audit', description: 'Riwayat, pemutaran ulang, ekspor bertanda tangan dan log akses (auditor)' },
        { name: 'health', description: 'Kesehatan layanan' },
      ],
    },
    transform: jsonSchemaTransform,
    // Schemas with a registered id (CaseSummary, CaseDetail, Error) become shared components.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
}
