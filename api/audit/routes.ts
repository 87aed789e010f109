import { WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fromStoredEvent } from '../../activities/event-chain.js';
import type { SigningKey } from '../../config/signing-key.js';
import { inScope, UNMASKED_IDENTITY_ROLES } from '../../domain/access.js';
import { CASE_ACCESS_ACTION_LABELS, type CaseAccessAction } from '../../domain/case-access.js';
import { HISTORY_CHANNEL_LABELS } from '../../domain/case-history.js';
import { CASE_KECAMATAN } from '../../domain/search-attributes.js';
import { readCaseAccessLog, recordCaseAccess } from '../../infra/case-access-log.js';
import { verifyCaseEvents } from '../../infra/case-event-log.js';
import type { ReplaySlots } from '../../infra/replay-slots.js';
import { signExport } from '../../infra/signed-export.js';
import type { WorkflowReplayer } from '../../infra/workflow-replay.js';
import { caseIdParamsSchema, errorBodySchema } from '../cases/schemas.js';
import { ApiError, notFound, validationFailed } from '../../use-cases/errors.js';
import { caseExportRecord } from './case-export.js';
import { loadCaseRecord } from './case-record.js';
import { caseStateView } from './case-state-view.js';
import {
  accessLogQuerySchema, accessLogSchema, caseHistorySchema, caseStateSchema, chainVerdictSchema, replayVerdictSchema, stateQuerySchema,
  type ChainVerdictBody,
} from './schemas.js';

