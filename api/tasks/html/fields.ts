import type { FieldError } from '../../../domain/validation.js';
import type { FormFields } from '../form-data.js';
import { escapeHtml } from './layout.js';

/**
 * What the officer typed (kept when the form comes back with errors) and the errors to show
 * beside each field. Fields carry no `required` attribute: the server checks every rule and
 * explains it in Indonesian beside the field, whatever the browser's language.
 */
export class FormState {
  /** Each rendered field's name, with the element a summary link moves to and the label it names. */
  private readonly rendered = new Map<string, { targetId: string; label: string }>();

  constructor(
    readonly values: FormFields,
    readonly errors: readonly FieldError[] = [],
  ) {}

  value(name: string): string {
    const value = this.values[name];
    return (Array.isArray(value) ? value[0] : value) ?? '';
  }

  valuesOf(name: string): string[] {
    const value = this.values[name];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  }

  /** The message for a field; an error on an item of a list (reasonsConfirmed.0) belongs to the list. */
  errorFor(name: string, target: { targetId: string; label: string }): string | undefined {
    this.rendered.set(name, target);
    return this.errors.find((e) => belongsTo(e, name))?.message;
  }

  /**
   * Every error in the form's order of fields, each linking to its field when one shows it; errors
   * about something no field shows come last, as plain text. Call after the fields are rendered.
   */
  summaryItems(): string[] {
    const placed = [...this.rendered].flatMap(([name, target]) => {
      const error = this.errors.find((e) => belongsTo(e, name));
      return error ? [`<a href="#${target.targetId}">${escapeHtml(target.label)}: ${escapeHtml(error.message)}</a>`] : [];
    });
    const unplaced = this.errors.filter((e) => ![...this.rendered.keys()].some((name) => belongsTo(e, name)));
    return [...placed, ...unplaced.map((e) => escapeHtml(e.message))];
  }
}

const belongsTo = (error: FieldError, name: string) => error.field === name || error.field.startsWith(`${name}.`);

/**
 * The box at the top of a form that came back with errors. It takes the focus on load (no script
 * needed), so a screen reader announces it and the officer on a long form sees the list first.
 */
export function errorSummary(state: FormState, title: string): string {
  if (state.errors.length === 0) return '';
  const items = state.summaryItems().map((item) => `<li>${item}</li>`).join('');
  return `<section class="card summary" role="alert" tabindex="-1" autofocus><h2>${escapeHtml(title)}</h2><p>Periksa kembali isian berikut:</p><ul>${items}</ul></section>`;
}

export type Options = readonly (readonly [value: string, label: string])[];

interface FieldOptions {
  name: string;
  label: string;
  hint?: string;
  optional?: boolean;
}

const idOf = (name: string) => `f-${name.replace(/\W/g, '-')}`;

function labelText(options: FieldOptions): string {
  return `${escapeHtml(options.label)}${options.optional ? ' <span class="hint">(boleh dikosongkan)</span>' : ''}`;
}

function hintAndError(id: string, hint: string | undefined, error: string | undefined): { html: string; describedBy: string } {
  const parts: string[] = [];
  const ids: string[] = [];
  if (hint) {
    parts.push(`<p class="hint" id="${id}-hint">${escapeHtml(hint)}</p>`);
    ids.push(`${id}-hint`);
  }
  if (error) {
    parts.push(`<p class="error" id="${id}-error">${escapeHtml(error)}</p>`);
    ids.push(`${id}-error`);
  }
  return { html: parts.join(''), describedBy: ids.length ? ` aria-describedby="${ids.join(' ')}"` : '' };
}

export function textField(
  state: FormState,
  options: FieldOptions & { type?: 'text' | 'date' | 'number'; inputMode?: 'numeric' | 'text'; maxLength?: number },
): string {
  const id = idOf(options.name);
  const error = state.errorFor(options.name, { targetId: id, label: options.label });
  const extra = hintAndError(id, options.hint, error);
  const attributes = [
    `type="${options.type ?? 'text'}"`,
    `id="${id}"`,
    `name="${escapeHtml(options.name)}"`,
    `value="${escapeHtml(state.value(options.name))}"`,
    options.inputMode ? `inputmode="${options.inputMode}"` : '',
    options.maxLength ? `maxlength="${options.maxLength}"` : '',
    error ? 'aria-invalid="true"' : '',
  ].filter(Boolean);
  return `<div class="field${error ? ' has-error' : ''}"><label for="${id}">${labelText(options)}</label>${extra.html}<input ${attributes.join(' ')}${extra.describedBy}></div>`;
}

export function textArea(state: FormState, options: FieldOptions & { maxLength?: number }): string {
  const id = idOf(options.name);
  const error = state.errorFor(options.name, { targetId: id, label: options.label });
  const extra = hintAndError(id, options.hint, error);
  return `<div class="field${error ? ' has-error' : ''}"><label for="${id}">${labelText(options)}</label>${extra.html}<textarea id="${id}" name="${escapeHtml(options.name)}" maxlength="${options.maxLength ?? 1000}"${error ? ' aria-invalid="true"' : ''}${extra.describedBy}>${escapeHtml(state.value(options.name))}</textarea></div>`;
}

function choices(state: FormState, options: FieldOptions & { choices: Options; multiple: boolean }): string {
  const id = idOf(options.name);
  // The link goes to the first choice, so following it puts the focus where the officer picks.
  const error = state.errorFor(options.name, { targetId: options.choices.length ? `${id}-0` : id, label: options.label });
  const extra = hintAndError(id, options.hint, error);
  const selected = new Set(state.valuesOf(options.name));
  const type = options.multiple ? 'checkbox' : 'radio';
  const items = options.choices
    .map(([value, label], index) => {
      const itemId = `${id}-${index}`;
      return `<label class="choice" for="${itemId}"><input type="${type}" id="${itemId}" name="${escapeHtml(options.name)}" value="${escapeHtml(value)}"${selected.has(value) ? ' checked' : ''}>${escapeHtml(label)}</label>`;
    })
    .join('');
  return `<fieldset class="field${error ? ' has-error' : ''}" id="${id}"${extra.describedBy}><legend>${labelText(options)}</legend>${extra.html}${items}</fieldset>`;
}

export function radioGroup(state: FormState, options: FieldOptions & { choices: Options }): string {
  return choices(state, { ...options, multiple: false });
}

export function checkboxGroup(state: FormState, options: FieldOptions & { choices: Options }): string {
  return choices(state, { ...options, multiple: true });
}

export function selectField(state: FormState, options: FieldOptions & { choices: Options }): string {
  const id = idOf(options.name);
  const error = state.errorFor(options.name, { targetId: id, label: options.label });
  const extra = hintAndError(id, options.hint, error);
  const current = state.value(options.name);
  const items = [['', '— Pilih —'] as const, ...options.choices]
    .map(([value, label]) => `<option value="${escapeHtml(value)}"${value === current ? ' selected' : ''}>${escapeHtml(label)}</option>`)
    .join('');
  return `<div class="field${error ? ' has-error' : ''}"><label for="${id}">${labelText(options)}</label>${extra.html}<select id="${id}" name="${escapeHtml(options.name)}"${error ? ' aria-invalid="true"' : ''}${extra.describedBy}>${items}</select></div>`;
}

/** Labels for every option of an enum, in the schema's order; the Record type makes a new option without a label a compile error. */
export function optionsOf<V extends string>(values: readonly V[], labels: Record<V, string>): Options {
  return values.map((value) => [value, labels[value]] as const);
}
