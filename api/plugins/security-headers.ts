import type { FastifyInstance } from 'fastify';

/** Pages are self-contained (inline CSS, no scripts), so the policy can forbid everything else. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const DOCS_PREFIX = '/docs';

/** Set here rather than by a helmet-like plugin: the whole policy fits on one screen and is easy to audit. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    const path = request.url.split('?')[0] ?? '';
    // The API documentation runs Swagger UI's scripts; every other response may run none.
    if (path !== DOCS_PREFIX && !path.startsWith(`${DOCS_PREFIX}/`)) {
      reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      // Case data and task pages hold personal data: no shared or browser caches.
      reply.header('Cache-Control', 'no-store');
    }
    return payload;
  });
}
