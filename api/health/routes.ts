import type { Client } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from '../../domain/validation.js';

const CHECK_TIMEOUT_MS = 3000;
const checkResult = z.enum(['ok', 'failed']);
const healthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    checks: z.object({ database: checkResult, temporal: checkResult }),
  })
  .meta({ examples: [{ status: 'ok', checks: { database: 'ok', temporal: 'ok' } }] });

/** GET /health: 200 when PostgreSQL and Temporal both answer, else 503 naming the one that did not. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    { schema: { tags: ['health'], summary: 'Kesehatan layanan', response: { 200: healthSchema, 503: healthSchema } } },
    async (request, reply) => {
      const [database, temporal] = await Promise.all([
        check(request.log, 'database', () => app.prisma.$queryRaw`SELECT 1`),
        check(request.log, 'temporal', () => temporalAnswers(app.temporal)),
      ]);
      const healthy = database === 'ok' && temporal === 'ok';
      return reply.status(healthy ? 200 : 503).send({ status: healthy ? 'ok' : 'unavailable', checks: { database, temporal } });
    },
  );
};

/** The SDK's own wait for a ready channel (protected in its typings, stable in the 1.24 line we pin). */
type ChannelReadiness = { untilReady(deadline: number): Promise<void> };

/**
 * Waits for the channel first: a call on a channel that cannot connect would keep retrying in the
 * background after this check gave up, and fail loudly once the connection is closed.
 */
async function temporalAnswers(client: Client): Promise<void> {
  const deadline = Date.now() + CHECK_TIMEOUT_MS;
  await (client.connection as unknown as ChannelReadiness).untilReady(deadline);
  await client.withDeadline(deadline, () => client.workflowService.getSystemInfo({}));
}

async function check(log: { warn: (obj: object, msg: string) => void }, name: string, probe: () => Promise<unknown>): Promise<'ok' | 'failed'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} check timed out`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return 'ok';
  } catch (error) {
    log.warn({ check: name, errType: error instanceof Error ? error.name : typeof error }, 'health check failed');
    return 'failed';
  } finally {
    clearTimeout(timer);
  }
}
