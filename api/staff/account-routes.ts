import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { STAFF_ROLES } from '../../domain/access.js';
import { passwordSchema } from '../../domain/staff.js';
import { z } from '../../domain/validation.js';
import { hashPassword, verifyPassword } from '../../infra/passwords.js';
import { errorBodySchema } from '../cases/schemas.js';
import { notFound } from '../../use-cases/errors.js';
import { sendHtml } from '../tasks/html-reply.js';
import { accountPage } from './html/account-page.js';

const meSchema = z.object({
  kind: z.enum(['USER', 'API_KEY']),
  id: z.string(),
  name: z.string(),
  role: z.enum(STAFF_ROLES),
  scope: z.array(z.string()).meta({ description: 'Kode kecamatan; kosong berarti seluruh Kutai Timur.' }),
});

const passwordChangeSchema = z.object({ currentPassword: z.string().max(500).default(''), newPassword: z.string().max(500).default('') });

/** Who the caller is (API and page), and a signed-in user's own password. */
export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/me',
    {
      config: { access: 'cases.read' },
      schema: {
        tags: ['staff'],
        summary: 'Siapa saya',
        description: 'Peran dan wilayah pemanggil (pengguna yang masuk atau kunci API).',
        security: [{ bearerKey: [] }, { headerKey: [] }],
        response: { 200: meSchema, 401: errorBodySchema },
      },
    },
    async (request) => request.principal,
  );

  app.get('/akun', { config: { access: 'cases.read', page: true }, schema: { tags: ['staff'], summary: 'Halaman akun (HTML)' } }, async (request, reply) => {
    const email = await emailOf(request.principal);
    return sendHtml(reply, 200, accountPage({ principal: request.principal, csrfToken: request.csrfToken, email, changed: 'diganti' in (request.query as object) }));
  });

  app.post(
    '/akun/kata-sandi',
    { config: { access: 'cases.read', page: true }, schema: { tags: ['staff'], summary: 'Ganti kata sandi sendiri', body: passwordChangeSchema } },
    async (request, reply) => {
      const { principal } = request;
      const user = principal.kind === 'USER' ? await app.prisma.staffUser.findUnique({ where: { id: principal.id } }) : null;
      if (!user) throw notFound();
      const render = (message: { field: string; message: string }) =>
        sendHtml(reply, 400, accountPage({ principal, csrfToken: request.csrfToken, email: user.email, errors: [message] }));
      if (!(await verifyPassword(request.body.currentPassword, user.passwordHash))) {
        return render({ field: 'currentPassword', message: 'Kata sandi sekarang tidak cocok.' });
      }
      const parsed = passwordSchema.safeParse(request.body.newPassword);
      if (!parsed.success) return render({ field: 'newPassword', message: parsed.error.issues[0]!.message });
      await app.prisma.$transaction([
        app.prisma.staffUser.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(parsed.data) } }),
        app.prisma.staffSession.updateMany({ where: { userId: user.id, revokedAt: null, NOT: { id: request.staffSessionId ?? '' } }, data: { revokedAt: new Date() } }),
      ]);
      return reply.redirect('/akun?diganti=1', 303);
    },
  );

  async function emailOf(principal: { kind: string; id: string }): Promise<string> {
    if (principal.kind !== 'USER') return '(kunci API)';
    const user = await app.prisma.staffUser.findUnique({ where: { id: principal.id }, select: { email: true } });
    return user?.email ?? '';
  }
};
