import { KECAMATAN_CODES } from '../../domain/kecamatan.js';
import { type FieldError, fieldErrors, type z } from '../../domain/validation.js';
import type { FilterValues } from './html/filter-fields.js';

/** Filters of the staff pages as the browser sends them: an empty field is an unset filter. */
export function setFilters(query: Record<string, unknown>, names: readonly string[]): FilterValues {
  return Object.fromEntries(
    names.flatMap((name) => {
      const value = query[name];
      return typeof value === 'string' && value.trim() !== '' ? [[name, value.trim()]] : [];
    }),
  );
}

/** The kecamatan a viewer may pick in a filter: their area, or all eighteen. */
export function kecamatanChoices(scope: readonly string[]): string[] {
  return scope.length === 0 ? [...KECAMATAN_CODES] : KECAMATAN_CODES.filter((code) => scope.includes(code));
}

type Parsed<T> = { success: true; data: T } | { success: false; error: z.ZodError };

/**
 * Parses a filter; when some fields are wrong the others still apply, so the page shows the figures
 * for what was right and the error beside what was not.
 */
export function validSubset<T>(values: FilterValues, parse: (values: FilterValues) => Parsed<T>): { data: T | undefined; errors: FieldError[] } {
  const first = parse(values);
  if (first.success) return { data: first.data, errors: [] };
  const errors = fieldErrors(first.error);
  const wrong = new Set(errors.map((error) => error.field.split('.')[0]));
  const rest = parse(Object.fromEntries(Object.entries(values).filter(([key]) => !wrong.has(key))));
  return { data: rest.success ? rest.data : undefined, errors };
}
