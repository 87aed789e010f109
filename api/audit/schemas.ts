import { z } from '../../domain/validation.js';

export const replayVerdictSchema = z
  .object({
    deterministic: z.boolean(),
    events: z.number().int(),
    divergence: z.string().optional(),
  })
  .meta({ examples: [{ deterministic: true, events: 87 }] });

export const chainVerdictSchema = z
  .object({
    caseId: z.string(),
    valid: z.boolean(),
    events: z.number().int(),
    headHash: z.string().optional(),
    failure: z
      .object({ sequence: z.number().int(), problem: z.enum(['SEQUENCE_GAP', 'PREVIOUS_HASH_MISMATCH', 'HASH_MISMATCH']) })
      .optional(),
  })
  .meta({ examples: [{ caseId: 'c_3kq9…', valid: true, events: 14, headHash: '9f2c…' }] });

export type ChainVerdictBody = z.infer<typeof chainVerdictSchema>;
