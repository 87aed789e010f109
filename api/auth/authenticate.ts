import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import { verifyApiKey } from './api-keys.js';

const UNAUTHENTICATED_MESSAGE = 'Kunci API tidak valid atau tidak ada.';

/** Every route of the context this is applied to needs a valid API key (`Authorization: Bearer …` or `x-api-key`). */
export function requireApiKey(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const principal = await verifyApiKey(app.prisma, presentedKey(request));
    if (!principal) {
      reply.header('WWW-Authenticate', 'Bearer');
      throw new ApiError(401, 'UNAUTHENTICATED', UNAUTHENTICATED_MESSAGE);
    }
    request.apiKey = principal;
  });
}

function presentedKey(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    return match?.[1];
  }
  const header = request.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : undefined;
}

/** Auditors read; changing a case needs a coordinator, supervisor or admin key. */
export function assertMayChangeCases(request: FastifyRequest): void {
  if (request.apiKey.role === 'AUDITOR') {
    throw new ApiError(403, 'FORBIDDEN', 'Kunci API ini hanya boleh membaca data.');
  }
}
