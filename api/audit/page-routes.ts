import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from '../../domain/validation.js';
import { readCaseAccessLog, recordCaseAccess } from '../../infra/case-access-log.js';
import { verifyCaseEvents } from '../../infra/case-event-log.js';
import { HISTORY_CHANNEL_LABELS } from '../../domain/case-history.js';
import { caseIdParamsSchema } from '../cases/schemas.js';
import { staffPage } from '../staff/html/layout.js';
import { sendHtml } from '../tasks/html-reply.js';
import { loadCaseRecord } from './case-record.js';
import { caseStateView } from './case-state-view.js';
import { caseHistoryPageBody, type CaseHistoryPageData } from './html/case-history-page.js';
import type { AuditRouteOptions } from './routes.js';
import { stateQuerySchema } from './schemas.js';

const pageQuerySchema = stateQuerySchema.extend({
  format: z.enum(['html', 'json']).default('html'),
  replay: z.enum(['1']).optional(),
});

const ACCESS_LOG_ON_PAGE = 50;

/**
 * `/audit/kasus/:caseId`: the auditor's page of one case (history, point in time with a stepper,
 * integrity checks, replay, export, access log). `?format=json` answers the history as the API does.
 */
export const auditPageRoutes: FastifyPluginAsyncZod<Pick<AuditRouteOptions, 'replayer' | 'slots'>> = async (app, { replayer, slots }) => {

  app.get(
    '/audit/kasus/:caseId',
    {
      config: { access: 'audit.read', page: true },
      schema: { hide: true, params: caseIdParamsSchema, querystring: pageQuerySchema },
    },
    async (request, reply) => {
      const principal = request.principal;
      const { afterSequence, format, replay } = request.query;
      const record = await loadCaseRecord({ prisma: app.prisma, temporal: app.temporal }, request.params.caseId, principal);
      await recordCaseAccess(app.prisma, principal, record.caseId, 'HISTORY', 'PAGE /audit/kasus/:caseId');
      const entries = record.entries.map((entry) => ({ ...entry, channelLabel: HISTORY_CHANNEL_LABELS[entry.channel] }));
      if (format === 'json') {
        return reply.send({ caseId: record.caseId, runs: record.runs.map(({ runId, startedAt, status }) => ({ runId, startedAt, status })), entries });
      }

      const state = record.events.length === 0 ? undefined : await caseStateView(app.prisma, record.caseId, record.events, afterSequence);
      const { verdict, events } = await verifyCaseEvents(app.prisma, record.caseId);
      let replayed: CaseHistoryPageData['replay'];
      if (replay) {
        await recordCaseAccess(app.prisma, principal, record.caseId, 'REPLAY', 'PAGE /audit/kasus/:caseId');
        const outcome = await slots.run(async () => {
          const verdicts = [];
          for (const run of record.runs) verdicts.push({ runId: run.runId, verdict: await replayer.replay(run.history, run.workflowId) });
          return verdicts;
        });
        replayed = outcome.busy ? 'BUSY' : outcome.value;
      }
      const accessLog = await readCaseAccessLog(app.prisma, { caseId: record.caseId, limit: ACCESS_LOG_ON_PAGE });
      const body = caseHistoryPageBody({
        caseId: record.caseId,
        runs: record.runs,
        entries: record.entries,
        ...(state ? { state } : {}),
        chain: verdict.valid
          ? { caseId: record.caseId, valid: true, events, headHash: verdict.headHash }
          : { caseId: record.caseId, valid: false, events, failure: { sequence: verdict.sequence, problem: verdict.problem } },
        ...(replayed ? { replay: replayed } : {}),
        accessLog,
      });
      const html = staffPage({ title: `Riwayat kasus ${record.caseId}`, principal, csrfToken: request.csrfToken, body, active: '/audit' });
      return sendHtml(reply, replayed === 'BUSY' ? 503 : 200, html);
    },
  );
};
