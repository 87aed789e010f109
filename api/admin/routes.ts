import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from '../../domain/validation.js';
import { errorBodySchema } from '../cases/schemas.js';
import { issueApiKey, listApiKeys, revokeApiKey } from './api-key-admin.js';
import { changeOfficer, createOfficer, listOfficers } from './officers.js';
import {
  apiKeySchema,
  createdApiKeySchema,
  idParamsSchema,
  newApiKeyBodySchema,
  newStaffUserBodySchema,
  officerBodySchema,
  officerChangesBodySchema,
  officerSchema,
  staffUserChangesBodySchema,
  staffUserSchema,
} from './schemas.js';
import { changeStaffUser, createStaffUser, listStaffUsers } from './staff-users.js';

const security: Record<string, string[]>[] = [{ bearerKey: [] }, { headerKey: [] }];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const admin = { access: 'staff.manage' } as const;

/** /api/v1/admin: staff users, API keys and the officer directory. Admins only. */
export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/users', { config: admin, schema: { tags: ['admin'], summary: 'Daftar pengguna staf', security, response: { 200: z.array(staffUserSchema), ...errors } } }, async () =>
    listStaffUsers(app.prisma),
  );

  app.post(
    '/users',
    { config: admin, schema: { tags: ['admin'], summary: 'Buat pengguna staf', security, body: newStaffUserBodySchema, response: { 201: staffUserSchema, ...errors } } },
    async (request, reply) => reply.status(201).send(await createStaffUser(app.prisma, request.body)),
  );

  app.patch(
    '/users/:id',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'Ubah pengguna staf',
        description: 'Mengubah peran, wilayah atau kata sandi, atau menonaktifkan akun, juga mengakhiri semua sesi pengguna itu. `unlock` membuka kunci setelah terlalu banyak percobaan gagal.',
        security,
        params: idParamsSchema,
        body: staffUserChangesBodySchema,
        response: { 200: staffUserSchema, ...errors },
      },
    },
    async (request) => changeStaffUser(app.prisma, request.params.id, request.body, request.principal),
  );

  app.get('/api-keys', { config: admin, schema: { tags: ['admin'], summary: 'Daftar kunci API', security, response: { 200: z.array(apiKeySchema), ...errors } } }, async () =>
    listApiKeys(app.prisma),
  );

  app.post(
    '/api-keys',
    {
      config: admin,
      schema: { tags: ['admin'], summary: 'Terbitkan kunci API', description: 'Kunci lengkap hanya ada di jawaban ini; yang disimpan hanya hash-nya.', security, body: newApiKeyBodySchema, response: { 201: createdApiKeySchema, ...errors } },
    },
    async (request, reply) => reply.status(201).send(await issueApiKey(app.prisma, request.body)),
  );

  app.post(
    '/api-keys/:id/revoke',
    { config: admin, schema: { tags: ['admin'], summary: 'Cabut kunci API', security, params: idParamsSchema, response: { 200: apiKeySchema, ...errors } } },
    async (request) => revokeApiKey(app.prisma, request.params.id),
  );

  app.get('/officers', { config: admin, schema: { tags: ['admin'], summary: 'Direktori petugas', security, response: { 200: z.array(officerSchema), ...errors } } }, async () =>
    listOfficers(app.prisma),
  );

  app.post(
    '/officers',
    { config: admin, schema: { tags: ['admin'], summary: 'Tambah petugas', security, body: officerBodySchema, response: { 201: officerSchema, ...errors } } },
    async (request, reply) => reply.status(201).send(await createOfficer(app.prisma, request.body)),
  );

  app.patch(
    '/officers/:id',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'Ubah data petugas',
        description: 'Petugas yang dinonaktifkan tidak menerima tugas baru; tugas terbukanya tetap terlihat sampai dialihkan penyelia.',
        security,
        params: idParamsSchema,
        body: officerChangesBodySchema,
        response: { 200: officerSchema, ...errors },
      },
    },
    async (request) => changeOfficer(app.prisma, request.params.id, request.body),
  );
};
