/**
 * The first form of a server-rendered HTML page, filled and submitted the way a browser would:
 * only fields that exist on the page can be filled, only offered options chosen, and the
 * submission carries every successful control (hidden fields included) in document order.
 * Good enough for our own pages, which are plain HTML without scripts; not a general HTML parser.
 */
type Control =
  | { kind: 'value'; name: string; value: string }
  | { kind: 'choice'; name: string; value: string; checked: boolean; multiple: boolean }
  | { kind: 'select'; name: string; options: string[]; selected: string };

export class HtmlForm {
  private constructor(
    readonly method: string,
    private readonly controls: Control[],
  ) {}

  static parse(html: string): HtmlForm {
    const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
    if (!form) throw new Error('the page has no form');
    const method = (attributesOf(form[1]!).method ?? 'get').toUpperCase();
    const controls: Control[] = [];
    const tag = /<(input|select|textarea)\b([^>]*)>(?:([\s\S]*?)<\/\1>)?/gi;
    for (const [, element, rawAttributes, content] of form[2]!.matchAll(tag)) {
      const attributes = attributesOf(rawAttributes!);
      const name = attributes.name;
      if (name === undefined) continue;
      switch (element!.toLowerCase()) {
        case 'textarea':
          controls.push({ kind: 'value', name, value: decodeEntities(content ?? '') });
          break;
        case 'select': {
          const options = [...(content ?? '').matchAll(/<option\b([^>]*)>/gi)].map((match) => attributesOf(match[1]!));
          const values = options.map((option) => option.value ?? '');
          const selected = options.find((option) => 'selected' in option)?.value ?? values[0] ?? '';
          controls.push({ kind: 'select', name, options: values, selected });
          break;
        }
        default: {
          const type = (attributes.type ?? 'text').toLowerCase();
          const value = attributes.value ?? (type === 'checkbox' || type === 'radio' ? 'on' : '');
          if (type === 'checkbox' || type === 'radio') {
            controls.push({ kind: 'choice', name, value, checked: 'checked' in attributes, multiple: type === 'checkbox' });
          } else if (type !== 'submit' && type !== 'button') {
            controls.push({ kind: 'value', name, value });
          }
        }
      }
    }
    return new HtmlForm(method, controls);
  }

  /** Names of every field on the form, once each, in document order. */
  get fieldNames(): string[] {
    return [...new Set(this.controls.map((control) => control.name))];
  }

  /** What the field would submit now: the typed or pre-filled text, the selected option, the checked boxes. */
  valuesOf(name: string): string[] {
    this.controlsNamed(name);
    return this.successful().filter(([field]) => field === name).map(([, value]) => value);
  }

  /** Types into a text, date, number or hidden field, or a textarea. */
  type(name: string, value: string): this {
    const control = this.controlsNamed(name).find((c) => c.kind === 'value');
    if (!control || control.kind !== 'value') throw new Error(`the field ${name} cannot be typed into`);
    control.value = value;
    return this;
  }

  /** Ticks a radio button (the others of its group untick) or a checkbox. */
  check(name: string, value: string): this {
    const group = this.controlsNamed(name).filter((c) => c.kind === 'choice');
    const target = group.find((c) => c.value === value);
    if (!target || target.kind !== 'choice') throw new Error(`the field ${name} offers no choice ${value}`);
    for (const control of group) {
      if (control.kind === 'choice' && !target.multiple) control.checked = false;
    }
    target.checked = true;
    return this;
  }

  /** Picks an option of a drop-down. */
  select(name: string, value: string): this {
    const control = this.controlsNamed(name).find((c) => c.kind === 'select');
    if (!control || control.kind !== 'select' || !control.options.includes(value)) {
      throw new Error(`the field ${name} offers no option ${value}`);
    }
    control.selected = value;
    return this;
  }

  /** The body a browser would send, as application/x-www-form-urlencoded. */
  encoded(): string {
    return new URLSearchParams(this.successful()).toString();
  }

  private successful(): [string, string][] {
    return this.controls.flatMap((control): [string, string][] => {
      if (control.kind === 'value') return [[control.name, control.value]];
      if (control.kind === 'select') return [[control.name, control.selected]];
      return control.checked ? [[control.name, control.value]] : [];
    });
  }

  private controlsNamed(name: string): Control[] {
    const found = this.controls.filter((control) => control.name === name);
    if (found.length === 0) throw new Error(`the form has no field ${name} (it has: ${this.fieldNames.join(', ')})`);
    return found;
  }
}

function attributesOf(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [, name, value] of source.matchAll(/([\w:-]+)(?:\s*=\s*"([^"]*)")?/g)) {
    attributes[name!.toLowerCase()] = decodeEntities(value ?? '');
  }
  return attributes;
}

/** The entities our pages write (see escapeHtml in api/tasks/html/layout.ts), and numeric ones. */
export function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}
