import { maxHeaderSize } from 'node:http';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { codecCorsOrigins, type Env } from '../config/env.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { caseDataConverter } from '../infra/data-converter.js';
import { AesGcmPayloadCodec } from '../infra/payload-codec.js';
import { ReplaySlots } from '../infra/replay-slots.js';
import { WorkflowReplayer } from '../infra/workflow-replay.js';
import { adminPageRoutes } from './admin/page-routes.js';
import { adminRoutes } from './admin/routes.js';
import { auditPageRoutes } from './audit/page-routes.js';
import { auditRoutes } from './audit/routes.js';
import { registerAccessControl } from './auth/access-control.js';
import { caseExportRoutes } from './cases/export-routes.js';
import { caseNoteRoutes } from './cases/note-routes.js';
import { casePageRoutes } from './cases/page-routes.js';
import { caseRoutes } from './cases/routes.js';
import { codecRoutes } from './codec/routes.js';
import { dashboardPageRoutes } from './dashboard/page-routes.js';
import { dashboardRoutes } from './dashboard/routes.js';
import { reconciliationRoutes } from './reconciliation/routes.js';
import { decorateServices } from './decorators.js';
import { caseHealthRoutes } from './health/case-health-routes.js';
import { healthRoutes } from './health/routes.js';
import { importPageRoutes } from './imports/page-routes.js';
import { importRoutes } from './imports/routes.js';
import { registerErrorHandler, sendApiError, toApiError } from './plugins/error-handler.js';
import { loggerOptions } from './plugins/logging.js';
import { registerRequestIdHeader, requestIdOptions } from './plugins/request-id.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { registerUploads } from './plugins/uploads.js';
import { registerApiDocs } from './plugins/swagger.js';
import { reviewPageRoutes } from './reviews/page-routes.js';
import { reviewRoutes } from './reviews/routes.js';
import { accountRoutes } from './staff/account-routes.js';
import { signInRoutes } from './staff/sign-in-routes.js';
import { taskCandidateRoutes } from './tasks/candidate-routes.js';
import { taskApiRoutes } from './tasks/task-api-routes.js';
import { taskRoutes } from './tasks/routes.js';

export interface AppDeps {
  env: Env;
  prisma: PrismaClient;
  temporal: Client;
  /** false silences the log (tests); an object adds pino options to ours. */
  logger?: boolean | object;
}

/** A report is a few kilobytes; anything near this is a mistake or an attack. */
const BODY_LIMIT_BYTES = 100 * 1024;

/**
 * The HTTP API, in layers: cross-cutting concerns (services, request ids, security headers,
 * errors, cookies and forms, access control, documentation), then the routes. Listening is left
 * to the caller.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(deps.logger ?? true, deps.env.LOG_LEVEL),
    bodyLimit: BODY_LIMIT_BYTES,
    // No path segment is too long to route: each route judges its own (an officer's link that a mail
    // client ran on is an unknown link, shown as such, not fastify's bare 414). The request line's
    // own limit is Node's header size.
    routerOptions: { maxParamLength: maxHeaderSize },
    // A URL the router cannot decode (a stray `%`) answers in the one error shape too.
    frameworkErrors: (error, request, reply) => sendApiError(toApiError(error, request), reply),
    ...requestIdOptions,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  decorateServices(app, deps);
  registerRequestIdHeader(app);
  registerSecurityHeaders(app);
  registerErrorHandler(app);
  await app.register(cookie);
  await app.register(formbody);
  await registerUploads(app);
  registerAccessControl(app);
  await registerApiDocs(app);

  await app.register(healthRoutes);
  await app.register(caseHealthRoutes, { prefix: '/api/v1' });
  await app.register(caseRoutes, { prefix: '/api/v1' });
  await app.register(caseExportRoutes, { prefix: '/api/v1' });
  await app.register(caseNoteRoutes, { prefix: '/api/v1' });
  await app.register(taskApiRoutes, { prefix: '/api/v1' });
  await app.register(taskCandidateRoutes, { prefix: '/api/v1' });
  await app.register(dashboardRoutes, { prefix: '/api/v1' });
  await app.register(reviewRoutes, { prefix: '/api/v1' });
  await app.register(reviewPageRoutes);
  await app.register(taskRoutes);
  await app.register(signInRoutes);
  await app.register(accountRoutes);
  await app.register(dashboardPageRoutes);
  await app.register(casePageRoutes);
  await app.register(adminRoutes, { prefix: '/api/v1/admin' });
  await app.register(adminPageRoutes);
  await app.register(reconciliationRoutes);
  await app.register(importRoutes, { prefix: '/api/v1' });
  await app.register(importPageRoutes);
  await registerAuditRoutes(app, deps.env);
  return app;
}

/**
 * Replay and chain verification for auditors; with the payload keys, the codec endpoint of the
 * Temporal Web UI too. Replays decode histories with the same converter the workers encode with.
 */
async function registerAuditRoutes(app: FastifyInstance, env: Env): Promise<void> {
  const keys = env.PAYLOAD_ENCRYPTION_KEYS;
  const replayer = new WorkflowReplayer({ dataConverter: keys ? caseDataConverter(keys) : {}, workflowBundlePath: env.WORKFLOW_BUNDLE_PATH });
  const slots = new ReplaySlots(env.REPLAY_CONCURRENCY);
  await app.register(auditRoutes, { prefix: '/api/v1', replayer, slots, signingKey: env.AUDIT_SIGNING_KEY });
  await app.register(auditPageRoutes, { replayer, slots, signingKey: env.AUDIT_SIGNING_KEY });
  if (keys) await app.register(codecRoutes, { prefix: '/codec', codec: new AesGcmPayloadCodec(keys), allowedOrigins: codecCorsOrigins(env) });
}
