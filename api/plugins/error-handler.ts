import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { FieldError } from '../../domain/validation.js';
import { ApiError, INTERNAL_MESSAGE, notFound, validationFailed } from '../../use-cases/errors.js';
import { staffErrorPage } from '../staff/html/error-pages.js';
import { sendHtml } from '../tasks/html-reply.js';

/**
 * Every failure leaves the API in one shape. Expected failures keep their code and message;
 * anything else becomes INTERNAL_ERROR with a generic message, and only the operator's log
 * learns more — never the client, and never the personal data an error message may carry.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const apiError = toApiError(error, request);
    if (request.routeOptions.config.page) return sendHtml(reply, apiError.statusCode, staffErrorPage(request, apiError.statusCode, apiError.message));
    return sendApiError(apiError, reply);
  });
  app.setNotFoundHandler((_request, reply) => sendApiError(notFound(), reply));
}

export function sendApiError(error: ApiError, reply: FastifyReply): FastifyReply {
  return reply.status(error.statusCode).type('application/json; charset=utf-8').send(error.toBody());
}

/** Translates anything thrown while handling a request into the error the caller sees, logging server faults. */
export function toApiError(error: unknown, request: FastifyRequest): ApiError {
  if (error instanceof ApiError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return validationFailed(error.validation.map((issue): FieldError => ({ field: dottedPath(issue.instancePath), message: issue.message ?? '' })));
  }
  const known = fastifyClientError(error);
  if (known) return known;
  if (textTheDatabaseRefused(error)) return new ApiError(400, 'BAD_REQUEST', UNSTORABLE_TEXT_MESSAGE);
  request.log.error({ err: describeForLog(error) }, 'request failed');
  return new ApiError(500, 'INTERNAL_ERROR', INTERNAL_MESSAGE);
}

function fastifyClientError(error: unknown): ApiError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { statusCode, code } = error as Partial<FastifyError>;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || statusCode === 413) {
    return new ApiError(413, 'PAYLOAD_TOO_LARGE', 'Data yang dikirim terlalu besar.');
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || statusCode === 415) {
    return new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Format data tidak didukung. Gunakan application/json.');
  }
  if (statusCode === 429) return new ApiError(429, 'RATE_LIMITED', 'Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.');
  if (statusCode === 404) return notFound();
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
    return new ApiError(statusCode, 'BAD_REQUEST', 'Permintaan tidak dapat diproses. Periksa format data yang dikirim.');
  }
  return undefined;
}

const UNSTORABLE_TEXT_MESSAGE = 'Data yang dikirim mengandung karakter yang tidak dapat disimpan (misalnya karakter NUL). Periksa lalu kirim ulang.';

/**
 * PostgreSQL refuses a NUL or a byte that is not UTF-8 in text (22021, 22P05 in JSON). Nothing it
 * stores holds one, so it came with the request: a path id, a sign-in email, any text the schemas
 * do not already refuse. That is the sender's mistake, not a fault of ours.
 */
function textTheDatabaseRefused(error: unknown): boolean {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } } | null)?.meta?.driverAdapterError?.cause;
  return cause?.originalCode === '22021' || cause?.originalCode === '22P05';
}

function dottedPath(instancePath: string): string {
  return instancePath.split('/').filter(Boolean).join('.') || '(isi)';
}

/**
 * What the log keeps of an unexpected error: its kind and where it happened. Messages are left
 * out on purpose, because database and workflow errors quote the values they failed on.
 */
export function describeForLog(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at ')).slice(0, 12);
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(error.cause instanceof Error ? { cause: error.cause.name } : {}),
    stack: frames.map((line) => line.trim()).join('\n'),
  };
}
