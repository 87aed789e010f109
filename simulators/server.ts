import { STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyError, type FastifyPluginAsync } from 'fastify';
import { dapodikSimulator, registerRollAdmin, type RollEntry, schoolRollOf } from './dapodik.js';
import { dinsosSimulator } from './dinsos.js';
import { dukcapilSimulator } from './dukcapil.js';
import { FaultInjector, type Faults, registerFaultAdmin } from './faults.js';
import { DEFAULT_SEED, generatePopulation, type Population, type PopulationOptions } from './population.js';
import { seededRandom } from './prng.js';

export const REGISTRIES = ['dukcapil', 'dinsos', 'dapodik'] as const;
export type RegistryName = (typeof REGISTRIES)[number];

export interface SimulatorOptions {
  port: number;
  host?: string;
  seed?: number;
  /** Fault settings every registry starts with. */
  faults?: Partial<Faults>;
  /** Size and reference date of the synthetic population. */
  population?: Omit<PopulationOptions, 'seed'>;
  logLevel?: string;
}

export interface RunningSimulators {
  dukcapilUrl: string;
  dinsosUrl: string;
  dapodikUrl: string;
  population: Population;
  /** Changes the faults of every registry, or of one. */
  setFaults(faults: Partial<Faults>, registry?: RegistryName): void;
  /** Enters a pupil on the school roll, as PUT /dapodik/_admin/peserta-didik does. */
  enterPupil(entry: RollEntry): void;
  close(): Promise<void>;
}

const PLUGINS: Record<RegistryName, FastifyPluginAsync<{ population: Population }>> = {
  dukcapil: dukcapilSimulator,
  dinsos: dinsosSimulator,
  dapodik: dapodikSimulator,
};

/**
 * One HTTP server with the registry simulators, Dukcapil under /dukcapil, Dinsos under /dinsos
 * and Dapodik under /dapodik, each with its own fault settings at {prefix}/_admin/faults; the school
 * roll also takes a school operator's entries at /dapodik/_admin/peserta-didik.
 */
export async function startSimulators(options: SimulatorOptions): Promise<RunningSimulators> {
  const seed = options.seed ?? DEFAULT_SEED;
  const population = generatePopulation({ ...options.population, seed });
  const injectors = {
    dukcapil: new FaultInjector(options.faults ?? {}, seededRandom(seed + 1)),
    dinsos: new FaultInjector(options.faults ?? {}, seededRandom(seed + 2)),
    dapodik: new FaultInjector(options.faults ?? {}, seededRandom(seed + 3)),
  } satisfies Record<RegistryName, FaultInjector>;

  // Held ("timed out") requests must not keep close() waiting.
  const app = Fastify({ logger: options.logLevel ? { level: options.logLevel } : false, forceCloseConnections: true });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'simulator failed');
    // A fixed text per status: parser messages can quote the body, which holds personal data.
    return reply.code(status).send({ error: { code: error.code ?? 'ERROR', message: STATUS_CODES[status] ?? 'Error' } });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'No such route.' } }));

  app.get('/_admin/scenarios', async () => population.scenarios);
  for (const registry of REGISTRIES) {
    await app.register(
      async (scope) => {
        registerFaultAdmin(scope, injectors[registry]);
        if (registry === 'dapodik') registerRollAdmin(scope, population);
        await scope.register(async (faulty) => {
          faulty.addHook('onRequest', injectors[registry].hook);
          await faulty.register(PLUGINS[registry], { population });
        });
      },
      { prefix: `/${registry}` },
    );
  }

  try {
    await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  } catch (error) {
    await app.close();
    throw error;
  }
  const base = baseUrl(app.server.address() as AddressInfo);
  return {
    dukcapilUrl: `${base}/dukcapil`,
    dinsosUrl: `${base}/dinsos`,
    dapodikUrl: `${base}/dapodik`,
    population,
    setFaults: (faults, registry) => {
      for (const name of registry ? [registry] : REGISTRIES) injectors[name].set(faults);
    },
    enterPupil: ({ kecamatan, pupil }) => schoolRollOf(population).enter(kecamatan, pupil),
    close: () => app.close(),
  };
}

function baseUrl({ address, port }: AddressInfo): string {
  // A wildcard bind is reachable on loopback.
  const host = address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
