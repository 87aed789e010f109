import type { FieldError } from '../../../domain/validation.js';
import { escapeHtml } from '../../tasks/html/layout.js';

/**
 * Fields of the coordinator's forms on the case page. One page holds several forms (a note, a close,
 * a reassignment per task) with fields of the same name, so each form prefixes its element ids. What
 * was typed comes back with the errors beside their fields when the server refuses it.
 */
export interface FormValues {
  /** Prefix of this form's element ids. */
  id: string;
  values: Record<string, string | undefined>;
  errors: readonly FieldError[];
}

export const emptyForm = (id: string): FormValues => ({ id, values: {}, errors: [] });

interface Field {
  name: string;
  label: string;
  hint?: string;
}

function parts(form: FormValues, field: Field) {
  const id = `${form.id}-${field.name}`;
  const error = form.errors.find((e) => e.field === field.name || e.field.startsWith(`${field.name}.`))?.message;
  const notes = [
    field.hint ? `<p class="muted" id="${id}-hint">${escapeHtml(field.hint)}</p>` : '',
    error ? `<p class="error" id="${id}-error">${escapeHtml(error)}</p>` : '',
  ].join('');
  const described = [field.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const attributes = `${described ? ` aria-describedby="${described}"` : ''}${error ? ' aria-invalid="true"' : ''}`;
  return { id, error, open: `<div class="field${error ? ' has-error' : ''}"><label for="${id}">${escapeHtml(field.label)}</label>${notes}`, attributes };
}

export function textAreaField(form: FormValues, field: Field & { maxLength: number }): string {
  const p = parts(form, field);
  return `${p.open}<textarea id="${p.id}" name="${field.name}" maxlength="${field.maxLength}" rows="3"${p.attributes}>${escapeHtml(form.values[field.name] ?? '')}</textarea></div>`;
}

export function selectField(form: FormValues, field: Field & { choices: readonly (readonly [string, string])[] }): string {
  const p = parts(form, field);
  const current = form.values[field.name] ?? '';
  const options = [['', '— Pilih —'] as const, ...field.choices]
    .map(([value, label]) => `<option value="${escapeHtml(value)}"${value === current ? ' selected' : ''}>${escapeHtml(label)}</option>`)
    .join('');
  return `${p.open}<select id="${p.id}" name="${field.name}"${p.attributes}>${options}</select></div>`;
}

/** An error that belongs to no field of the form, shown at its top. */
export function formProblem(form: FormValues): string {
  const general = form.errors.filter((e) => e.field.startsWith('('));
  return general.map((e) => `<p class="error" role="alert">${escapeHtml(e.message)}</p>`).join('');
}

export function hasErrors(form: FormValues): boolean {
  return form.errors.length > 0;
}
