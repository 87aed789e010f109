import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { importTemplateCsv } from '../../domain/csv-import.js';
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacter } from '../../domain/validation.js';
import { errorBodySchema } from '../cases/schemas.js';
import { ApiError } from '../../use-cases/errors.js';
import { isUploadedFile, MAX_UPLOAD_BYTES } from '../plugins/uploads.js';
import { allImportRows, getImport, listImportRows, listImports, storeImport, type ImportServiceDeps } from './import-service.js';
import { importReportCsv } from './report-csv.js';
import {
  importAcceptedSchema, importIdParamsSchema, importListSchema, importRowListSchema, importSchema, pageQuerySchema, rowsQuerySchema, uploadQuerySchema,
} from './schemas.js';

const security: Record<string, string[]>[] = [{ bearerKey: [] }, { headerKey: [] }];
const importAccess = { access: 'cases.import' } as const;
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** The field of the upload form (and of multipart API calls) that carries the file. */
export const UPLOAD_FIELD = 'berkas';

export function importServiceDeps(app: FastifyInstance, request: FastifyRequest): ImportServiceDeps {
  const caseKeySecret = app.env.CASE_KEY_SECRET;
  if (!caseKeySecret) throw new Error('CASE_KEY_SECRET must be set before the import routes are registered');
  return {
    prisma: app.prisma,
    temporal: app.temporal,
    log: request.log,
    taskQueue: app.env.TEMPORAL_TASK_QUEUE,
    caseKeySecret,
    settings: { chunkSize: app.env.IMPORT_CHUNK_SIZE, concurrency: app.env.IMPORT_CONCURRENCY, maxRows: app.env.IMPORT_MAX_ROWS },
  };
}

/** The uploaded file of a request: the `berkas` part of a form, or a whole text/csv body. */
export function uploadOf(request: FastifyRequest, fallbackName: string): { bytes: Buffer; fileName: string } {
  if (request.isMultipart()) {
    const file = (request.body as Record<string, unknown> | undefined)?.[UPLOAD_FIELD];
    if (!isUploadedFile(file)) {
      throw new ApiError(400, 'VALIDATION_FAILED', 'Pilih berkas CSV yang akan diimpor.', [{ field: UPLOAD_FIELD, message: 'Pilih berkas CSV.' }]);
    }
    if (hasControlCharacter(file.filename)) {
      throw new ApiError(400, 'VALIDATION_FAILED', 'Nama berkas tidak valid.', [{ field: UPLOAD_FIELD, message: CONTROL_CHARACTER_MESSAGE }]);
    }
    return { bytes: file.data, fileName: file.filename || fallbackName };
  }
  if (Buffer.isBuffer(request.body) && /^text\/csv\b/i.test(request.headers['content-type'] ?? '')) return { bytes: request.body, fileName: fallbackName };
  throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `Kirim berkas CSV sebagai multipart/form-data (kolom "${UPLOAD_FIELD}") atau dengan Content-Type: text/csv.`);
}

/** /api/v1/imports: bring in a CSV of children, follow its progress, read its per-row report. Coordinators only. */
export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_request, body, done) => done(null, body));

  app.post(
    '/imports',
    {
      config: importAccess,
      bodyLimit: MAX_UPLOAD_BYTES,
      schema: {
        tags: ['imports'],
        summary: 'Impor anak dari berkas CSV',
        description:
          'Kirim berkas sesuai templat (`GET /api/v1/imports/template.csv`) sebagai multipart/form-data dengan kolom `berkas`, ' +
          'atau sebagai badan permintaan dengan `Content-Type: text/csv` (nama berkas lewat `?fileName=`). Paling besar 5 MB. ' +
          'Berkas disimpan lalu diproses di latar belakang (202, `Location` menunjuk ke kemajuannya). ' +
          'Berkas yang sama persis yang diunggah lagi tidak membuat apa pun (200, `duplicateOf`). ' +
          'Judul kolom yang tidak dikenal atau kolom wajib yang hilang menolak seluruh berkas (400) dengan daftar kolomnya; ' +
          'kesalahan per baris dilaporkan di laporan baris.',
        security,
        querystring: uploadQuerySchema,
        consumes: ['multipart/form-data', 'text/csv'],
        response: { 202: importAcceptedSchema, 200: importAcceptedSchema, ...errors, 409: errorBodySchema, 413: errorBodySchema, 415: errorBodySchema },
      },
    },
    async (request, reply) => {
      const upload = uploadOf(request, request.query.fileName ?? 'impor.csv');
      const { view, duplicate } = await storeImport(importServiceDeps(app, request), upload, request.principal);
      return reply
        .status(duplicate ? 200 : 202)
        .header('Location', `/api/v1/imports/${view.importId}`)
        .send({ ...view, duplicateOf: duplicate ? view.importId : null });
    },
  );

  app.get(
    '/imports/template.csv',
    { config: importAccess, schema: { tags: ['imports'], summary: 'Templat CSV (judul kolom dalam Bahasa Indonesia)', security } },
    async (_request, reply) =>
      reply.type('text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="templat-impor-ats.csv"').send(importTemplateCsv()),
  );

  app.get(
    '/imports',
    { config: importAccess, schema: { tags: ['imports'], summary: 'Daftar impor (wilayah pemanggil)', security, querystring: pageQuerySchema, response: { 200: importListSchema, ...errors } } },
    async (request) => listImports(importServiceDeps(app, request), request.principal, request.query),
  );

  app.get(
    '/imports/:importId',
    {
      config: importAccess,
      schema: {
        tags: ['imports'],
        summary: 'Kemajuan dan hasil impor',
        description: 'Selama berjalan, kemajuan dibaca langsung dari alur kerja impor; setelah selesai, dari basis data.',
        security,
        params: importIdParamsSchema,
        response: { 200: importSchema, ...errors },
      },
    },
    async (request) => getImport(importServiceDeps(app, request), request.params.importId, request.principal),
  );

  app.get(
    '/imports/:importId/rows',
    {
      config: importAccess,
      schema: {
        tags: ['imports'],
        summary: 'Laporan per baris',
        description: 'Hasil setiap baris (dibuat, digabung, dibuka kembali, ditinjau, ditolak beserta alasannya), urut nomor baris.',
        security,
        params: importIdParamsSchema,
        querystring: rowsQuerySchema,
        response: { 200: importRowListSchema, ...errors },
      },
    },
    async (request) => listImportRows(importServiceDeps(app, request), request.params.importId, request.principal, request.query),
  );

  app.get(
    '/imports/:importId/report.csv',
    { config: importAccess, schema: { tags: ['imports'], summary: 'Laporan per baris sebagai CSV', security, params: importIdParamsSchema } },
    async (request, reply) => {
      const { batch, rows } = await allImportRows(importServiceDeps(app, request), request.params.importId, request.principal);
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="laporan-impor-${batch.id.slice(0, 8)}.csv"`)
        .send(importReportCsv(rows));
    },
  );
};
