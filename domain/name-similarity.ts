/**
 * Is this the same child? For children without a NIK the only clues are the name as someone wrote
 * it down, the birth date as someone remembered it, and the desa. Indonesian names are written many
 * ways: old spelling (Djoko, Tjahjo, Soekarno, Jusuf), common forms (Muhammad, Moh., M.), doubled
 * letters and a dropped final h. This module turns names into a canonical spelling and scores how
 * alike two children are; a coordinator decides. Pure, so workflows may use it too.
 */

/** When two reports count as likely the same child (configured in config/env.ts, DUPLICATE_*). */
export interface DuplicateThresholds {
  /** Lowest name similarity (0..1) that counts as a likely match. */
  nameMinSimilarity: number;
  /** Lowest similarity (0..1) of two desa names that counts as the same desa. */
  desaMinSimilarity: number;
  /** Birth dates this many days apart or less are close. */
  birthDateWindowDays: number;
}

export const DEFAULT_DUPLICATE_THRESHOLDS: DuplicateThresholds = {
  nameMinSimilarity: 0.88,
  desaMinSimilarity: 0.9,
  birthDateWindowDays: 31,
};

/** How far back the finder looks: closed cases stay candidates this many days after closing (DUPLICATE_CLOSED_WITHIN_DAYS). */
export const DEFAULT_CLOSED_WITHIN_DAYS = 180;

/** Titles, honorifics and kinship words that reporters add in front of or inside a name. */
const TITLES = new Set([
  'an', 'ananda', 'sdr', 'sdri', 'saudara', 'saudari', 'nn', 'nona', 'tn', 'tuan', 'ny', 'nyonya', 'bpk', 'bapak', 'ibu',
  'h', 'hj', 'haji', 'hajjah', 'hajah', 'kh', 'ust', 'ustad', 'ustadz', 'dr', 'drs', 'ir', 'alm', 'almh', 'bin', 'binti', 'bt',
]);

/**
 * Spelling rules, in order. Old spelling (before 1972): dj → j, tj → c, sj → sy, nj → ny, oe → u, ch → kh,
 * and j where today's spelling has y (Jusuf → Yusuf). Beside them the variants of today: ph/f, v/f
 * (Novi, Nofi), q/k (Taufiq), z/s (Faizal, Faisal), y/i (Rizky, Rizki), ie/i, dh/d, th/t, doubled letters
 * and a final h (Fatimah, Fatima). Old j and today's j cannot be told apart, so every
 * j ends as y and both spellings meet in the same canonical form. The canonical form is for comparing only.
 */
const SPELLING_RULES: readonly [RegExp, string][] = [
  [/dj/g, 'j'],
  [/tj/g, 'c'],
  [/sj/g, 'sy'],
  [/nj/g, 'ny'],
  [/oe/g, 'u'],
  [/ch/g, 'kh'],
  [/j/g, 'y'],
  [/kh/g, 'h'],
  [/dh/g, 'd'],
  [/th/g, 't'],
  [/ph/g, 'f'],
  [/v/g, 'f'],
  [/q/g, 'k'],
  [/z/g, 's'],
  [/x/g, 'ks'],
  [/ie/g, 'i'],
  [/y/g, 'i'],
  [/(.)\1+/g, '$1'],
  [/(.)h$/g, '$1'],
];

/** Common forms of the same name part; the first of each list is the canonical one. */
const NAME_FORMS: readonly (readonly string[])[] = [
  ['muhammad', 'muhamad', 'mohammad', 'mohamad', 'mohammed', 'mohamed', 'muhammed', 'muhamed', 'mochammad', 'mochamad',
    'muchammad', 'muchamad', 'mukhammad', 'mukhamad', 'moh', 'mohd', 'muh', 'mhd', 'moch', 'much', 'm'],
  ['siti', 'sitti', 'sity'],
  ['nur', 'noor', 'nuur', 'noer'],
  ['abdul', 'abd', 'abdoel', 'abdu'],
];

export function respell(word: string): string {
  return SPELLING_RULES.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), word);
}

const CANONICAL_FORM = new Map<string, string>(
  NAME_FORMS.flatMap((forms) => forms.map((form) => [respell(form), respell(forms[0]!)] as [string, string])),
);

/** Lower case, accents and punctuation gone, words apart: "M. Rizky" gives ["m", "rizky"]. */
function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The canonical tokens of a name: titles gone, common forms unified, old and variant spellings folded. */
export function nameTokens(name: string): string[] {
  return words(name)
    .filter((word) => !TITLES.has(word))
    .map((word) => {
      const spelled = respell(word);
      return CANONICAL_FORM.get(spelled) ?? spelled;
    });
}

/** A desa name the same way, without the "Desa"/"Kelurahan" reporters add or leave out. */
export function desaTokens(desa: string): string[] {
  const all = words(desa);
  const rest = all[0] === 'desa' || all[0] === 'kelurahan' || all[0] === 'kel' ? all.slice(1) : all;
  return rest.map(respell);
}

/** Jaro–Winkler similarity of two strings (0..1): tolerant of a letter or two, strongest on a shared start. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const range = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - range); j < Math.min(b.length, i + range + 1); j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < Math.min(4, a.length, b.length) && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Each name part missing from the other name costs this much: "Rizky Pratama" may be "Muhammad Rizky Pratama". */
const MISSING_TOKEN_PENALTY = 0.06;
const WEAK_MATCH_PENALTY = 0.2;

/**
 * Name parts so common that sharing them says little ("Muhammad Iqbal" and "Muhammad Irfan" are two
 * boys): they weigh half as much as other parts of the same length.
 */
