import { z } from '../../domain/validation.js';

const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'Harus base64.');

/** temporal.api.common.v1.Payloads in proto3 JSON: bytes as base64, as the Web UI and `temporal` CLI send them. */
export const payloadsBodySchema = z
  .object({
    payloads: z
      .array(z.object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() }))
      .max(1000),
  })
  .meta({ examples: [{ payloads: [{ metadata: { encoding: 'YmluYXJ5L2VuY3J5cHRlZA==', 'encryption-key-id': 'MjAyNy0wMQ==' }, data: '…' }] }] });

export type PayloadsBody = z.infer<typeof payloadsBodySchema>;

export const codecOperationParamsSchema = z.object({ operation: z.enum(['encode', 'decode']) });
