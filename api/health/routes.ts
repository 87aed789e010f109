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
        check(request.log, 'temporal', () =>
          app.temporal.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () => app.temporal.workflowService.getSystemInfo({})),
        ),
      ]);
      const healthy = database === 'ok' && temporal === 'ok';
      return reply.status(healthy ? 200 : 503).send({ status: healthy ? 'ok' : 'unavailable', checks: { database, temporal } });
    },
  );
};

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
