import { createHash } from 'node:crypto';
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Prisma } from '../../../generated/prisma/client.js';
import { createPrisma, type Db } from '../../../infra/db.js';
import { applyMigrations, DEFAULT_MIGRATIONS_DIR, MigrationError } from '../../../infra/migrations.js';
import { actualStructure, expectedStructure } from './database-structure.js';
import { readPrismaSchema, type SchemaField, type SchemaModel } from './prisma-schema.js';
import { createScratchDatabase, withConnection, type ScratchDatabase } from './scratch-database.js';

const serverUrl = inject('postgresServerUrl');
const migrationNames = (await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const scratchDatabases: ScratchDatabase[] = [];
const tempDirs: string[] = [];

async function emptyDatabase(): Promise<string> {
  const database = await createScratchDatabase(serverUrl);
  scratchDatabases.push(database);
  return database.url;
}

/** A copy of prisma/migrations a test may change, as a developer would in a working tree. */
async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ats-migrations-'));
  tempDirs.push(dir);
  await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

async function addMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name));
  await writeFile(path.join(dir, name, 'migration.sql'), sql);
}

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

function recordedMigrations(databaseUrl: string): Promise<MigrationRow[]> {
  return withConnection(databaseUrl, async (client) => (await client.query<MigrationRow>('SELECT * FROM _prisma_migrations ORDER BY migration_name')).rows);
}

function tableExists(databaseUrl: string, table: string): Promise<boolean> {
  return withConnection(databaseUrl, async (client) => (await client.query('SELECT to_regclass($1) AS oid', [table])).rows[0].oid !== null);
}

