import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may, type Permission, type Principal } from '../../domain/access.js';
import { ApiError } from '../../use-cases/errors.js';
import { sendHtml } from '../tasks/html-reply.js';
import { verifyApiKey } from './api-keys.js';
import { sessionPolicy } from './session-settings.js';
import { resumeSession, SESSION_COOKIE } from './staff-sessions.js';
import { staffErrorPage } from '../staff/html/error-pages.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the caller must be allowed to do; a route without it is public (health, docs, officers' token links). */
    access?: Permission;
    /** A server-rendered staff page: an anonymous visitor is sent to the sign-in page, refusals are pages too. */
    page?: boolean;
    /** The API key is the `:apiKey` path parameter (the Temporal Web UI cannot send headers). */
    keyInPath?: boolean;
  }
  interface FastifyInstance {
    /** Every route with what it requires, in registration order: the authorisation tests walk it. */
    accessCatalogue: RouteAccess[];
  }
  interface FastifyRequest {
    /** The verified caller of a route that declares `access`. */
    principal: Principal;
    /** The signed-in session's form token; empty for API keys. */
    csrfToken: string;
    staffSessionId: string | undefined;
  }
}

export interface RouteAccess {
  method: string;
  url: string;
  access: Permission | undefined;
  page: boolean;
}

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const UNAUTHENTICATED_MESSAGE = 'Kunci API tidak valid atau tidak ada.';
const FORBIDDEN_MESSAGE = 'Peran Anda tidak diizinkan melakukan ini.';
const CSRF_MESSAGE = 'Formulir kedaluwarsa atau tidak berasal dari halaman ini. Muat ulang halaman lalu coba lagi.';

/**
 * One gate for every staff route: who is calling (an API key, else the session cookie of a
 * signed-in user), whether their role allows what the route declares, and, for a browser session
 * changing something, whether the form came from our own page.
 */
export function registerAccessControl(app: FastifyInstance): void {
  const catalogue: RouteAccess[] = [];
  app.decorate('accessCatalogue', catalogue);
  // Fails closed: an API route that forgets to say who may call it stops the server from starting.
  app.addHook('onRoute', (route) => {
    const { access, page } = (route.config ?? {}) as { access?: Permission; page?: boolean };
    if (route.url.startsWith('/api/') && !access) throw new Error(`${String(route.method)} ${route.url} declares no access permission`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') catalogue.push({ method, url: route.url, access, page: page === true });
    }
  });

  app.decorateRequest('principal', null as unknown as Principal);
  app.decorateRequest('csrfToken', '');
  app.decorateRequest('staffSessionId', undefined);

  app.addHook('onRequest', async (request, reply) => {
    const { access, page, keyInPath } = request.routeOptions.config;
    if (!access) return;
    const principal = await authenticate(app, request, keyInPath === true);
    if (!principal) {
      if (page) return reply.redirect(`/masuk?lanjut=${encodeURIComponent(request.url)}`, 303);
      reply.header('WWW-Authenticate', 'Bearer');
      throw new ApiError(401, 'UNAUTHENTICATED', UNAUTHENTICATED_MESSAGE);
    }
    request.principal = principal;
    if (!may(principal.role, access)) return refuse(request, reply, FORBIDDEN_MESSAGE);
  });

  app.addHook('preValidation', async (request, reply) => {
    if (request.staffSessionId === undefined || SAFE_METHODS.has(request.method)) return;
    const body = request.body as Record<string, unknown> | undefined;
    const presented = (typeof body === 'object' && body !== null ? body[CSRF_FIELD] : undefined) ?? request.headers[CSRF_HEADER];
    if (!sameToken(presented, request.csrfToken)) return refuse(request, reply, CSRF_MESSAGE);
    if (typeof body === 'object' && body !== null) delete body[CSRF_FIELD];
  });
}

async function authenticate(app: FastifyInstance, request: FastifyRequest, keyInPath: boolean): Promise<Principal | undefined> {
  if (keyInPath) return verifyApiKey(app.prisma, (request.params as { apiKey?: string }).apiKey);
  const key = presentedKey(request);
  if (key !== undefined) return verifyApiKey(app.prisma, key);
  const session = await resumeSession(app.prisma, request.cookies[SESSION_COOKIE], sessionPolicy(app.env));
  if (!session) return undefined;
  request.staffSessionId = session.sessionId;
  request.csrfToken = session.csrfToken;
  return session.principal;
}

/** `Authorization: Bearer …` or `x-api-key`; an Authorization header of another kind is no key at all. */
function presentedKey(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) return /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1] ?? '';
  const header = request.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : undefined;
}

function refuse(request: FastifyRequest, reply: FastifyReply, message: string): FastifyReply {
  if (request.routeOptions.config.page) return sendHtml(reply, 403, staffErrorPage(request, 403, message));
  throw new ApiError(403, 'FORBIDDEN', message);
}

function sameToken(presented: unknown, expected: string): boolean {
  if (typeof presented !== 'string' || expected === '') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
