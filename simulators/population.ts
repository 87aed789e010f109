import { KECAMATAN, type KecamatanCode } from '../domain/kecamatan.js';
import { MAX_AGE, MIN_AGE } from '../domain/intake.js';
import type { CivilRecord } from '../domain/registries.js';
import { COMPULSORY_SCHOOL_AGE, WELFARE_PROGRAMMES } from '../domain/registries.js';
import { ageOn, todayIso } from '../domain/validation.js';
import { DESA_BY_KECAMATAN, KECAMATAN_WEIGHT } from './desa.js';
import { ETHNIC_GROUPS, type EthnicGroup, familyNameFor, personName } from './names.js';
import { type Random, seededRandom } from './prng.js';

/**
 * A synthetic population of Kutai Timur: the one data set behind both registry simulators.
 * The same seed and reference date always give the same people, NIKs and welfare status.
 */
export type HouseholdRole = 'KEPALA_KELUARGA' | 'ISTRI' | 'ANAK' | 'ORANG_TUA';
export type WelfareProgramme = (typeof WELFARE_PROGRAMMES)[number];

export interface Person extends CivilRecord {
  role: HouseholdRole;
  /** Age in whole years on the population's reference date. */
  age: number;
}

export interface WelfareEntry {
  decile: number;
  programmes: WelfareProgramme[];
}

export interface Household {
  noKk: string;
  kecamatanCode: KecamatanCode;
  desa: string;
  address: string;
  members: Person[];
  /** Absent when the household is not in the Dinsos registry (DTKS/DTSEN). */
  welfare?: WelfareEntry;
}

export interface SchoolAgeChild {
  child: Person;
  household: Household;
}

/** Named fixtures so that tests tell a story without searching the data. All children are 8–15 years old. */
export interface Scenarios {
  /** Reported exactly as Dukcapil holds the child: verification answers MATCH. */
  matchingChild: Person;
  /** The school's record spells the name differently and has another birth date: verification answers MISMATCH. */
  mismatchedChild: { person: Person; reported: { fullName: string; birthDate: string } };
  /** A structurally valid NIK of Kutai Timur that Dukcapil does not hold: verification answers NOT_FOUND. */
  absentChild: Omit<CivilRecord, 'noKk'>;
  /** Registered with Dinsos in decile 2, with social aid but no PIP/KIP yet. */
  poorHousehold: SchoolAgeChild;
  /** Registered with Dinsos in decile 8, without programmes. */
  nonPoorHousehold: SchoolAgeChild;
  /** Not in the Dinsos registry at all. */
  unregisteredHousehold: SchoolAgeChild;
  /**
   * Every child of compulsory school age (7–18) whom the school roll (Dapodik) does not hold.
   * Every other child of that age is on the roll, the five children above as active pupils.
   */
  outOfSchool: Person[];
  /** Every child on the school roll who dropped out: an exit of type DO, no re-entry. */
  droppedOut: Person[];
}

export interface Population {
  seed: number;
  referenceDate: string;
  households: readonly Household[];
  people: readonly Person[];
  person(nik: string): Person | undefined;
  household(noKk: string): Household | undefined;
  householdOf(nik: string): Household | undefined;
  /** The first child of school age (5–21, role ANAK) that satisfies the predicate. */
  findChild(predicate: (child: Person, household: Household) => boolean): Person | undefined;
  scenarios: Scenarios;
}

export interface PopulationOptions {
  seed?: number;
  /** About 4.5 people per household; the default gives roughly 3,000 people. */
  households?: number;
  /** Ages and birth dates are computed relative to this day (YYYY-MM-DD); defaults to today in Kutai Timur. */
  referenceDate?: string;
  /** Kecamatan codes the households live in; defaults to all 18, weighted by size. A single code gives one synthetic kecamatan. */
  kecamatan?: readonly string[];
}

export const DEFAULT_SEED = 6408;
const DEFAULT_HOUSEHOLDS = 680;
const MIN_HOUSEHOLDS = 40;
const DAY_MS = 86_400_000;

