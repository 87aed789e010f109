import type { FastifyPluginAsync } from 'fastify';
import type { DinsosHouseholdPage, DinsosStatusRequest, DinsosStatusResponse } from '../domain/registries.js';
import { dinsosHouseholdQuerySchema, dinsosStatusRequestSchema } from '../domain/registries.js';
import { rejectMalformedBody, rejectMalformedQuery } from './http-errors.js';
import type { Population } from './population.js';

/**
 * Dinsos's DTKS/DTSEN registry answered from the synthetic population: a household's welfare status
 * (POST /v1/status-kesejahteraan) and a kecamatan's registered households up to a decile (GET /v1/keluarga).
 */
export const dinsosSimulator: FastifyPluginAsync<{ population: Population }> = async (app, { population }) => {
  const registered = population.households.filter((household) => household.welfare).sort((a, b) => a.noKk.localeCompare(b.noKk));

  app.get('/v1/keluarga', async (request, reply) => {
    const parsed = dinsosHouseholdQuerySchema.safeParse(request.query);
    if (!parsed.success) return rejectMalformedQuery(reply, parsed.error);
    const { kecamatan, maxDecile, page, pageSize } = parsed.data;
    const matching = registered.filter((h) => h.kecamatanCode === kecamatan && h.welfare!.decile <= maxDecile);
    const items = matching.slice((page - 1) * pageSize, page * pageSize).map((h) => ({
      noKk: h.noKk,
      desa: h.desa,
      decile: h.welfare!.decile,
      programmes: [...h.welfare!.programmes],
      memberNiks: h.members.map((member) => member.nik),
    }));
    return { items, page, pageSize, total: matching.length } satisfies DinsosHouseholdPage;
  });

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
