import { HISTORY_CHANNELS } from '../../domain/case-history.js';
import { z } from '../../domain/validation.js';
import { caseIdParamsSchema } from '../cases/schemas.js';

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

const actorSchema = z.object({ kind: z.enum(['STAFF', 'OFFICER', 'SYSTEM']), id: z.string(), name: z.string().optional() });

export const historyEntrySchema = z.object({
  at: z.string(),
  source: z.enum(['WORKFLOW', 'CASE_EVENT']),
  ref: z.string(),
  sequence: z.number().int().optional(),
  kind: z.string(),
  description: z.string(),
  actor: actorSchema,
  channel: z.enum(HISTORY_CHANNELS),
  channelLabel: z.string(),
  raw: z.unknown(),
});

export const caseHistorySchema = z
  .object({
    caseId: z.string(),
    runs: z.array(z.object({ runId: z.string(), startedAt: z.string(), status: z.string() })),
    entries: z.array(historyEntrySchema),
  })
  .meta({
    examples: [
      {
        caseId: 'c_3kq9…',
        runs: [{ runId: '0193…', startedAt: '2026-12-04T01:02:03.000Z', status: 'RUNNING' }],
        entries: [
          {
            at: '2026-12-04T01:02:03.120Z', source: 'CASE_EVENT', ref: '1', sequence: 1, kind: 'CASE_OPENED',
            description: 'Kasus dibuka dari laporan Desa/kelurahan (SIPBM-2025-0141), kategori Putus sekolah.',
            actor: { kind: 'STAFF', id: 'key-1', name: 'Disdikbud' }, channel: 'API_KEY', channelLabel: 'Kunci API', raw: {},
          },
        ],
      },
    ],
  });

export const stateQuerySchema = z.object({
  afterSequence: z.coerce.number({ message: 'Nomor urut peristiwa harus berupa angka.' }).int().min(1, 'Nomor urut peristiwa mulai dari 1.').optional(),
});

const taskAtPointSchema = z.object({
  taskId: z.string(),
  type: z.string(),
  title: z.string(),
  status: z.string(),
  assignee: z.object({ officerId: z.string(), name: z.string().optional() }),
  openedAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  escalationLevel: z.number().int(),
  awaitingReassignment: z.boolean(),
  closedAt: z.string().optional(),
});

export const caseStateSchema = z
  .object({
    caseId: z.string(),
    afterSequence: z.number().int(),
    at: z.string(),
    eventType: z.string(),
    previousSequence: z.number().int().nullable(),
    nextSequence: z.number().int().nullable(),
    run: z.number().int(),
    stage: z.string(),
    stageLabel: z.string(),
    identityStatus: z.string().optional(),
    welfare: z.object({ status: z.string().optional(), decile: z.number().optional(), pipCandidate: z.boolean().optional() }).optional(),
    reportCount: z.number().int(),
    openTasks: z.array(taskAtPointSchema),
    tasks: z.array(taskAtPointSchema),
    nextDueAt: z.string().optional(),
    overdue: z.boolean(),
    outcome: z.string().optional(),
    closeReason: z.string().optional(),
    openedAt: z.string(),
    closedAt: z.string().optional(),
  })
  .meta({ description: 'Keadaan kasus tepat setelah peristiwa log audit dengan nomor urut afterSequence.' });

export type CaseStateBody = z.infer<typeof caseStateSchema>;

const isoInstant = (field: string) =>
  z.string().refine((value) => !Number.isNaN(Date.parse(value)), `${field} harus berupa tanggal/waktu ISO 8601, misalnya 2026-12-01 atau 2026-12-01T08:00:00Z.`);

export const accessLogQuerySchema = z.object({
  caseId: caseIdParamsSchema.shape.caseId.optional(),
  principal: z.string().min(1).max(120).optional(),
  from: isoInstant('from').optional(),
  to: isoInstant('to').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const accessLogSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      caseId: z.string(),
      principalKind: z.string(),
      principalId: z.string(),
      role: z.string(),
      action: z.string(),
      actionLabel: z.string(),
      channel: z.string(),
      accessedAt: z.string(),
    }),
  ),
});
