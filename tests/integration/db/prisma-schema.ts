import { readFileSync } from 'node:fs';

/**
 * Just enough of prisma/schema.prisma to say which tables, columns, keys and indexes Prisma
 * expects. Prisma 7's generated client exposes model and field names but not types,
 * nullability or @map; this fills that gap. Syntax it does not know makes it throw, so a
 * schema change can never slip past the drift test unread.
 */

export interface SchemaField {
  name: string;
  type: string;
  optional: boolean;
  list: boolean;
  column: string;
  id: boolean;
  unique: boolean;
  /** The argument of @default, e.g. `now()`, `true`, `uuid()`. */
  default?: string;
  relation?: { fields: string[]; references: string[] };
}

export interface SchemaModel {
  name: string;
  table: string;
  /** Fields stored in columns of this model's table. */
  scalars: SchemaField[];
  /** Fields pointing at another model; those with `relation` own a foreign key. */
  relations: SchemaField[];
  primaryKey: string[];
  uniques: string[][];
  indexes: string[][];
}

const SCALAR_TYPES = new Set(['String', 'Int', 'BigInt', 'Boolean', 'DateTime', 'Json', 'Float', 'Decimal', 'Bytes']);

export function readPrismaSchema(file = 'prisma/schema.prisma'): SchemaModel[] {
  const source = readFileSync(file, 'utf8');
  const blocks = [...source.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)];
  const modelNames = new Set(blocks.map((block) => block[1]!));
  return blocks.map(([, name, body]) => parseModel(name!, body!, modelNames));
}

function parseModel(name: string, body: string, modelNames: Set<string>): SchemaModel {
  const model: SchemaModel = { name, table: name, scalars: [], relations: [], primaryKey: [], uniques: [], indexes: [] };
  for (const rawLine of body.split('\n')) {
    const line = rawLine.replace(/\/\/.*$/, '').trim();
    if (line === '') continue;
    if (line.startsWith('@@')) {
      parseBlockAttribute(model, line);
      continue;
    }
    const field = parseField(line);
    if (modelNames.has(field.type)) model.relations.push(field);
    else if (SCALAR_TYPES.has(field.type)) model.scalars.push(field);
    else throw new Error(`${name}.${field.name}: type ${field.type} is neither a scalar nor a model`);
  }
  const ids = model.scalars.filter((field) => field.id).map((field) => field.name);
  if (ids.length > 0) model.primaryKey = ids;
  for (const field of model.scalars.filter((f) => f.unique)) model.uniques.push([field.name]);
  return model;
}

function parseBlockAttribute(model: SchemaModel, line: string): void {
  const map = /^@@map\("([^"]+)"\)$/.exec(line);
  if (map) {
    model.table = map[1]!;
    return;
  }
  const keyed = /^@@(id|unique|index)\(\[([^\]]+)\]\)$/.exec(line);
  if (!keyed) throw new Error(`${model.name}: unsupported block attribute ${line}`);
  const fields = names(keyed[2]!);
  if (keyed[1] === 'id') model.primaryKey = fields;
  else if (keyed[1] === 'unique') model.uniques.push(fields);
  else model.indexes.push(fields);
}

function parseField(line: string): SchemaField {
  const match = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
  if (!match) throw new Error(`unsupported field line: ${line}`);
  const [, name, type, list, optional, attributes] = match;
  const field: SchemaField = { name: name!, type: type!, optional: Boolean(optional), list: Boolean(list), column: name!, id: false, unique: false };
  for (const [, attribute, args] of attributes!.matchAll(/@(\w+)(?:\(((?:[^()]|\([^()]*\))*)\))?/g)) {
    switch (attribute) {
      case 'id':
        field.id = true;
        break;
      case 'unique':
        field.unique = true;
        break;
      case 'updatedAt':
        break;
      case 'default':
        field.default = args;
        break;
      case 'map':
        field.column = /^"([^"]+)"$/.exec(args ?? '')?.[1] ?? fail(`${name}: unsupported @map(${args})`);
        break;
      case 'relation': {
        const relation = /^fields:\s*\[([^\]]+)\],\s*references:\s*\[([^\]]+)\]$/.exec(args ?? '');
        if (!relation) throw new Error(`${name}: unsupported @relation(${args})`);
        field.relation = { fields: names(relation[1]!), references: names(relation[2]!) };
        break;
      }
      default:
        throw new Error(`${name}: unsupported attribute @${attribute}`);
    }
  }
  return field;
}

function names(list: string): string[] {
  return list.split(',').map((item) => item.trim());
}

function fail(message: string): never {
  throw new Error(message);
}
