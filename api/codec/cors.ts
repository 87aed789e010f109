import type { FastifyInstance } from 'fastify';

/** What the Temporal Web UI sends with its codec requests (the authorization header only when configured to). */
const ALLOWED_HEADERS = 'authorization, content-type, x-namespace';
const PREFLIGHT_CACHE_SECONDS = 600;

/**
 * The Web UI calls the codec from the browser, from its own origin: only the configured UI
 * origins may read the answers. The preflight carries no credentials, so it is answered before
 * any authentication.
 */
export function allowCodecCors(app: FastifyInstance, allowedOrigins: readonly string[]): void {
  const allowed = (origin: string | undefined): origin is string => origin !== undefined && allowedOrigins.includes(origin);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('Vary', 'Origin');
    if (allowed(request.headers.origin)) reply.header('Access-Control-Allow-Origin', request.headers.origin);
  });
  app.options('/*', { schema: { hide: true } }, async (request, reply) => {
    if (allowed(request.headers.origin)) {
      reply
        .header('Access-Control-Allow-Methods', 'POST')
        .header('Access-Control-Allow-Headers', ALLOWED_HEADERS)
        .header('Access-Control-Max-Age', String(PREFLIGHT_CACHE_SECONDS));
    }
    return reply.status(204).send();
  });
}
