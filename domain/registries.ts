import { IDENTITY_FIELDS } from './tasks.js';
import { isoDate, z } from './validation.js';

/**
 * HTTP contracts of the external registries. The production adapters and our simulators
 * both speak exactly these shapes.
 *
 * Dukcapil: POST {DUKCAPIL_URL}/v1/verifikasi  body DukcapilVerifyRequest → 200 DukcapilVerifyResponse
 * Dinsos:   POST {DINSOS_URL}/v1/status-kesejahteraan body DinsosStatusRequest → 200 DinsosStatusResponse
 * Both: 4xx for a malformed request (not retried), 5xx or a timeout when the service is down (retried).
 */
export const dukcapilVerifyRequestSchema = z.object({
  nik: z.string().regex(/^\d{16}$/),
  fullName: z.string().min(1),
  birthDate: isoDate,
  sex: z.enum(['L', 'P']).optional(),
  noKk: z.string().regex(/^\d{16}$/).optional(),
});
export type DukcapilVerifyRequest = z.infer<typeof dukcapilVerifyRequestSchema>;

export const civilRecordSchema = z.object({
  nik: z.string(),
  noKk: z.string(),
  fullName: z.string(),
  birthDate: isoDate,
  sex: z.enum(['L', 'P']),
  kecamatanCode: z.string(),
  desa: z.string(),
});
export type CivilRecord = z.infer<typeof civilRecordSchema>;

export const dukcapilVerifyResponseSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('MATCH'), record: civilRecordSchema }),
  z.object({
    status: z.literal('MISMATCH'),
    record: civilRecordSchema,
    differences: z.array(z.object({ field: z.enum(IDENTITY_FIELDS), reported: z.string(), registry: z.string() })).min(1),
  }),
  z.object({ status: z.literal('NOT_FOUND') }),
]);
export type DukcapilVerifyResponse = z.infer<typeof dukcapilVerifyResponseSchema>;

export const dinsosStatusRequestSchema = z
  .object({ nik: z.string().regex(/^\d{16}$/).optional(), noKk: z.string().regex(/^\d{16}$/).optional() })
  .refine((r) => r.nik || r.noKk, 'nik or noKk is required');
export type DinsosStatusRequest = z.infer<typeof dinsosStatusRequestSchema>;

export const WELFARE_PROGRAMMES = ['PKH', 'BPNT', 'PIP', 'KIP', 'PBI_JK'] as const;

export const dinsosStatusResponseSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('REGISTERED'),
    noKk: z.string(),
    decile: z.number().int().min(1).max(10),
    programmes: z.array(z.enum(WELFARE_PROGRAMMES)),
  }),
  z.object({ status: z.literal('NOT_REGISTERED') }),
]);
export type DinsosStatusResponse = z.infer<typeof dinsosStatusResponseSchema>;