afterAll(async () => {
  await Promise.all(scratchDatabases.map((database) => database.drop()));
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('Applying the migrations', () => {
  it('builds an empty database and records every migration the way Prisma Migrate does', async () => {
    const url = await emptyDatabase();

    const { applied } = await applyMigrations(url);

    expect(applied).toEqual(migrationNames);
    expect(await tableExists(url, 'cases')).toBe(true);
    const rows = await recordedMigrations(url);
    expect(rows.map((row) => row.migration_name)).toEqual(migrationNames);
    for (const row of rows) {
      const sql = await readFile(path.join(DEFAULT_MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row).toMatchObject({ rolled_back_at: null, logs: null, applied_steps_count: 1 });
    }
    const columns = await withConnection(url, async (client) =>
      (
        await client.query<{ column_name: string; data_type: string; length: number | null; is_nullable: string }>(
          `SELECT column_name, data_type, character_maximum_length AS length, is_nullable
             FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
        )
      ).rows.map((c) => `${c.column_name} ${c.data_type}${c.length ? `(${c.length})` : ''}${c.is_nullable === 'NO' ? ' NOT NULL' : ''}`),
    );
    expect(columns).toEqual([
      'id character varying(36) NOT NULL',
      'checksum character varying(64) NOT NULL',
      'finished_at timestamp with time zone',
      'migration_name character varying(255) NOT NULL',
      'logs text',
      'rolled_back_at timestamp with time zone',
      'started_at timestamp with time zone NOT NULL',
      'applied_steps_count integer NOT NULL',
    ]);
  });

  it('leaves an up-to-date database untouched when applied again', async () => {
    const url = await emptyDatabase();
    await applyMigrations(url);
    const before = await recordedMigrations(url);

    const { applied } = await applyMigrations(url);

    expect(applied).toEqual([]);
    expect(await recordedMigrations(url)).toEqual(before);
  });

  it('applies a migration added by a later release on top of those already applied', async () => {
    const url = await emptyDatabase();
    const dir = await copyOfMigrations();
    await applyMigrations(url, { migrationsDir: dir });
    await addMigration(dir, '29991231000000_add_school_notes', 'CREATE TABLE "school_notes" ("id" TEXT NOT NULL);\n');

    const { applied } = await applyMigrations(url, { migrationsDir: dir });

    expect(applied).toEqual(['29991231000000_add_school_notes']);
    expect(await tableExists(url, 'school_notes')).toBe(true);
  });

  it('refuses to run when an applied migration was edited afterwards, and names it', async () => {
    const url = await emptyDatabase();
    const dir = await copyOfMigrations();
    await applyMigrations(url, { migrationsDir: dir });
    const edited = migrationNames[0]!;
    await appendFile(path.join(dir, edited, 'migration.sql'), '\nALTER TABLE "cases" ADD COLUMN "note" TEXT;\n');
    await addMigration(dir, '29991231000000_add_school_notes', 'CREATE TABLE "school_notes" ("id" TEXT NOT NULL);\n');

    const attempt = applyMigrations(url, { migrationsDir: dir });

    await expect(attempt).rejects.toThrow(MigrationError);
    await expect(attempt).rejects.toThrow(`Migration ${edited} was changed after it was applied`);
    expect(await tableExists(url, 'school_notes')).toBe(false);
  });

  it('accepts an applied migration whose line endings git converted to CRLF', async () => {
    const url = await emptyDatabase();
    const dir = await copyOfMigrations();
    await applyMigrations(url, { migrationsDir: dir });
    const file = path.join(dir, migrationNames[0]!, 'migration.sql');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/\n/g, '\r\n'));

    await expect(applyMigrations(url, { migrationsDir: dir })).resolves.toEqual({ applied: [] });
  });

  it('rolls back a migration that fails, names it, and applies it once it is fixed', async () => {
    const url = await emptyDatabase();
    const dir = await copyOfMigrations();
    const broken = '29991231000000_add_school_notes';
    await addMigration(dir, broken, 'CREATE TABLE "school_notes" ("id" TEXT NOT NULL);\nALTER TABLE "no_such_table" ADD COLUMN "x" TEXT;\n');

    await expect(applyMigrations(url, { migrationsDir: dir })).rejects.toThrow(
      `Migration ${broken} failed and was rolled back: relation "no_such_table" does not exist`,
    );
    expect(await tableExists(url, 'school_notes')).toBe(false);
    expect((await recordedMigrations(url)).map((row) => row.migration_name)).toEqual(migrationNames);

    await writeFile(path.join(dir, broken, 'migration.sql'), 'CREATE TABLE "school_notes" ("id" TEXT NOT NULL);\n');
    await expect(applyMigrations(url, { migrationsDir: dir })).resolves.toEqual({ applied: [broken] });
  });

  it('refuses to continue after a migration that Prisma Migrate recorded as unfinished', async () => {
    const url = await emptyDatabase();
    const dir = await copyOfMigrations();
    await applyMigrations(url, { migrationsDir: dir });
    const unfinished = '29991231000000_add_school_notes';
    await withConnection(url, (client) =>
      client.query(
        `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, applied_steps_count)
         VALUES (gen_random_uuid(), $1, $2, 'relation "no_such_table" does not exist', 0)`,
        ['0'.repeat(64), unfinished],
      ),
    );
    await addMigration(dir, '29991231000001_add_visit_notes', 'CREATE TABLE "visit_notes" ("id" TEXT NOT NULL);\n');

    await expect(applyMigrations(url, { migrationsDir: dir })).rejects.toThrow(`Migration ${unfinished} is recorded as started but not finished`);
    expect(await tableExists(url, 'visit_notes')).toBe(false);
  });

  it('applies each migration once when two processes start at the same moment', async () => {
    const url = await emptyDatabase();

    const results = await Promise.all([applyMigrations(url), applyMigrations(url)]);

    expect(results.flatMap((result) => result.applied).sort()).toEqual(migrationNames);
    expect((await recordedMigrations(url)).map((row) => row.migration_name)).toEqual(migrationNames);
  });
});

describe('The database the migrations build', () => {
  const models = readPrismaSchema();
  let url: string;
  let prisma: Db;

  beforeAll(async () => {
    url = await emptyDatabase();
    await applyMigrations(url);
    prisma = createPrisma(url);
  });

  afterAll(async () => {
    await prisma?.$disconnect();
  });

  it('is described by schema.prisma as the generated Prisma client sees it', () => {
    const scalarFieldsOf = (model: string) =>
      Object.values((Prisma as unknown as Record<string, Record<string, string>>)[`${model}ScalarFieldEnum`] ?? {});

    expect(models.map((model) => model.name)).toEqual(Object.values(Prisma.ModelName));
    for (const model of models) {
      expect({ model: model.name, fields: model.scalars.map((field) => field.name) }).toEqual({ model: model.name, fields: scalarFieldsOf(model.name) });
    }
  });

  it('has exactly the tables, columns, keys and indexes of schema.prisma', async () => {
    const actual = await withConnection(url, (client) => actualStructure(client));

    expect(actual).toEqual(expectedStructure(models));
  });

  it('stores and returns every field of every model through the Prisma client', async () => {
    const written = new Map<string, Record<string, unknown>>();
    for (const model of parentsFirst(models)) {
      const data = Object.fromEntries(model.scalars.map((field) => [field.name, sampleValue(model, field, written)]));
      const delegate = delegateOf(prisma, model);

      await delegate.create({ data });
      const readBack = await delegate.findUniqueOrThrow({ where: primaryKeyOf(model, data) });

      expect(readBack, model.name).toEqual(data);
      const rows = await withConnection(url, async (client) => (await client.query(`SELECT * FROM "${model.table}"`)).rows);
      const emptyColumns = Object.entries(rows[0] ?? {}).filter(([, value]) => value === null).map(([column]) => column);
      expect({ table: model.table, rows: rows.length, emptyColumns }).toEqual({ table: model.table, rows: 1, emptyColumns: [] });
      written.set(model.name, data);
    }
  });

  it('keeps the case history append-only: changing, deleting or truncating events is refused', async () => {
    await prisma.case.create({
      data: { id: 'case-append-only', stage: 'INTAKE', kecamatan: '640804', desa: 'Swarga Bara', category: 'DO', openedAt: new Date() },
    });
    const event = {
      caseId: 'case-append-only',
      eventId: 'opened',
      sequence: 1,
      type: 'CASE_OPENED',
      actorKind: 'SYSTEM',
      actorId: 'intake',
      occurredAt: new Date('2026-11-30T01:00:00.000Z'),
      data: { channel: 'SCHOOL' },
      prevHash: '0'.repeat(64),
      hash: 'a'.repeat(64),
    };
    const { id } = await prisma.caseEvent.create({ data: event });

    await expect(prisma.caseEvent.update({ where: { id }, data: { type: 'CASE_CLOSED' } })).rejects.toThrow('case_events is append-only');
    await expect(prisma.caseEvent.updateMany({ where: { caseId: event.caseId }, data: { hash: 'b'.repeat(64) } })).rejects.toThrow(
      'case_events is append-only',
    );
    await expect(prisma.caseEvent.delete({ where: { id } })).rejects.toThrow('case_events is append-only');
    await expect(prisma.caseEvent.deleteMany({})).rejects.toThrow('case_events is append-only');
    await expect(withConnection(url, (client) => client.query('TRUNCATE case_events'))).rejects.toThrow('case_events is append-only');

    await prisma.caseEvent.create({ data: { ...event, eventId: 'visited', sequence: 2, type: 'VISIT_DONE', prevHash: event.hash, hash: 'c'.repeat(64) } });
    const history = await prisma.caseEvent.findMany({ where: { caseId: event.caseId }, orderBy: { sequence: 'asc' } });
    expect(history.map((e) => `${e.sequence} ${e.type} ${e.hash.slice(0, 1)}`)).toEqual(['1 CASE_OPENED a', '2 VISIT_DONE c']);
  });
});

interface ModelDelegate {
  create(args: { data: Record<string, unknown> }): Promise<Record<string, unknown>>;
  findUniqueOrThrow(args: { where: Record<string, unknown> }): Promise<Record<string, unknown>>;
}

function delegateOf(prisma: Db, model: SchemaModel): ModelDelegate {
  const property = model.name[0]!.toLowerCase() + model.name.slice(1);
  return (prisma as unknown as Record<string, ModelDelegate>)[property]!;
}

function primaryKeyOf(model: SchemaModel, data: Record<string, unknown>): Record<string, unknown> {
  const [single, ...rest] = model.primaryKey;
  if (rest.length === 0) return { [single!]: data[single!] };
  return { [model.primaryKey.join('_')]: Object.fromEntries(model.primaryKey.map((field) => [field, data[field]])) };
}

/** Models ordered so that every row's foreign keys can point at rows written before it. */
function parentsFirst(models: SchemaModel[]): SchemaModel[] {
  const ordered: SchemaModel[] = [];
  const pending = [...models];
  while (pending.length > 0) {
    const ready = pending.find((model) =>
      model.relations.every((relation) => !relation.relation || ordered.some((done) => done.name === relation.type)),
    );
    if (!ready) throw new Error(`relations among ${pending.map((m) => m.name).join(', ')} form a cycle`);
    ordered.push(ready);
    pending.splice(pending.indexOf(ready), 1);
  }
  return ordered;
}

/** A value for every field, different from its default, so that reading it back proves it was stored. */
function sampleValue(model: SchemaModel, field: SchemaField, written: Map<string, Record<string, unknown>>): unknown {
  const relation = model.relations.find((candidate) => candidate.relation?.fields.includes(field.name));
  if (relation) {
    const parent = written.get(relation.type)!;
    return parent[relation.relation!.references[relation.relation!.fields.indexOf(field.name)]!];
  }
  const label = `${model.name}.${field.name}`;
  const value = (() => {
    switch (field.type) {
      case 'String':
        return label;
      case 'Int':
        return 7;
      case 'BigInt':
        return 4242n;
      case 'Boolean':
        return field.default !== 'true';
      case 'DateTime':
        return new Date('2026-03-14T01:59:26.535Z');
      case 'Json':
        return { kecamatan: '640804', langkah: [1, 'dua', null], selesai: false };
      default:
        throw new Error(`${label}: add a sample value for ${field.type}`);
    }
  })();
  return field.list ? [value, value] : value;
}
