import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { KECAMATAN } from '../domain/kecamatan.js';
import {
  type DapodikFindResponse,
  type DapodikPupil,
  type DapodikPupilPage,
  dapodikFindRequestSchema,
  dapodikPupilQuerySchema,
  dapodikPupilSchema,
} from '../domain/registries.js';
import { ageOn, z } from '../domain/validation.js';
import { KECAMATAN_WEIGHT } from './desa.js';
import { rejectMalformedBody, rejectMalformedQuery } from './http-errors.js';
import { isOfCompulsorySchoolAge, type Person, type Population, shiftDays } from './population.js';
import { type Random, seededRandom } from './prng.js';

/**
 * Dapodik, the national school roll, answered from the synthetic population:
 * GET /v1/peserta-didik (a kecamatan's pupils, page by page) and POST /v1/peserta-didik/cari (one pupil by NIK).
 */
export const dapodikSimulator: FastifyPluginAsync<{ population: Population }> = async (app, { population }) => {
  const roll = schoolRollOf(population);

  app.get('/v1/peserta-didik', async (request, reply) => {
    const parsed = dapodikPupilQuerySchema.safeParse(request.query);
    if (!parsed.success) return rejectMalformedQuery(reply, parsed.error);
    const { kecamatan, page, pageSize } = parsed.data;
    const pupils = roll.pupilsOf(kecamatan);
    const items = pupils.slice((page - 1) * pageSize, page * pageSize);
    return { items, page, pageSize, total: pupils.length } satisfies DapodikPupilPage;
  });

  app.post('/v1/peserta-didik/cari', async (request, reply) => {
    const parsed = dapodikFindRequestSchema.safeParse(request.body);
    if (!parsed.success) return rejectMalformedBody(reply, parsed.error);
    return (roll.find(parsed.data.nik) ?? { status: 'NOT_FOUND' }) satisfies DapodikFindResponse;
  });
};

export interface SchoolRoll {
  /** Every pupil, grouped by school (NPSN) and then by NISN: the order pages are served in. */
  pupils: readonly DapodikPupil[];
  /** The pupils of the schools in one kecamatan, in roll order. */
  pupilsOf(kecamatanCode: string): readonly DapodikPupil[];
  find(nik: string): DapodikPupil | undefined;
  /** What a school's operator does: enters a pupil, or records that one left; the entry replaces the pupil's last. */
  enter(kecamatanCode: string, pupil: DapodikPupil): void;
}

/** A school operator's entry, through the simulator's PUT {prefix}/_admin/peserta-didik. */
export const rollEntrySchema = z.object({ kecamatan: z.string().regex(/^\d{6}$/), pupil: dapodikPupilSchema }).strict();
export type RollEntry = z.infer<typeof rollEntrySchema>;

const rolls = new WeakMap<Population, SchoolRoll>();

/** The population's one roll, shared by the registry's routes and its admin route. */
export function schoolRollOf(population: Population): SchoolRoll {
  let roll = rolls.get(population);
  if (!roll) {
    roll = buildSchoolRoll(population);
    rolls.set(population, roll);
  }
  return roll;
}

/** PUT {prefix}/_admin/peserta-didik: enters a pupil on the roll, as a school's operator would. */
export function registerRollAdmin(app: FastifyInstance, population: Population): void {
  app.put('/_admin/peserta-didik', async (request, reply) => {
    const parsed = rollEntrySchema.safeParse(request.body);
    if (!parsed.success) return rejectMalformedBody(reply, parsed.error);
    schoolRollOf(population).enter(parsed.data.kecamatan, parsed.data.pupil);
    return reply.code(204).send();
  });
}

interface School {
  npsn: string;
  name: string;
  level: DapodikPupil['level'];
}

/** Keeps the roll's random choices apart from the population's, so that neither shifts the other. */
const ROLL_SALT = 0xda90d1c;

/**
 * Every child of compulsory school age is on the roll, at a school of their own kecamatan, except
 * the population's `outOfSchool` children; the `droppedOut` children are on it with an exit of type DO.
 * The same population always gives the same roll.
 */
