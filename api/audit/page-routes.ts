import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from '../../domain/validation.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { readCaseAccessLog, recordCaseAccess } from '../../infra/case-access-log.js';
import { verifyCaseEvents } from '../../infra/case-event-log.js';
import { HISTORY_CHANNEL_LABELS } from '../../domain/case-history.js';
import { caseIdParamsSchema } from '../cases/schemas.js';
import { ApiError } from '../../use-cases/errors.js';
import { staffPage } from '../staff/html/layout.js';
import { sendHtml } from '../tasks/html-reply.js';
import { loadCaseRecord } from './case-record.js';
import { caseStateView } from './case-state-view.js';
import { auditIndexBody } from './html/audit-index-page.js';
import { caseHistoryPageBody, type CaseHistoryPageData } from './html/case-history-page.js';
import type { AuditRouteOptions } from './routes.js';
import { stateQuerySchema } from './schemas.js';

const pageQuerySchema = stateQuerySchema.extend({
  format: z.enum(['html', 'json']).default('html'),
  replay: z.enum(['1']).optional(),
});

const ACCESS_LOG_ON_PAGE = 50;
const ACCESS_LOG_ON_INDEX = 200;

/** The index form's fields arrive empty when left blank: blank means no filter. */
const blank = (schema: z.ZodType) => z.preprocess((v) => (v === '' ? undefined : v), schema);
const indexQuerySchema = z.object({
  caseId: blank(z.string().max(120).optional()),
  principal: blank(z.string().max(120).optional()),
  from: blank(z.string().max(40).optional()),
  to: blank(z.string().max(40).optional()),
});

/**
 * `/audit/kasus/:caseId`: the auditor's page of one case (history, point in time with a stepper,
 * integrity checks, replay, export, access log). `?format=json` answers the history as the API does.
 */
export const auditPageRoutes: FastifyPluginAsyncZod<AuditRouteOptions> = async (app, { replayer, slots, signingKey }) => {
  // A public key is meant to be public: an inspector without an account fetches it here to check an export.
  if (signingKey) {
    app.get('/.well-known/ats-audit-signing-key.pem', { schema: { hide: true } }, async (_request, reply) =>
      reply.header('content-type', 'application/x-pem-file').header('x-signing-key-id', signingKey.id).send(signingKey.publicKeyPem),
    );
  }

  app.get(
    '/audit',
    { config: { access: 'audit.read', page: true }, schema: { hide: true, querystring: indexQuerySchema } },
    async (request, reply) => {
      const principal = request.principal;
      const filters = request.query as { caseId?: string; principal?: string; from?: string; to?: string };
      const from = filters.from ? new Date(filters.from) : undefined;
      const to = filters.to ? new Date(filters.to) : undefined;
      const badDate = from && Number.isNaN(from.getTime()) ? 'from' : to && Number.isNaN(to.getTime()) ? 'to' : undefined;
      const items = badDate
        ? []
        : await readCaseAccessLog(app.prisma, {
            caseId: filters.caseId, principal: filters.principal, from, to, limit: ACCESS_LOG_ON_INDEX,
            kecamatanScope: principal.scope.length === 0 ? undefined : principal.scope,
          });
      const body = auditIndexBody(filters, items, await namesOfPrincipals(app.prisma, items.map((item) => item.principalId)), badDate ? { field: badDate, message: 'Gunakan tanggal yang ada, format TTTT-BB-HH.' } : undefined);
      return sendHtml(reply, badDate ? 400 : 200, staffPage({ title: 'Audit', principal, csrfToken: request.csrfToken, body, active: '/audit' }));
    },
  );

  /** The index's "open a case" form: a GET with the number, answered with the case's address. */
  app.get(
    '/audit/kasus',
    { config: { access: 'audit.read', page: true }, schema: { hide: true, querystring: z.object({ caseId: z.string().trim().default('') }) } },
    async (request, reply) => {
      const parsed = caseIdParamsSchema.safeParse({ caseId: request.query.caseId });
      if (!parsed.success) throw new ApiError(400, 'VALIDATION_FAILED', 'Tulis nomor kasus yang lengkap, misalnya ats-bnlanqq3gqo5mi2n2inf4.');
      return reply.redirect(`/audit/kasus/${encodeURIComponent(parsed.data.caseId)}`, 303);
    },
  );


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
      const principalNames = await namesOfPrincipals(app.prisma, accessLog.map((item) => item.principalId));
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
        principalNames,
      });
      const html = staffPage({ title: `Riwayat kasus ${record.caseId}`, principal, csrfToken: request.csrfToken, body, active: '/audit' });
      return sendHtml(reply, replayed === 'BUSY' ? 503 : 200, html);
    },
  );
};

/** Staff users' and API keys' names, to show beside the ids the access log keeps. */
async function namesOfPrincipals(prisma: PrismaClient, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const [users, keys] = await Promise.all([
    prisma.staffUser.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } }),
    prisma.apiKey.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } }),
  ]);
  return new Map([...users, ...keys].map((row) => [row.id, row.name]));
}