const STREETS = [
  'Jl. Poros', 'Jl. Pendidikan', 'Jl. Masjid', 'Jl. Pelabuhan', 'Jl. Yos Sudarso', 'Jl. APT Pranoto', 'Jl. Soekarno-Hatta',
  'Jl. Pinang', 'Jl. Diponegoro', 'Jl. Kenyamukan', 'Jl. Gereja', 'Jl. Tepian Sungai', 'Jl. Transmigrasi', 'Gg. Damai',
];

export function generatePopulation(options: PopulationOptions = {}): Population {
  const seed = options.seed ?? DEFAULT_SEED;
  const referenceDate = options.referenceDate ?? todayIso();
  const householdCount = options.households ?? DEFAULT_HOUSEHOLDS;
  if (householdCount < MIN_HOUSEHOLDS) throw new Error(`a population needs at least ${MIN_HOUSEHOLDS} households`);

  const random = seededRandom(seed);
  const ids = new IdentityNumbers(random);
  const places = options.kecamatan ? KECAMATAN.filter((k) => options.kecamatan!.includes(k.code)) : KECAMATAN;
  if (places.length === 0) throw new Error('a population needs at least one known kecamatan');
  const households = Array.from({ length: householdCount }, () => generateHousehold(random, ids, referenceDate, places));
  const scenarios = designateScenarios(households, random, referenceDate);
  return indexPopulation(seed, referenceDate, households, scenarios);
}

function indexPopulation(seed: number, referenceDate: string, households: Household[], scenarios: Scenarios): Population {
  const people = households.flatMap((household) => household.members);
  const byNik = new Map(people.map((person) => [person.nik, person]));
  const byKk = new Map(households.map((household) => [household.noKk, household]));
  return {
    seed,
    referenceDate,
    households,
    people,
    person: (nik) => byNik.get(nik),
    household: (noKk) => byKk.get(noKk),
    householdOf: (nik) => {
      const person = byNik.get(nik);
      return person && byKk.get(person.noKk);
    },
    findChild: (predicate) => {
      for (const household of households) {
        const match = household.members.find((member) => isSchoolAgeChild(member) && predicate(member, household));
        if (match) return match;
      }
      return undefined;
    },
    scenarios,
  };
}

function isSchoolAgeChild(person: Person): boolean {
  return person.role === 'ANAK' && person.age >= MIN_AGE && person.age <= MAX_AGE;
}

/** Hands out NIK and No. KK numbers, unique within the population. */
class IdentityNumbers {
  private readonly lastSequence = new Map<string, number>();
  constructor(private readonly random: Random) {}

  /** NIK: kecamatan code, DDMMYY birth date (day + 40 for women), a sequence that never is 0000. */
  nik(kecamatanCode: string, birthDate: string, sex: 'L' | 'P'): string {
    return this.numbered(nikPrefix(kecamatanCode, birthDate, sex));
  }

  /** No. KK: kecamatan code, the card's issue date as DDMMYY, a sequence. */
  noKk(kecamatanCode: string, issueDate: string): string {
    const [year, month, day] = issueDate.split('-') as [string, string, string];
    return this.numbered(`${kecamatanCode}${day}${month}${year.slice(2)}`);
  }

  private numbered(prefix: string): string {
    // Gaps between sequence numbers, as in real registers where numbers are retired.
    const sequence = (this.lastSequence.get(prefix) ?? 0) + this.random.int(1, 3);
    this.lastSequence.set(prefix, sequence);
    return `${prefix}${String(sequence).padStart(4, '0')}`;
  }
}

function nikPrefix(kecamatanCode: string, birthDate: string, sex: 'L' | 'P'): string {
  const [year, month, day] = birthDate.split('-') as [string, string, string];
  const dayDigits = String(Number(day) + (sex === 'P' ? 40 : 0)).padStart(2, '0');
  return `${kecamatanCode}${dayDigits}${month}${year.slice(2)}`;
}

