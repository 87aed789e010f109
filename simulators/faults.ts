import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fieldErrors, z } from '../domain/validation.js';
import type { Random } from './prng.js';

/**
 * Fault injection, so that tests and demos can show what the case process does when a
 * registry is slow, down, or never answers. Each registry has its own settings.
 */
export interface Faults {
  /** Share of requests answered 503 (0–1). */
  errorRate: number;
  /** Share of requests never answered: held until the caller gives up (0–1). */
  timeoutRate: number;
  /** Delay added before every answer. */
  latencyMs: number;
  /** The next n requests are answered 503, before any rate applies: the deterministic mode for tests. */
  failNext: number;
}

export const NO_FAULTS: Faults = { errorRate: 0, timeoutRate: 0, latencyMs: 0, failNext: 0 };

export const faultsSchema = z
  .object({
    errorRate: z.number().min(0).max(1),
    timeoutRate: z.number().min(0).max(1),
    latencyMs: z.number().int().min(0).max(60_000),
    failNext: z.number().int().min(0),
  })
  .partial()
  .strict();

/** How long a "timed out" request is held at most; far beyond any client's timeout. */
const HOLD_MS = 60_000;

export class FaultInjector {
  private faults: Faults;

  constructor(initial: Partial<Faults>, private readonly random: Random) {
    this.faults = { ...NO_FAULTS, ...initial };
  }

  current(): Faults {
    return { ...this.faults };
  }

  set(changes: Partial<Faults>): Faults {
    const given = Object.entries(faultsSchema.parse(changes)).filter(([, value]) => value !== undefined);
    this.faults = { ...this.faults, ...Object.fromEntries(given) };
    return this.current();
  }

  /** Decides the fate of one request; consumes one `failNext`. */
  decide(): 'FAIL' | 'HOLD' | 'ANSWER' {
    if (this.faults.failNext > 0) {
      this.faults.failNext -= 1;
      return 'FAIL';
    }
    if (this.random.chance(this.faults.timeoutRate)) return 'HOLD';
    if (this.random.chance(this.faults.errorRate)) return 'FAIL';
    return 'ANSWER';
  }

  /** Fastify hook for the registry's own routes (not the admin routes). */
  readonly hook = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const fate = this.decide();
    if (this.faults.latencyMs > 0) await sleep(this.faults.latencyMs, undefined, { ref: false });
    if (fate === 'FAIL') {
      return reply
        .code(503)
        .send({ error: { code: 'SERVICE_UNAVAILABLE', message: 'The registry is temporarily unavailable (simulated fault).' } });
    }
    if (fate === 'HOLD') {
      reply.hijack();
      await holdUntilCallerLeaves(request, reply);
    }
  };
}

async function holdUntilCallerLeaves(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const response = reply.raw;
  const gaveUp = new AbortController();
  response.once('close', () => gaveUp.abort());
  try {
    await sleep(HOLD_MS, undefined, { signal: gaveUp.signal, ref: false });
  } catch {
    return; // the caller closed the connection, or the server is shutting down
  }
  if (!response.writableEnded) {
    request.log.warn('simulated timeout: held request released after %d ms', HOLD_MS);
    response.writeHead(504, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { code: 'GATEWAY_TIMEOUT', message: 'Simulated timeout.' } }));
  }
}

/** GET and PUT {prefix}/_admin/faults. */
export function registerFaultAdmin(app: FastifyInstance, injector: FaultInjector): void {
  app.get('/_admin/faults', async () => injector.current());
  app.put('/_admin/faults', async (request, reply) => {
    const parsed = faultsSchema.safeParse(request.body);
    if (!parsed.success) {
      return reply.code(400).send({
        error: { code: 'INVALID_FAULTS', message: 'Fault settings are not valid.', fields: fieldErrors(parsed.error) },
      });
    }
    return injector.set(parsed.data);
  });
}