const security: Record<string, string[]>[] = [{ bearerKey: [] }, { headerKey: [] }];
const auditErrors = { 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const busyErrors = { 503: errorBodySchema };
const access = { access: 'audit.read' } as const;

export interface AuditRouteOptions {
  replayer: WorkflowReplayer;
  slots: ReplaySlots;
  /** Absent only where nothing signs exports (some tests); export and signing-key answer 503 then. */
  signingKey?: SigningKey;
}

export const REPLAY_BUSY_MESSAGE = 'Server sedang memutar ulang riwayat kasus lain. Silakan coba lagi dalam satu menit.';

/**
 * What an auditor checks of one case: its history (the workflow's steps and the audit events, decoded,
 * in one time line), its state at any point, whether its recorded history still replays against the
 * current workflow code, whether its audit log is the one the system wrote, and a signed export of it
 * all. Every look is written to the access log first. Auditors and admins only (`audit.read`); a case outside the
 * caller's kecamatan is not found, as everywhere else.
 */
export const auditRoutes: FastifyPluginAsyncZod<AuditRouteOptions> = async (app, { replayer, slots, signingKey }) => {
  const deps = { prisma: app.prisma, temporal: app.temporal };

  /** Runs a replay in a free slot, or answers 503 at once. */
  async function inReplaySlot<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
    const outcome = await slots.run(work);
    if (outcome.busy) {
      reply.header('Retry-After', '30');
      throw new ApiError(503, 'SERVICE_BUSY', REPLAY_BUSY_MESSAGE);
    }
    return outcome.value;
  }

  app.get(
    '/cases/:caseId/replay',
    {
      config: access,
      schema: {
        tags: ['audit'],
        summary: 'Putar ulang riwayat kasus',
        description:
          'Menjalankan ulang riwayat workflow kasus terhadap kode workflow yang berlaku sekarang. deterministic=false berarti kode sekarang menyimpang dari riwayat; divergence menjelaskan di mana. Hanya beberapa pemutaran ulang berjalan bersamaan; selebihnya dijawab 503.',
        security,
        params: caseIdParamsSchema,
        response: { 200: replayVerdictSchema, ...auditErrors, ...busyErrors },
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      return inReplaySlot(reply, async () => {
        const handle = app.temporal.workflow.getHandle(request.params.caseId);
        try {
          const description = await handle.describe();
          const kecamatan = description.typedSearchAttributes.get(CASE_KECAMATAN);
          if (kecamatan === undefined || !inScope(principal, kecamatan)) throw notFound();
          await recordCaseAccess(app.prisma, principal, request.params.caseId, 'REPLAY', 'GET /api/v1/cases/:caseId/replay');
          return await replayer.replay(await handle.fetchHistory(), handle.workflowId);
        } catch (error) {
          if (error instanceof WorkflowNotFoundError) throw notFound();
          throw error;
        }
      });
    },
  );

  app.get(
    '/cases/:caseId/events/verify',
    {
      config: access,
      schema: {
        tags: ['audit'],
        summary: 'Periksa keutuhan log audit kasus',
        description:
          'Menghitung ulang rantai hash peristiwa kasus. valid=false berarti ada peristiwa yang diubah, dihapus atau disisipkan; failure menyebut urutan pertama yang rusak.',
        security,
        params: caseIdParamsSchema,
        response: { 200: chainVerdictSchema, ...auditErrors },
      },
    },
    async (request): Promise<ChainVerdictBody> => {
      const principal = request.principal;
      const found = await app.prisma.case.findUnique({ where: { id: request.params.caseId }, select: { kecamatan: true } });
      if (!found || !inScope(principal, found.kecamatan)) throw notFound();
      await recordCaseAccess(app.prisma, principal, request.params.caseId, 'VERIFY', 'GET /api/v1/cases/:caseId/events/verify');
      const { caseId, events, verdict } = await verifyCaseEvents(app.prisma, request.params.caseId);
      return verdict.valid
        ? { caseId, valid: true, events, headHash: verdict.headHash }
        : { caseId, valid: false, events, failure: { sequence: verdict.sequence, problem: verdict.problem } };
    },
  );

  app.get(
    '/cases/:caseId/history',
    {
      config: access,
      schema: {
        tags: ['audit'],
        summary: 'Riwayat lengkap kasus',
        description:
          'Riwayat workflow (semua run, muatan didekripsi) dan peristiwa log audit dalam satu urutan waktu: kapan, siapa, melalui saluran apa, keterangan dalam Bahasa Indonesia, dan JSON mentahnya. NIK dan nomor KK disamarkan kecuali untuk peran ADMIN. Halaman yang sama untuk manusia: /audit/kasus/:caseId.',
        security,
        params: caseIdParamsSchema,
        response: { 200: caseHistorySchema, ...auditErrors },
      },
    },
    async (request) => {
      const principal = request.principal;
      const record = await loadCaseRecord(deps, request.params.caseId, principal);
      await recordCaseAccess(app.prisma, principal, record.caseId, 'HISTORY', 'GET /api/v1/cases/:caseId/history');
      return {
        caseId: record.caseId,
        runs: record.runs.map(({ runId, startedAt, status }) => ({ runId, startedAt, status })),
        entries: record.entries.map((entry) => ({ ...entry, channelLabel: HISTORY_CHANNEL_LABELS[entry.channel] })),
      };
    },
  );

  app.get(
    '/cases/:caseId/state',
    {
      config: access,
      schema: {
        tags: ['audit'],
        summary: 'Keadaan kasus pada suatu titik',
        description:
          'Keadaan kasus tepat setelah peristiwa log audit ke-afterSequence (tanpa parameter: yang terakhir), dihitung ulang dari peristiwa: tahap, tugas terbuka dengan petugas dan batas waktunya, hasil. previousSequence dan nextSequence untuk melangkah.',
        security,
        params: caseIdParamsSchema,
        querystring: stateQuerySchema,
        response: { 200: caseStateSchema, 400: errorBodySchema, ...auditErrors },
      },
    },
    async (request) => {
      const principal = request.principal;
      const caseId = request.params.caseId;
      const found = await app.prisma.case.findUnique({ where: { id: caseId }, select: { kecamatan: true } });
      if (!found || !inScope(principal, found.kecamatan)) throw notFound();
      await recordCaseAccess(app.prisma, principal, caseId, 'STATE', 'GET /api/v1/cases/:caseId/state');
      const rows = await app.prisma.caseEvent.findMany({ where: { caseId }, orderBy: { sequence: 'asc' } });
      return caseStateView(app.prisma, caseId, rows.map(fromStoredEvent), request.query.afterSequence);
    },
  );

  app.get(
    '/cases/:caseId/export',
    {
      config: access,
      schema: {
        tags: ['audit'],
        summary: 'Ekspor rekaman kasus bertanda tangan',
        description:
          'Satu berkas JSON { record, signature }: riwayat, peristiwa log audit, hasil pemeriksaan rantai hash dan pemutaran ulang setiap run, waktu dan pengekspor. signature adalah tanda tangan Ed25519 atas JSON kanonik RFC 8785 dari record; kunci publiknya di /api/v1/audit/signing-key. Periksa dengan `npm run export:verify -- <berkas>`.',
        security,
        params: caseIdParamsSchema,
        response: { ...auditErrors, ...busyErrors },
      },
    },
    async (request, reply) => {
      if (!signingKey) throw new ApiError(503, 'NOT_CONFIGURED', 'Kunci tanda tangan ekspor (AUDIT_SIGNING_KEY) belum diatur.');
      const principal = request.principal;
      const signed = await inReplaySlot(reply, async () => {
        const record = await loadCaseRecord(deps, request.params.caseId, principal);
        await recordCaseAccess(app.prisma, principal, record.caseId, 'EXPORT', 'GET /api/v1/cases/:caseId/export');
        const masked = !UNMASKED_IDENTITY_ROLES.includes(principal.role);
        return signExport(await caseExportRecord(record, replayer, principal, masked), signingKey);
      });
      const day = signed.record.exportedAt.slice(0, 10);
      // A file, not a schema-checked body: sent as written so the bytes are those the auditor keeps.
      return (reply as FastifyReply)
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="kasus-${signed.record.caseId}-${day}.json"`)
        .send(`${JSON.stringify(signed, null, 2)}\n`);
    },
  );

  app.get(
    '/audit/signing-key',
    {
      config: access,
      schema: {
        tags: ['audit'],
        summary: 'Kunci publik penanda tangan ekspor',
        description: 'Kunci publik Ed25519 (PEM, SPKI) yang memverifikasi tanda tangan ekspor kasus; header X-Signing-Key-Id memuat id kuncinya.',
        security,
        response: { ...auditErrors, 503: errorBodySchema },
      },
    },
    async (request, reply) => {
      if (!signingKey) throw new ApiError(503, 'NOT_CONFIGURED', 'Kunci tanda tangan ekspor (AUDIT_SIGNING_KEY) belum diatur.');
      return (reply as FastifyReply)
        .header('content-type', 'application/x-pem-file')
        .header('x-signing-key-id', signingKey.id)
        .header('content-disposition', `inline; filename="ats-audit-${signingKey.id}.pem"`)
        .send(signingKey.publicKeyPem);
    },
  );

  app.get(
    '/audit/access-log',
    {
      config: access,
      schema: {
        tags: ['audit'],
        summary: 'Log akses kasus',
        description:
          'Siapa melihat atau mengekspor kasus mana, kapan, dan melalui rute atau halaman apa; terbaru lebih dulu. Hanya id, tanpa data pribadi. Log ini hanya dapat ditambah: basis data menolak perubahan dan penghapusan.',
        security,
        querystring: accessLogQuerySchema,
        response: { 200: accessLogSchema, 400: errorBodySchema, ...auditErrors },
      },
    },
    async (request) => {
      const principal = request.principal;
      const { caseId, principal: who, from, to, limit } = request.query;
      if (from && to && Date.parse(from) >= Date.parse(to)) throw validationFailed([{ field: 'to', message: 'to harus sesudah from.' }]);
      const items = await readCaseAccessLog(app.prisma, {
        caseId,
        principal: who,
        from: from ? new Date(from) : undefined,
        to: to ? new Date(to) : undefined,
        limit,
        kecamatanScope: principal.scope.length === 0 ? undefined : principal.scope,
      });
      return { items: items.map((item) => ({ ...item, actionLabel: CASE_ACCESS_ACTION_LABELS[item.action as CaseAccessAction] ?? item.action })) };
    },
  );
};
