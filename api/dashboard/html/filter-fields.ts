import type { FieldError } from '../../../domain/validation.js';
import { escapeHtml } from '../../tasks/html/layout.js';

/**
 * Fields of the filter forms on the dashboard and the case list: a GET form, so a filtered page is a
 * link one can bookmark or send. An empty choice means "all".
 */
export type FilterValues = Record<string, string | undefined>;

interface FilterField {
  name: string;
  label: string;
  values: FilterValues;
  errors: readonly FieldError[];
}

function errorOf(field: FilterField): string | undefined {
  return field.errors.find((error) => error.field === field.name)?.message;
}

function wrap(field: FilterField, control: (describedBy: string) => string): string {
  const id = `filter-${field.name}`;
  const error = errorOf(field);
  const describedBy = error ? ` aria-describedby="${id}-error" aria-invalid="true"` : '';
  return `<div class="field${error ? ' has-error' : ''}"><label for="${id}">${escapeHtml(field.label)}</label>${
    error ? `<p class="error" id="${id}-error">${escapeHtml(error)}</p>` : ''
  }${control(describedBy)}</div>`;
}

export function filterSelect(field: FilterField & { allLabel: string; options: readonly (readonly [string, string])[] }): string {
  const current = field.values[field.name] ?? '';
  const options = [['', field.allLabel] as const, ...field.options]
    .map(([value, label]) => `<option value="${escapeHtml(value)}"${value === current ? ' selected' : ''}>${escapeHtml(label)}</option>`)
    .join('');
  return wrap(field, (describedBy) => `<select id="filter-${field.name}" name="${field.name}"${describedBy}>${options}</select>`);
}

export function filterDate(field: FilterField): string {
  const value = escapeHtml(field.values[field.name] ?? '');
  return wrap(field, (describedBy) => `<input type="date" id="filter-${field.name}" name="${field.name}" value="${value}"${describedBy}>`);
}

/** The query string of a filtered page, with only the filters that are set. */
export function queryOf(values: FilterValues, extra: FilterValues = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...values, ...extra })) if (value !== undefined && value !== '') params.set(key, value);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
