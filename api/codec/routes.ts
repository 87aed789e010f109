import type { Payload, PayloadCodec } from '@temporalio/common';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema } from '../cases/schemas.js';
import { ApiError } from '../../use-cases/errors.js';
import { allowCodecCors } from './cors.js';
import { codecOperationParamsSchema, payloadsBodySchema, type PayloadsBody } from './schemas.js';

export interface CodecRouteOptions {
  codec: PayloadCodec;
  /** Browser origins of the Temporal Web UI. */
  allowedOrigins: readonly string[];
}

/** A whole workflow history's payloads can be decoded in one request. */
const CODEC_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * The codec endpoint of the Temporal Web UI (and `temporal --codec-endpoint`): POST …/encode and
 * …/decode turn payloads into and out of their encrypted form. Decoding reveals children's
 * personal data, so only district-wide auditor and admin keys may use it; everyone else gets an
 * error and no payload.
 *
 * The key goes in the Authorization (or x-api-key) header under /codec. A Web UI that cannot send
 * headers (the embedded development UI) is given an endpoint with the key in the path instead,
 * /codec/key/<key>; the codec protocol only looks at the last path segment.
 */
export const codecRoutes: FastifyPluginAsyncZod<CodecRouteOptions> = async (app, { codec, allowedOrigins }) => {
  allowCodecCors(app, allowedOrigins);
  await app.register(async (scope) => codecOperations(scope, codec, { keyInPath: false }));
  await app.register(async (scope) => codecOperations(scope, codec, { keyInPath: true }), { prefix: '/key/:apiKey' });
};

function codecOperations(app: FastifyInstance, codec: PayloadCodec, { keyInPath }: { keyInPath: boolean }): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/:operation',
    {
      bodyLimit: CODEC_BODY_LIMIT_BYTES,
      config: { access: 'audit.read', keyInPath },
      schema: {
        tags: ['audit'],
        summary: 'Codec payload Temporal (untuk Temporal Web UI)',
        hide: keyInPath,
        params: codecOperationParamsSchema,
        body: payloadsBodySchema,
        response: { 200: payloadsBodySchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema },
      },
    },
    async (request) => {
      if (request.principal.scope.length > 0) {
        throw new ApiError(403, 'FORBIDDEN', 'Hanya kunci API auditor atau admin tingkat kabupaten yang boleh memakai codec.');
      }
      const payloads = request.body.payloads.map(fromJson);
      if (request.params.operation === 'encode') return { payloads: (await codec.encode(payloads)).map(toJson) };
      try {
        return { payloads: (await codec.decode(payloads)).map(toJson) };
      } catch {
        throw new ApiError(400, 'BAD_REQUEST', 'Payload tidak dapat dibuka dengan kunci yang tersedia.');
      }
    },
  );
}

type JsonPayload = PayloadsBody['payloads'][number];

function fromJson(payload: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')])),
    data: Buffer.from(payload.data ?? '', 'base64'),
  };
}

function toJson(payload: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value ?? new Uint8Array()).toString('base64')])),
    data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
  };
}
