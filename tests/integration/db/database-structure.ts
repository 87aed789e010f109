import type pg from 'pg';
import type { SchemaModel } from './prisma-schema.js';

/**
 * A database's structure as sorted lines of text, one per table, column, index or foreign
 * key, so that a difference between what schema.prisma expects and what the migrations built
 * shows up in a test failure as the exact line that is missing or extra.
 */
export interface DatabaseStructure {
  tables: string[];
  columns: string[];
  indexes: string[];
  foreignKeys: string[];
}

const COLUMN_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'int4',
  BigInt: 'int8',
  Boolean: 'bool',
  DateTime: 'timestamp(3)',
  Json: 'jsonb',
  Float: 'float8',
  Decimal: 'numeric',
  Bytes: 'bytea',
};

/** Defaults Prisma computes in the client; they leave no default in the database. */
const CLIENT_SIDE_DEFAULT = /^(uuid|cuid|nanoid|ulid)\(/;

const PRISMA_MIGRATIONS_TABLE = '_prisma_migrations';

/** What Prisma Migrate would have created for these models. */
export function expectedStructure(models: SchemaModel[]): DatabaseStructure {
  const byName = new Map(models.map((model) => [model.name, model]));
  const columnsOf = (model: SchemaModel, fields: string[]) =>
    fields.map((name) => model.scalars.find((field) => field.name === name)?.column ?? `<unknown field ${name}>`);

  const structure: DatabaseStructure = { tables: [], columns: [], indexes: [], foreignKeys: [] };
  for (const model of models) {
    const { table } = model;
    structure.tables.push(table);
    for (const field of model.scalars) {
      const type = COLUMN_TYPES[field.type] ?? `<unmapped ${field.type}>`;
      const hasDefault = field.default !== undefined && !CLIENT_SIDE_DEFAULT.test(field.default);
      structure.columns.push(describeColumn(table, field.column, field.list ? `${type}[]` : type, field.optional || field.list, hasDefault));
    }
    structure.indexes.push(describeIndex(`${table}_pkey`, table, columnsOf(model, model.primaryKey), 'PRIMARY KEY'));
    for (const fields of model.uniques) {
      const columns = columnsOf(model, fields);
      structure.indexes.push(describeIndex(`${table}_${columns.join('_')}_key`, table, columns, 'UNIQUE'));
    }
    for (const fields of model.indexes) {
      const columns = columnsOf(model, fields);
      structure.indexes.push(describeIndex(`${table}_${columns.join('_')}_idx`, table, columns, 'INDEX'));
    }
    for (const relation of model.relations.filter((field) => field.relation)) {
      const target = byName.get(relation.type)!;
      const columns = columnsOf(model, relation.relation!.fields);
      // Prisma's referential actions when the schema names none.
      const onDelete = relation.optional ? 'SET NULL' : 'RESTRICT';
      structure.foreignKeys.push(
        describeForeignKey(`${table}_${columns.join('_')}_fkey`, table, columns, target.table, columnsOf(target, relation.relation!.references), onDelete, 'CASCADE'),
      );
    }
  }
  return sorted(structure);
}

const REFERENTIAL_ACTIONS: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/** What the database actually holds in its public schema, Prisma's bookkeeping table aside. */
export async function actualStructure(client: pg.Client): Promise<DatabaseStructure> {
  const tables = await client.query<{ table: string }>(
    `SELECT tablename AS table FROM pg_tables WHERE schemaname = 'public' AND tablename <> $1`,
    [PRISMA_MIGRATIONS_TABLE],
  );
  const columns = await client.query<{ table: string; column: string; udt: string; precision: number | null; nullable: string; default: string | null }>(
    `SELECT table_name AS table, column_name AS column, udt_name AS udt, datetime_precision AS precision,
            is_nullable AS nullable, column_default AS default
       FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name <> $1`,
    [PRISMA_MIGRATIONS_TABLE],
  );
  const indexes = await client.query<{ name: string; table: string; columns: string[]; primary: boolean; unique: boolean }>(
    `SELECT i.relname AS name, t.relname AS table, ix.indisprimary AS primary, ix.indisunique AS unique,
            array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index ix
       JOIN pg_class i ON i.oid = ix.indexrelid
       JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE n.nspname = 'public' AND t.relname <> $1
      GROUP BY i.relname, t.relname, ix.indisprimary, ix.indisunique`,
    [PRISMA_MIGRATIONS_TABLE],
  );
  const foreignKeys = await client.query<{ name: string; table: string; columns: string[]; target: string; targetColumns: string[]; onDelete: string; onUpdate: string }>(
    `SELECT c.conname AS name, t.relname AS table, rt.relname AS target,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS "targetColumns",
            c.confdeltype AS "onDelete", c.confupdtype AS "onUpdate"
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_class rt ON rt.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'`,
  );
  return sorted({
    tables: tables.rows.map((row) => row.table),
    columns: columns.rows.map((row) => {
      const base = row.udt.replace(/^_/, '');
      const type = base === 'timestamp' ? `timestamp(${row.precision})` : base;
      return describeColumn(row.table, row.column, row.udt.startsWith('_') ? `${type}[]` : type, row.nullable === 'YES', row.default !== null);
    }),
    indexes: indexes.rows.map((row) =>
      describeIndex(row.name, row.table, row.columns, row.primary ? 'PRIMARY KEY' : row.unique ? 'UNIQUE' : 'INDEX'),
    ),
    foreignKeys: foreignKeys.rows.map((row) =>
      describeForeignKey(row.name, row.table, row.columns, row.target, row.targetColumns, REFERENTIAL_ACTIONS[row.onDelete]!, REFERENTIAL_ACTIONS[row.onUpdate]!),
    ),
  });
}

function describeColumn(table: string, column: string, type: string, nullable: boolean, hasDefault: boolean): string {
  return `${table}.${column} ${type}${nullable ? '' : ' NOT NULL'}${hasDefault ? ' DEFAULT' : ''}`;
}

function describeIndex(name: string, table: string, columns: string[], kind: string): string {
  return `${kind} ${name} ON ${table}(${columns.join(', ')})`;
}

function describeForeignKey(name: string, table: string, columns: string[], target: string, targetColumns: string[], onDelete: string, onUpdate: string): string {
  return `${name}: ${table}(${columns.join(', ')}) REFERENCES ${target}(${targetColumns.join(', ')}) ON DELETE ${onDelete} ON UPDATE ${onUpdate}`;
}

function sorted(structure: DatabaseStructure): DatabaseStructure {
  return {
    tables: [...structure.tables].sort(),
    columns: [...structure.columns].sort(),
    indexes: [...structure.indexes].sort(),
    foreignKeys: [...structure.foreignKeys].sort(),
  };
}
