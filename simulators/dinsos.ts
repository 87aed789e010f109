import type { FastifyPluginAsync } from 'fastify';
import type { DinsosStatusRequest, DinsosStatusResponse } from '../domain/registries.js';
import { dinsosStatusRequestSchema } from '../domain/registries.js';
import { rejectMalformedBody } from './http-errors.js';
import type { Population } from './population.js';

/** Dinsos's welfare status (POST /v1/status-kesejahteraan) from the DTKS/DTSEN registry, answered from the synthetic population. */
export const dinsosSimulator: FastifyPluginAsync<{ population: Population }> = async (app, { population }) => {
  app.post('/v1/status-kesejahteraan', async (request, reply) => {
    const parsed = dinsosStatusRequestSchema.safeParse(request.body);
    if (!parsed.success) return rejectMalformedBody(reply, parsed.error);
    return welfareStatus(parsed.data, population);
  });
};

/** The family card decides; a member's NIK leads to the family card when no card number is given. */
function welfareStatus(request: DinsosStatusRequest, population: Population): DinsosStatusResponse {
  const household = request.noKk ? population.household(request.noKk) : population.householdOf(request.nik!);
  if (!household?.welfare) return { status: 'NOT_REGISTERED' };
  return { status: 'REGISTERED', noKk: household.noKk, decile: household.welfare.decile, programmes: [...household.welfare.programmes] };
}