function generateHousehold(random: Random, ids: IdentityNumbers, referenceDate: string, places: readonly (typeof KECAMATAN)[number][]): Household {
  const kecamatan = random.weighted(places.map((k) => [k, KECAMATAN_WEIGHT[k.code] ?? 1] as const));
  const desa = random.pick(DESA_BY_KECAMATAN[kecamatan.code]);
  const group = random.weighted(ETHNIC_GROUPS.map((g) => [g, ethnicWeight(g, kecamatan.remote)] as const));
  const familyName = familyNameFor(group, random);
  const noKk = ids.noKk(kecamatan.code, shiftDays(referenceDate, -random.int(30, 15 * 365)));
  const address = `${random.pick(STREETS)} RT ${String(random.int(1, 40)).padStart(3, '0')}`;

  const members: Person[] = [];
  const add = (role: HouseholdRole, sex: 'L' | 'P', age: number, surname?: string) => {
    const birthDate = birthDateFor(age, random, referenceDate);
    members.push({
      nik: ids.nik(kecamatan.code, birthDate, sex),
      noKk,
      fullName: personName(group, sex, random, surname),
      birthDate,
      sex,
      kecamatanCode: kecamatan.code,
      desa,
      role,
      age: ageOn(birthDate, referenceDate),
    });
  };

  const singleMother = random.chance(0.08);
  const headAge = random.int(24, 68);
  add('KEPALA_KELUARGA', singleMother ? 'P' : 'L', headAge, singleMother ? undefined : familyName);
  const hasSpouse = !singleMother && random.chance(0.9);
  const motherAge = singleMother ? headAge : Math.max(19, headAge - random.int(-2, 8));
  if (hasSpouse) add('ISTRI', 'P', motherAge);
  const childCount = random.weighted([[0, 8], [1, 14], [2, 24], [3, 25], [4, 16], [5, 8], [6, 5]] as const);
  const oldestPossible = Math.min(motherAge - 17, 28);
  for (let i = 0; i < childCount && oldestPossible >= 0; i++) {
    add('ANAK', random.chance(0.5) ? 'L' : 'P', random.int(0, oldestPossible), familyName);
  }
  if (random.chance(0.08)) add('ORANG_TUA', random.chance(0.6) ? 'P' : 'L', Math.min(headAge + random.int(20, 30), 90));

  const household: Household = { noKk, kecamatanCode: kecamatan.code, desa, address, members };
  if (random.chance(kecamatan.remote ? 0.55 : 0.38)) household.welfare = welfareFor(household, random);
  return household;
}

function ethnicWeight(group: EthnicGroup, remote: boolean): number {
  const weights: Record<EthnicGroup, [coastal: number, interior: number]> = {
    KUTAI: [20, 25],
    BANJAR: [20, 10],
    BUGIS: [25, 10],
    JAWA: [30, 15],
    DAYAK: [5, 40],
  };
  return weights[group][remote ? 1 : 0];
}

/** Poorer deciles are more common in the registry; programmes follow the decile as Dinsos targets them. */
function welfareFor(household: Household, random: Random): WelfareEntry {
  const decile = random.weighted([[1, 14], [2, 13], [3, 12], [4, 12], [5, 11], [6, 10], [7, 9], [8, 8], [9, 6], [10, 5]] as const);
  const hasPupils = household.members.some((m) => m.role === 'ANAK' && m.age >= 6 && m.age <= 21);
  const programmes: WelfareProgramme[] = [];
  if (decile <= 4) {
    if (household.members.some((m) => m.role === 'ANAK') && random.chance(0.5)) programmes.push('PKH');
    if (random.chance(0.6)) programmes.push('BPNT');
    if (hasPupils && random.chance(0.4)) programmes.push('PIP');
    if (hasPupils && random.chance(0.3)) programmes.push('KIP');
    if (random.chance(0.85)) programmes.push('PBI_JK');
  } else if (decile <= 6) {
    if (random.chance(0.15)) programmes.push('BPNT');
    if (random.chance(0.4)) programmes.push('PBI_JK');
  } else if (random.chance(0.1)) {
    programmes.push('PBI_JK');
  }
  return { decile, programmes };
}

