import type { z } from '../../domain/validation.js';

/** Fields of an HTML form as @fastify/formbody parses them: a repeated name becomes an array. */
export type FormFields = Record<string, string | string[] | undefined>;

/** The parts of zod's internal schema definition this converter reads. */
interface SchemaDef {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  values?: unknown[];
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

function defOf(schema: z.ZodType): SchemaDef {
  let def = schema._zod.def as unknown as SchemaDef;
  while (WRAPPERS.has(def.type) || def.type === 'pipe') {
    const inner = def.type === 'pipe' ? def.in : def.innerType;
    if (!inner) break;
    def = inner._zod.def as unknown as SchemaDef;
  }
  return def;
}

/**
 * Turns flat form fields into the JSON shape `schema` expects, so one schema validates both the
 * HTML form and the JSON API: 'true'/'false' become booleans where the schema wants one, digits
 * become numbers where it wants a number (an NPSN stays a string), repeated checkboxes become
 * arrays, empty inputs are left out, and `targetSchool.name` nests. Values that cannot be
 * converted pass through unchanged for the schema to reject with its own message. Fields the
 * schema does not know (the CSRF field, the other branch of an either/or form) are dropped.
 */
export function formToObject(fields: FormFields, schema: z.ZodType): unknown {
  return convert(fields, '', schema) ?? {};
}

function convert(fields: FormFields, name: string, schema: z.ZodType): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return convertObject(fields, name, def.shape ?? {});
    case 'union':
      return def.discriminator && def.options ? convertDiscriminated(fields, name, def.discriminator, def.options) : single(fields[name]);
    case 'array': {
      const values = (Array.isArray(fields[name]) ? (fields[name] as string[]) : [fields[name]])
        .filter((value): value is string => value !== undefined && value.trim() !== '')
        .map((value) => convertScalar(value, def.element ? defOf(def.element) : def));
      return values.length > 0 ? values : undefined;
    }
    default: {
      const value = single(fields[name]);
      return value === undefined ? undefined : convertScalar(value, def);
    }
  }
}

function convertObject(fields: FormFields, name: string, shape: Record<string, z.ZodType>): Record<string, unknown> | undefined {
  const prefix = name === '' ? '' : `${name}.`;
  const entries = Object.entries(shape)
    .map(([key, child]) => [key, convert(fields, `${prefix}${key}`, child)] as const)
    .filter(([, value]) => value !== undefined);
  // An optional group left entirely empty (no target school) is absent, not an empty object.
  return entries.length > 0 || name === '' ? Object.fromEntries(entries) : undefined;
}

/** Either/or forms: the discriminator's answer picks which branch's fields count. */
function convertDiscriminated(fields: FormFields, name: string, discriminator: string, options: z.ZodType[]): unknown {
  const prefix = name === '' ? '' : `${name}.`;
  for (const option of options) {
    const shape = defOf(option).shape ?? {};
    const discriminatorSchema = shape[discriminator];
    if (!discriminatorSchema) continue;
    const value = convert(fields, `${prefix}${discriminator}`, discriminatorSchema);
    if (value !== undefined && discriminatorSchema.safeParse(value).success) return convertObject(fields, name, shape);
  }
  const raw = single(fields[`${prefix}${discriminator}`]);
  return raw === undefined ? {} : { [discriminator]: raw };
}

function single(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first.trim() === '' ? undefined : first;
}

function convertScalar(value: string, def: SchemaDef): unknown {
  const wants = def.type === 'literal' ? typeof def.values?.[0] : def.type;
  if (wants === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  if (wants === 'number' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return value;
}