export function buildSchoolRoll(population: Population): SchoolRoll {
  const random = seededRandom((population.seed ^ ROLL_SALT) >>> 0);
  const schools = schoolsByKecamatan();
  const outOfSchool = new Set(population.scenarios.outOfSchool.map((child) => child.nik));
  const droppedOut = new Set(population.scenarios.droppedOut.map((child) => child.nik));
  const nisns = new Set<string>();

  const pupils: (DapodikPupil & { kecamatanCode: string })[] = [];
  for (const child of population.people) {
    if (!isOfCompulsorySchoolAge(child) || outOfSchool.has(child.nik)) continue;
    const nisn = uniqueNisn(child, random, nisns);
    if (droppedOut.has(child.nik)) {
      const exitDate = shiftDays(population.referenceDate, -random.int(30, 700));
      pupils.push({ ...enrolment(child, nisn, exitDate, schools, random), status: 'EXITED', exitType: 'DO', exitDate });
    } else {
      pupils.push({ ...enrolment(child, nisn, population.referenceDate, schools, random), status: 'ACTIVE' });
    }
  }
  pupils.sort((a, b) => a.npsn.localeCompare(b.npsn) || a.nisn.localeCompare(b.nisn));

  const roll: DapodikPupil[] = [];
  const byKecamatan = new Map<string, DapodikPupil[]>();
  for (const { kecamatanCode, ...pupil } of pupils) {
    roll.push(pupil);
    const ofKecamatan = byKecamatan.get(kecamatanCode) ?? [];
    ofKecamatan.push(pupil);
    byKecamatan.set(kecamatanCode, ofKecamatan);
  }
  const byNik = new Map(roll.map((pupil) => [pupil.nik, pupil]));
  return {
    pupils: roll,
    pupilsOf: (kecamatanCode) => byKecamatan.get(kecamatanCode) ?? [],
    find: (nik) => byNik.get(nik),
    enter: (kecamatanCode, pupil) => {
      const previous = byNik.get(pupil.nik);
      byNik.set(pupil.nik, pupil);
      for (const list of [roll, ...byKecamatan.values()]) {
        const at = previous ? list.indexOf(previous) : -1;
        if (at >= 0) list.splice(at, 1);
      }
      roll.push(pupil);
      byKecamatan.set(kecamatanCode, [...(byKecamatan.get(kecamatanCode) ?? []), pupil]);
    },
  };
}

/** The child's school and class on a given day; some children are a year behind their age. */
function enrolment(child: Person, nisn: string, onDay: string, schools: Map<string, School[]>, random: Random) {
  const behind = random.chance(0.15) ? 1 : 0;
  const grade = Math.min(12, Math.max(1, ageOn(child.birthDate, onDay) - 6 - behind));
  const level: School['level'] = grade <= 6 ? 'SD' : grade <= 9 ? 'SMP' : random.chance(0.35) ? 'SMK' : 'SMA';
  const school = random.pick(schools.get(child.kecamatanCode)!.filter((s) => s.level === level));
  return { nik: child.nik, kecamatanCode: child.kecamatanCode, nisn, npsn: school.npsn, schoolName: school.name, level, grade };
}

/** NISN: the last three digits of the birth year and seven digits, unique nationally. */
function uniqueNisn(child: Person, random: Random, taken: Set<string>): string {
  const yearDigits = child.birthDate.slice(1, 4);
  let nisn: string;
  do nisn = `${yearDigits}${String(random.int(0, 9_999_999)).padStart(7, '0')}`;
  while (taken.has(nisn));
  taken.add(nisn);
  return nisn;
}

/**
 * Public schools of each kecamatan, more in the larger ones. A synthetic NPSN is 304 (Kalimantan
 * Timur in this simulator), the kecamatan's two digits and a number, so it tells the kecamatan.
 */
function schoolsByKecamatan(): Map<string, School[]> {
  const schools = new Map<string, School[]>();
  for (const kecamatan of KECAMATAN) {
    const weight = KECAMATAN_WEIGHT[kecamatan.code] ?? 1;
    const counts: [School['level'], number][] = [
      ['SD', Math.round(4 * weight)],
      ['SMP', Math.round(2 * weight)],
      ['SMA', Math.max(1, Math.round(weight))],
      ['SMK', Math.max(1, Math.round(weight / 2))],
    ];
    let sequence = 0;
    const own: School[] = [];
    for (const [level, count] of counts) {
      for (let number = 1; number <= count; number++) {
        sequence += 1;
        own.push({
          npsn: `304${kecamatan.code.slice(4)}${String(sequence).padStart(3, '0')}`,
          name: `${level} Negeri ${String(number).padStart(3, '0')} ${kecamatan.name}`,
          level,
        });
      }
    }
    schools.set(kecamatan.code, own);
  }
  return schools;
}