function designateScenarios(households: Household[], random: Random, referenceDate: string): Scenarios {
  const candidates: SchoolAgeChild[] = [];
  for (const household of households) {
    const child = household.members.find((m) => m.role === 'ANAK' && m.age >= 8 && m.age <= 15);
    if (child) candidates.push({ child, household });
  }
  const take = (): SchoolAgeChild => {
    if (candidates.length === 0) throw new Error('the population has too few school-age children for the scenarios');
    return candidates.splice(random.int(0, candidates.length - 1), 1)[0]!;
  };

  const matching = take();
  const mismatched = take();
  const poor = take();
  poor.household.welfare = { decile: 2, programmes: ['PKH', 'BPNT', 'PBI_JK'] };
  const nonPoor = take();
  nonPoor.household.welfare = { decile: 8, programmes: [] };
  const unregistered = take();
  delete unregistered.household.welfare;

  const absent = absentChild(random, referenceDate);
  const named = new Set([matching, mismatched, poor, nonPoor, unregistered].map(({ child }) => child.nik));
  const { outOfSchool, droppedOut } = designateSchoolGaps(households, named, random);

  return {
    matchingChild: matching.child,
    mismatchedChild: {
      person: mismatched.child,
      reported: { fullName: abbreviateFirstName(mismatched.child.fullName), birthDate: shiftDays(mismatched.child.birthDate, 10) },
    },
    absentChild: absent,
    poorHousehold: poor,
    nonPoorHousehold: nonPoor,
    unregisteredHousehold: unregistered,
    outOfSchool,
    droppedOut,
  };
}

/** "Muhammad Rizky Saputra" → "M. Rizky Saputra": the most common way school and civil records disagree. */
function abbreviateFirstName(fullName: string): string {
  const [first, ...rest] = fullName.split(' ');
  return [`${first!.charAt(0)}.`, ...rest].join(' ');
}

function absentChild(random: Random, referenceDate: string): Omit<CivilRecord, 'noKk'> {
  const kecamatan = random.pick(KECAMATAN);
  const sex = random.chance(0.5) ? 'L' : 'P';
  const birthDate = birthDateFor(11, random, referenceDate);
  const group = random.pick(ETHNIC_GROUPS);
  return {
    // Sequences from 9000 are far above any the generator hands out (a few per birth date), so this NIK belongs to nobody.
    nik: `${nikPrefix(kecamatan.code, birthDate, sex)}${random.int(9000, 9999)}`,
    fullName: personName(group, sex, random, familyNameFor(group, random)),
    birthDate,
    sex,
    kecamatanCode: kecamatan.code,
    desa: random.pick(DESA_BY_KECAMATAN[kecamatan.code]),
  };
}

/**
 * Who is missing from the school roll: older children and those in remote kecamatan more often.
 * Neither list is ever empty, so that every population has gaps to find.
 */
function designateSchoolGaps(
  households: Household[],
  keepInSchool: ReadonlySet<string>,
  random: Random,
): Pick<Scenarios, 'outOfSchool' | 'droppedOut'> {
  const remote = new Set<string>(KECAMATAN.filter((k) => k.remote).map((k) => k.code));
  const eligible = households
    .flatMap((household) => household.members)
    .filter((person) => isOfCompulsorySchoolAge(person) && !keepInSchool.has(person.nik));
  const outOfSchool: Person[] = [];
  const droppedOut: Person[] = [];
  for (const child of eligible) {
    const hardship = (child.age >= 13 ? 0.04 : 0) + (remote.has(child.kecamatanCode) ? 0.03 : 0);
    if (random.chance(0.03 + hardship)) outOfSchool.push(child);
    else if (child.age >= 10 && random.chance(0.02 + hardship)) droppedOut.push(child);
  }
  const spare = () => {
    const taken = new Set([...outOfSchool, ...droppedOut]);
    const left = eligible.filter((child) => !taken.has(child) && child.age >= 10);
    if (left.length === 0) throw new Error('the population has too few school-age children for the school roll');
    return random.pick(left);
  };
  if (outOfSchool.length === 0) outOfSchool.push(spare());
  if (droppedOut.length === 0) droppedOut.push(spare());
  return { outOfSchool, droppedOut };
}

export function isOfCompulsorySchoolAge(person: Person): boolean {
  return person.role === 'ANAK' && person.age >= COMPULSORY_SCHOOL_AGE.min && person.age <= COMPULSORY_SCHOOL_AGE.max;
}

/** A birth date on which the person is exactly `age` years old on the reference date. */
function birthDateFor(age: number, random: Random, referenceDate: string): string {
  const [year, month, day] = referenceDate.split('-').map(Number) as [number, number, number];
  const anniversary = Date.UTC(year - age, month - 1, day);
  return new Date(anniversary - random.int(0, 364) * DAY_MS).toISOString().slice(0, 10);
}

export function shiftDays(isoDay: string, days: number): string {
  return new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