const COMMON_TOKENS = new Set(
  [...NAME_FORMS.map((forms) => forms[0]!), 'ahmad', 'sri', 'putri', 'putra', 'andi', 'nurul', 'dewi'].map(
    (word) => CANONICAL_FORM.get(respell(word)) ?? respell(word),
  ),
);

/**
 * Jaro–Winkler is generous with short words ("salim" and "halim" score 0.87), so a part scores
 * nothing below 0.7 and rises steeply to 1: one changed letter in a long word still passes, in a short
 * word it does not.
 */
function partScore(a: string, b: string): number {
  return Math.max(0, (jaroWinkler(a, b) - 0.7) / 0.3);
}

const weightOf = (token: string) => token.length * (COMMON_TOKENS.has(token) ? 0.5 : 1);

/**
 * How alike two token lists are: parts are paired best first (so word order does not matter) and
 * their scores averaged, weighted by length, less a penalty per part the other name lacks. When the
 * names have a different number of parts, written together or apart ("Nurhaliza", "Nur Haliza") is
 * compared as one word too; the better reading wins.
 */
export function tokenSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const pairs: { i: number; j: number; score: number }[] = [];
  a.forEach((x, i) => b.forEach((y, j) => pairs.push({ i, j, score: partScore(x, y) })));
  pairs.sort((p, q) => q.score - p.score || p.i - q.i || p.j - q.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  let weighted = 0;
  let weights = 0;
  for (const pair of pairs) {
    if (usedA.has(pair.i) || usedB.has(pair.j)) continue;
    usedA.add(pair.i);
    usedB.add(pair.j);
    const weight = (weightOf(a[pair.i]!) + weightOf(b[pair.j]!)) / 2;
    weighted += pair.score * weight;
    weights += weight;
  }
  const missing = Math.abs(a.length - b.length);
  // A lone shared part ("Siti" against "Siti Aminah") is weak evidence: the missing parts cost more.
  const longer = Math.max(...[a, b].map((tokens) => tokens.reduce((sum, token) => sum + weightOf(token), 0)));
  const penalty = weights * 2 < longer ? WEAK_MATCH_PENALTY : MISSING_TOKEN_PENALTY;
  const aligned = weighted / weights - penalty * missing;
  const joined = missing > 0 ? partScore(a.join(''), b.join('')) - MISSING_TOKEN_PENALTY : 0;
  return Math.max(0, aligned, joined);
}

/** How alike two children's names are (0..1), after every spelling variant above is folded away. */
export function nameSimilarity(a: string, b: string): number {
  return round(tokenSimilarity(nameTokens(a), nameTokens(b)));
}

export type BirthDateMatch = 'SAME' | 'CLOSE' | 'DAY_MONTH_SWAPPED' | 'FAR';

/** Same date, within the window, or day and month swapped (12-03 written as 03-12). Dates are YYYY-MM-DD. */
export function compareBirthDates(a: string, b: string, windowDays: number): { match: BirthDateMatch; daysApart: number } {
  const daysApart = Math.abs(dayNumber(a) - dayNumber(b));
  if (daysApart === 0) return { match: 'SAME', daysApart };
  const [year, month, day] = a.split('-');
  if (`${year}-${day}-${month}` === b) return { match: 'DAY_MONTH_SWAPPED', daysApart };
  return { match: daysApart <= windowDays ? 'CLOSE' : 'FAR', daysApart };
}

/** The day-month swap of a date, when it is a date at all: what to look up beside the window. */
export function swappedBirthDate(date: string): string | undefined {
  const [year, month, day] = date.split('-');
  if (!year || !month || !day || month === day || Number(day) > 12) return undefined;
  return `${year}-${day}-${month}`;
}

/** The same desa, written the same or nearly so: "Desa Swargabara" is "Swarga Bara"; "Teluk Lingga" is not "Teluk Singkama". */
export function desaSimilarity(a: string, b: string): number {
  return round(tokenSimilarity(desaTokens(a), desaTokens(b)));
}

export interface ChildClues {
  fullName: string;
  birthDate: string;
  desa: string;
}

/** What matched between a new report and an existing case's child, and how strongly. */
export interface DuplicateMatch {
  /** 0..1, for ranking: the name weighs most, then how close the birth dates are. */
  score: number;
  nameSimilarity: number;
  birthDate: BirthDateMatch;
  daysApart: number;
  desaSimilarity: number;
  /** Similar name, close birth date and the same desa: worth a coordinator's look. */
  likely: boolean;
}

const BIRTH_DATE_WEIGHT: Record<BirthDateMatch, number> = { SAME: 1, DAY_MONTH_SWAPPED: 0.9, CLOSE: 0.75, FAR: 0 };

/** How likely the two are one child; both are in the same kecamatan (the caller's query ensures that). */
export function compareChildren(incoming: ChildClues, existing: ChildClues, thresholds: DuplicateThresholds): DuplicateMatch {
  const name = nameSimilarity(incoming.fullName, existing.fullName);
  const birth = compareBirthDates(incoming.birthDate, existing.birthDate, thresholds.birthDateWindowDays);
  const desa = desaSimilarity(incoming.desa, existing.desa);
  const closeBirth = birth.match !== 'FAR';
  const score = round(0.7 * name + 0.2 * BIRTH_DATE_WEIGHT[birth.match] + 0.1 * desa);
  return {
    score,
    nameSimilarity: name,
    birthDate: birth.match,
    daysApart: birth.daysApart,
    desaSimilarity: desa,
    likely: name >= thresholds.nameMinSimilarity && closeBirth && desa >= thresholds.desaMinSimilarity,
  };
}

function dayNumber(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return Math.round(Date.UTC(year!, month! - 1, day!) / 86_400_000);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
