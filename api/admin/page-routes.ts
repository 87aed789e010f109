import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { newApiKeySchema, newStaffUserSchema, officerInputSchema } from '../../domain/staff.js';
import { fieldErrors, z } from '../../domain/validation.js';
import { ApiError, validationFailed } from '../../use-cases/errors.js';
import { formToObject, type FormFields } from '../tasks/form-data.js';
import { sendHtml } from '../tasks/html-reply.js';
import { caseHealthReport } from '../health/case-health-service.js';
import { repairViolation } from '../health/case-repair.js';
import { issueApiKey, listApiKeys, revokeApiKey } from './api-key-admin.js';
import { adminPage, type AdminFormProblem } from './html/admin-page.js';
import { changeOfficer, createOfficer, listOfficers } from './officers.js';
import { changeStaffUser, createStaffUser, listStaffUsers } from './staff-users.js';

const page = { access: 'staff.manage', page: true } as const;
const idParams = z.object({ id: z.string().min(1).max(100) });

const NOTICES = {
  'pengguna-dibuat': 'Pengguna dibuat. Sampaikan kata sandi awalnya secara langsung.',
  'pengguna-diubah': 'Pengguna diubah. Sesi pengguna itu sudah diakhiri bila haknya berubah.',
  'kunci-dicabut': 'Kunci API dicabut: permintaan berikutnya dengan kunci itu ditolak.',
  'petugas-ditambahkan': 'Petugas ditambahkan ke direktori.',
  'petugas-diubah': 'Data petugas diubah. Tugas terbukanya tetap padanya sampai dialihkan.',
  'kasus-diperbaiki': 'Perbaikan dijalankan dan tercatat di riwayat kasus. Masalahnya hilang dari daftar setelah pemeriksaan berikutnya melihat kasus sehat.',
} as const;

/** /admin: the admin's page for staff users, API keys and the officer directory; the same services as /api/v1/admin. */
export const adminPageRoutes: FastifyPluginAsyncZod = async (app) => {
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    extra: { problem?: AdminFormProblem; notice?: string; issuedKey?: { name: string; key: string } } = {},
  ) => {
    const [users, keys, officers, caseHealth] = await Promise.all([listStaffUsers(app.prisma), listApiKeys(app.prisma), listOfficers(app.prisma), caseHealthReport(app.prisma)]);
    return sendHtml(reply, status, adminPage({ principal: request.principal, csrfToken: request.csrfToken, users, keys, officers, caseHealth, ...extra }));
  };
  /** Runs an action; a field problem re-renders the page with the form as typed. */
  const act = async (request: FastifyRequest, reply: FastifyReply, form: AdminFormProblem['form'] | undefined, run: () => Promise<keyof typeof NOTICES>) => {
    try {
      return reply.redirect(`/admin?selesai=${await run()}`, 303);
    } catch (error) {
      if (form && error instanceof ApiError && error.fields) {
        return render(request, reply, 400, { problem: { form, values: (request.body ?? {}) as FormFields, errors: error.fields } });
      }
      throw error;
    }
  };
  const parse = <T>(schema: z.ZodType<T>, fields: FormFields): T => {
    const parsed = schema.safeParse(formToObject(fields, schema));
    if (!parsed.success) throw validationFailed(fieldErrors(parsed.error));
    return parsed.data;
  };

  app.get('/admin', { config: page, schema: { tags: ['admin'], summary: 'Halaman admin (HTML)', querystring: z.object({ selesai: z.string().optional() }) } }, async (request, reply) =>
    render(request, reply, 200, { ...(request.query.selesai && request.query.selesai in NOTICES ? { notice: NOTICES[request.query.selesai as keyof typeof NOTICES] } : {}) }),
  );

  app.post('/admin/pengguna', { config: page, schema: { tags: ['admin'], summary: 'Buat pengguna (formulir)' } }, async (request, reply) =>
    act(request, reply, 'user', async () => {
      await createStaffUser(app.prisma, parse(newStaffUserSchema, request.body as FormFields));
      return 'pengguna-dibuat';
    }),
  );

  for (const [action, changes] of [
    ['buka-kunci', { unlock: true }],
    ['nonaktifkan', { disabled: true }],
    ['aktifkan', { disabled: false }],
  ] as const) {
    app.post(`/admin/pengguna/:id/${action}`, { config: page, schema: { tags: ['admin'], summary: `Pengguna: ${action} (formulir)`, params: idParams } }, async (request, reply) =>
      act(request, reply, undefined, async () => {
        await changeStaffUser(app.prisma, request.params.id, changes, request.principal);
        return 'pengguna-diubah';
      }),
    );
  }

  app.post('/admin/kunci', { config: page, schema: { tags: ['admin'], summary: 'Terbitkan kunci API (formulir)' } }, async (request, reply) => {
    try {
      const issued = await issueApiKey(app.prisma, parse(newApiKeySchema, request.body as FormFields));
      // Shown in this response only: a redirect would need the key in a URL or a store.
      return render(request, reply, 201, { issuedKey: { name: issued.name, key: issued.key } });
    } catch (error) {
      if (error instanceof ApiError && error.fields) return render(request, reply, 400, { problem: { form: 'key', values: request.body as FormFields, errors: error.fields } });
      throw error;
    }
  });

  app.post('/admin/kunci/:id/cabut', { config: page, schema: { tags: ['admin'], summary: 'Cabut kunci API (formulir)', params: idParams } }, async (request, reply) =>
    act(request, reply, undefined, async () => {
      await revokeApiKey(app.prisma, request.params.id);
      return 'kunci-dicabut';
    }),
  );

  app.post('/admin/petugas', { config: page, schema: { tags: ['admin'], summary: 'Tambah petugas (formulir)' } }, async (request, reply) =>
    act(request, reply, 'officer', async () => {
      await createOfficer(app.prisma, parse(officerInputSchema, request.body as FormFields));
      return 'petugas-ditambahkan';
    }),
  );

  for (const [action, active] of [
    ['nonaktifkan', false],
    ['aktifkan', true],
  ] as const) {
    app.post(`/admin/petugas/:id/${action}`, { config: page, schema: { tags: ['admin'], summary: `Petugas: ${action} (formulir)`, params: idParams } }, async (request, reply) =>
      act(request, reply, undefined, async () => {
        await changeOfficer(app.prisma, request.params.id, { active });
        return 'petugas-diubah';
      }),
    );
  }

  app.post(
    '/admin/kesehatan-kasus/:id/perbaiki',
    { config: { access: 'health.repair', page: true }, schema: { tags: ['admin'], summary: 'Perbaiki masalah kasus (formulir)', params: idParams } },
    async (request, reply) =>
      act(request, reply, undefined, async () => {
        await repairViolation({ prisma: app.prisma, temporal: app.temporal, taskQueue: app.env.TEMPORAL_TASK_QUEUE }, request.params.id, undefined, request.principal, request.id);
        return 'kasus-diperbaiki';
      }),
  );
};
