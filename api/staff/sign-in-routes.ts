import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from '../../domain/validation.js';
import { formatDeadline } from '../../emails/format.js';
import { sessionPolicy } from '../auth/session-settings.js';
import { signIn } from '../auth/sign-in.js';
import { closeSession, SESSION_COOKIE } from '../auth/staff-sessions.js';
import { sendHtml } from '../tasks/html-reply.js';
import { signInPage } from './html/sign-in-page.js';

const HOME = '/dasbor';

const signInFormSchema = z.object({
  email: z.string().max(200).default(''),
  password: z.string().max(500).default(''),
  lanjut: z.string().max(2000).optional(),
});

/** Only a path of this site: an open redirect would let a phishing link borrow our sign-in page. */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return HOME;
  return next;
}

/** Sign-in and sign-out of the staff pages: a password opens a session held in an HttpOnly cookie. */
export const signInRoutes: FastifyPluginAsyncZod = async (app) => {
  const policy = sessionPolicy(app.env);
  const secureCookie = (app.env.PUBLIC_URL ?? '').startsWith('https:');
  await app.register(rateLimit, { global: false });
  // Per address, on top of the per-account lockout: slows a guesser who cycles through many accounts.
  const signInRateLimit = { max: app.env.SIGN_IN_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' };

  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect(HOME, 303));

  app.get(
    '/masuk',
    { schema: { tags: ['staff'], summary: 'Halaman masuk staf (HTML)', querystring: z.object({ lanjut: z.string().max(2000).optional(), keluar: z.string().optional() }) } },
    async (request, reply) =>
      sendHtml(reply, 200, signInPage({ next: safeNext(request.query.lanjut), ...(request.query.keluar !== undefined ? { notice: 'Anda sudah keluar.' } : {}) })),
  );

  app.post(
    '/masuk',
    { config: { rateLimit: signInRateLimit, page: true }, schema: { tags: ['staff'], summary: 'Masuk dengan email dan kata sandi', body: signInFormSchema } },
    async (request, reply) => {
      const { email, password } = request.body;
      const next = safeNext(request.body.lanjut);
      if (!email.trim() || !password) {
        return sendHtml(reply, 400, signInPage({ next, email, problem: 'Isi email dinas dan kata sandi Anda.' }));
      }
      const outcome = await signIn(app.prisma, policy, email, password);
      if (outcome.ok) {
        reply.setCookie(SESSION_COOKIE, outcome.token, {
          path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookie, expires: outcome.expiresAt,
        });
        return reply.redirect(next, 303);
      }
      const problem =
        outcome.reason === 'LOCKED'
          ? `Akun ini dikunci sementara karena terlalu banyak percobaan yang gagal. Coba lagi setelah ${formatDeadline(outcome.lockedUntil.getTime())}, atau hubungi admin.`
          : 'Email atau kata sandi salah.';
      return sendHtml(reply, outcome.reason === 'LOCKED' ? 423 : 401, signInPage({ next, email, problem }));
    },
  );

  app.post(
    '/keluar',
    { config: { access: 'cases.read', page: true }, schema: { tags: ['staff'], summary: 'Keluar' } },
    async (request, reply) => {
      if (request.staffSessionId) await closeSession(app.prisma, request.staffSessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect('/masuk?keluar=1', 303);
    },
  );
};
