import { z } from 'zod';

/**
 * Validation messages are read by coordinators and officers, so they are in Bahasa Indonesia
 * and phrased for a person, not a programmer. Schemas import `z` from here so that the
 * configuration below is always applied before any schema parses.
 */
z.config(z.locales.id());
z.config({
  customError: (issue) => {
    if (issue.code === 'invalid_type' && issue.input === undefined) return 'Wajib diisi.';
    if (issue.code === 'invalid_type' && issue.input === null) return 'Wajib diisi.';
    if (issue.code === 'too_small' && issue.origin === 'string') {
      return issue.minimum === 1 ? 'Wajib diisi.' : `Minimal ${issue.minimum} karakter.`;
    }
    if (issue.code === 'too_big' && issue.origin === 'string') return `Maksimal ${issue.maximum} karakter.`;
    if (issue.code === 'too_small' && issue.origin === 'array') return `Pilih minimal ${issue.minimum}.`;
    if (issue.code === 'too_big' && issue.origin === 'array') return `Pilih maksimal ${issue.maximum}.`;
    if (issue.code === 'invalid_value') return 'Pilihan tidak dikenal.';
    if (issue.code === 'unrecognized_keys') return `Kolom tidak dikenal: ${issue.keys.join(', ')}.`;
    return undefined;
  },
});

export { z };

export interface FieldError {
  /** Dotted path of the field, e.g. `child.nik`. */
  field: string;
  message: string;
}

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(isi)',
    message: issue.message,
  }));
}

/**
 * Characters no person types into a form: C0 controls other than tab, line feed and carriage
 * return, and DEL. PostgreSQL cannot store NUL in text at all (22P05), so a report carrying one
 * would be accepted and then fail on every retry; the others only hide text from the people
 * who read it later.
 */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
export const CONTROL_CHARACTER_MESSAGE = 'Mengandung karakter kontrol yang tidak boleh ada dalam teks.';

export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}

/**
 * The schema, also refusing a control character in any text it holds, with the field's own path.
 * Applied once to each schema of what people send in (reports, forms, staff input), so a field
 * added later is covered without anyone remembering it.
 */
export function withoutControlCharacters<T extends z.ZodType>(schema: T): T {
  return schema.superRefine((value, ctx) => {
    for (const path of pathsOfControlCharacters(value, [])) ctx.addIssue({ code: 'custom', path, message: CONTROL_CHARACTER_MESSAGE });
  });
}

function pathsOfControlCharacters(value: unknown, path: (string | number)[]): (string | number)[][] {
  if (typeof value === 'string') return hasControlCharacter(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => pathsOfControlCharacters(item, [...path, index]));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => pathsOfControlCharacters(item, [...path, key]));
  }
  return [];
}

/** An ISO calendar date (YYYY-MM-DD) that exists. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Gunakan format tanggal TTTT-BB-HH.')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'Tanggal tidak ada di kalender.');

/** Whole years between a birth date and a reference day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, onDay: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDay.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function todayIso(nowMs: number = Date.now()): string {
  // Kutai Timur is on WITA (UTC+8); a report filed just after midnight there belongs to that day.
  return new Date(nowMs + 8 * 3600_000).toISOString().slice(0, 10);
}
