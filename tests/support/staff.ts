import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { createStaffUser as createUser, type StaffUserView } from '../../api/admin/staff-users.js';
import type { StaffRole } from '../../domain/access.js';
import { newStaffUserSchema } from '../../domain/staff.js';
import type { PrismaClient } from '../../generated/prisma/client.js';

export const STAFF_TEST_PASSWORD = 'kata-sandi-uji-coba-2026';

let nextUser = 1;

/** A staff user who can sign in with STAFF_TEST_PASSWORD (or the given password). */
export async function createStaffUser(
  prisma: PrismaClient,
  options: { role: StaffRole; scope?: string[]; email?: string; name?: string; password?: string },
): Promise<StaffUserView & { password: string }> {
  const password = options.password ?? STAFF_TEST_PASSWORD;
  const serial = nextUser++;
  const user = await createUser(prisma, newStaffUserSchema.parse({
    email: options.email ?? `${options.role.toLowerCase()}-${serial}-${process.pid}@kutaitimurkab.go.id.test`,
    name: options.name ?? `Staf Uji ${options.role} ${serial}`,
    role: options.role,
    scope: options.scope ?? [],
    password,
  }));
  return { ...user, password };
}

/** A signed-in browser session, as `inject` sends it: the cookie, and the form token its pages carry. */
export interface InjectedSession {
  cookie: string;
  csrfToken: string;
  /** Headers for a request of this session; state-changing requests also send the form token. */
  headers(extra?: Record<string, string>): Record<string, string>;
}

/** Signs in through the real sign-in form and reads the form token from a page, as a browser would. */
export async function signInWithInject(app: FastifyInstance, email: string, password = STAFF_TEST_PASSWORD): Promise<InjectedSession> {
  const response = await app.inject({ method: 'POST', url: '/masuk', payload: { email, password } });
  if (response.statusCode !== 303) throw new Error(`sign-in failed for ${email}: ${response.statusCode}`);
  const setCookie = response.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)?.split(';')[0];
  if (!cookie) throw new Error('sign-in set no cookie');
  const csrfToken = await csrfTokenOfSession(app, cookie);
  return { cookie, csrfToken, headers: (extra = {}) => ({ cookie, 'x-csrf-token': csrfToken, ...extra }) };
}

/** Signs in over HTTP against a running API, through the same form; the session's cookie. */
export async function sessionCookieOver(baseUrl: string, email: string, password = STAFF_TEST_PASSWORD): Promise<string> {
  const response = await fetch(`${baseUrl}/masuk`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (response.status !== 303 || !cookie) throw new Error(`sign-in failed for ${email}: ${response.status}`);
  return cookie;
}

/** The sign-out button of every staff page carries the session's form token. */
async function csrfTokenOfSession(app: FastifyInstance, cookie: string): Promise<string> {
  const page = await app.inject({ method: 'GET', url: '/akun', headers: { cookie } });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error(`no form token on /akun (status ${page.statusCode})`);
  return token;
}

/** Signs in on the real page in a real browser, and waits for the page it leads to. */
export async function signIn(page: Page, baseUrl: string, email: string, password = STAFF_TEST_PASSWORD, next?: string): Promise<void> {
  await page.goto(`${baseUrl}/masuk${next ? `?lanjut=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('Email dinas').fill(email);
  await page.getByLabel('Kata sandi').fill(password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/masuk')), page.getByRole('button', { name: 'Masuk' }).click()]);
}
