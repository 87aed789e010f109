import type { FastifyPluginAsync } from 'fastify';
import type { CivilRecord, DukcapilVerifyRequest, DukcapilVerifyResponse } from '../domain/registries.js';
import { dukcapilVerifyRequestSchema } from '../domain/registries.js';
import { rejectMalformedBody } from './http-errors.js';
import type { Person, Population } from './population.js';

type Difference = Extract<DukcapilVerifyResponse, { status: 'MISMATCH' }>['differences'][number];

/** Dukcapil's identity verification (POST /v1/verifikasi), answered from the synthetic population. */
export const dukcapilSimulator: FastifyPluginAsync<{ population: Population }> = async (app, { population }) => {
  app.post('/v1/verifikasi', async (request, reply) => {
    const parsed = dukcapilVerifyRequestSchema.safeParse(request.body);
    if (!parsed.success) return rejectMalformedBody(reply, parsed.error);
    return verify(parsed.data, population);
  });
};

function verify(request: DukcapilVerifyRequest, population: Population): DukcapilVerifyResponse {
  const person = population.person(request.nik);
  if (!person) return { status: 'NOT_FOUND' };
  const record = civilRecord(person);
  const differences = compare(request, record);
  return differences.length === 0 ? { status: 'MATCH', record } : { status: 'MISMATCH', record, differences };
}

function compare(reported: DukcapilVerifyRequest, registry: CivilRecord): Difference[] {
  const differences: Difference[] = [];
  if (normalizeName(reported.fullName) !== normalizeName(registry.fullName)) {
    differences.push({ field: 'fullName', reported: reported.fullName, registry: registry.fullName });
  }
  if (reported.birthDate !== registry.birthDate) {
    differences.push({ field: 'birthDate', reported: reported.birthDate, registry: registry.birthDate });
  }
  if (reported.sex !== undefined && reported.sex !== registry.sex) {
    differences.push({ field: 'sex', reported: reported.sex, registry: registry.sex });
  }
  if (reported.noKk !== undefined && reported.noKk !== registry.noKk) {
    differences.push({ field: 'noKk', reported: reported.noKk, registry: registry.noKk });
  }
  return differences;
}

/** Dukcapil stores names in capitals with single spaces; reports arrive in any case and spacing. */
function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleUpperCase('id-ID');
}

function civilRecord(person: Person): CivilRecord {
  const { nik, noKk, fullName, birthDate, sex, kecamatanCode, desa } = person;
  return { nik, noKk, fullName, birthDate, sex, kecamatanCode, desa };
}
