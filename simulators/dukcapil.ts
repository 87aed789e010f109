import type { FastifyPluginAsync } from 'fastify';
import type { CivilRecord, DukcapilResidentPage, ResidentRecord, DukcapilVerifyRequest, DukcapilVerifyResponse } from '../domain/registries.js';
import { dukcapilResidentQuerySchema, dukcapilVerifyRequestSchema } from '../domain/registries.js';
import { rejectMalformedBody, rejectMalformedQuery } from './http-errors.js';
import { isOfCompulsorySchoolAge, type Person, type Population } from './population.js';

type Difference = Extract<DukcapilVerifyResponse, { status: 'MISMATCH' }>['differences'][number];

/**
 * Dukcapil answered from the synthetic population: identity verification (POST /v1/verifikasi) and
 * the school-age residents of a kecamatan, page by page (GET /v1/penduduk-usia-sekolah).
 */
export const dukcapilSimulator: FastifyPluginAsync<{ population: Population }> = async (app, { population }) => {
  const schoolAge = schoolAgeResidents(population);

  app.get('/v1/penduduk-usia-sekolah', async (request, reply) => {
    const parsed = dukcapilResidentQuerySchema.safeParse(request.query);
    if (!parsed.success) return rejectMalformedQuery(reply, parsed.error);
    const { kecamatan, page, pageSize } = parsed.data;
    const residents = schoolAge.get(kecamatan) ?? [];
    const items = residents.slice((page - 1) * pageSize, page * pageSize);
    return { items, page, pageSize, total: residents.length, asOf: population.referenceDate } satisfies DukcapilResidentPage;
  });

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

/** Residents of compulsory school age on the population's reference day, per kecamatan, in NIK order. */
function schoolAgeResidents(population: Population): Map<string, ResidentRecord[]> {
  const byKecamatan = new Map<string, ResidentRecord[]>();
  for (const household of population.households) {
    for (const person of household.members) {
      if (!isOfCompulsorySchoolAge(person)) continue;
      const residents = byKecamatan.get(person.kecamatanCode) ?? [];
      residents.push({ ...civilRecord(person), address: household.address });
      byKecamatan.set(person.kecamatanCode, residents);
    }
  }
  for (const residents of byKecamatan.values()) residents.sort((a, b) => a.nik.localeCompare(b.nik));
  return byKecamatan;
}
