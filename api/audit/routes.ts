import { WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CASE_KECAMATAN } from '../../domain/search-attributes.js';
import { verifyCaseEvents } from '../../infra/case-event-log.js';
import type { WorkflowReplayer } from '../../infra/workflow-replay.js';
import { inScope } from '../../domain/access.js';
import { caseIdParamsSchema, errorBodySchema } from '../cases/schemas.js';
import { notFound } from '../errors.js';
import { chainVerdictSchema, replayVerdictSchema, type ChainVerdictBody } from './schemas.js';

const security: Record<string, string[]>[] = [{ bearerKey: [] }, { headerKey: [] }];
const auditErrors = { 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/**
 * What an auditor checks of one case: that its recorded history still replays against the
 * current workflow code, and that its audit log is the one the system wrote. Auditor and admin
 * keys only; a case outside the key's kecamatan is not found, as everywhere else.
 */
export const auditRoutes: FastifyPluginAsyncZod<{ replayer: WorkflowReplayer }> = async (app, { replayer }) => {
  app.get(
    '/cases/:caseId/replay',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Putar ulang riwayat kasus',
        description:
          'Menjalankan ulang riwayat workflow kasus terhadap kode workflow yang berlaku sekarang. deterministic=false berarti kode sekarang menyimpang dari riwayat; divergence menjelaskan di mana.',
        security,
        params: caseIdParamsSchema,
        response: { 200: replayVerdictSchema, ...auditErrors },
      },
    },
    async (request) => {
      const handle = app.temporal.workflow.getHandle(request.params.caseId);
      try {
        const description = await handle.describe();
        const kecamatan = description.typedSearchAttributes.get(CASE_KECAMATAN);
        if (kecamatan === undefined || !inScope(request.principal, kecamatan)) throw notFound();
        return await replayer.replay(await handle.fetchHistory(), handle.workflowId);
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) throw notFound();
        throw error;
      }
    },
  );

  app.get(
    '/cases/:caseId/events/verify',
    {
      config: { access: 'audit.read' },
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
      const found = await app.prisma.case.findUnique({ where: { id: request.params.caseId }, select: { kecamatan: true } });
      if (!found || !inScope(request.principal, found.kecamatan)) throw notFound();
      const { caseId, events, verdict } = await verifyCaseEvents(app.prisma, request.params.caseId);
      return verdict.valid
        ? { caseId, valid: true, events, headHash: verdict.headHash }
        : { caseId, valid: false, events, failure: { sequence: verdict.sequence, problem: verdict.problem } };
    },
  );
};
