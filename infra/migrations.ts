import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/**
 * Applies the hand-written SQL migrations in prisma/migrations and records them in
 * `_prisma_migrations` exactly as Prisma Migrate does, so `prisma migrate status` and
 * `prisma migrate deploy` agree with us wherever Prisma's schema engine is available.
 * Each migration runs in its own transaction: a failed one leaves no trace and can be retried.
 */

export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../prisma/migrations/', import.meta.url));

/** Prisma Migrate's own advisory lock key, so our applier and `prisma migrate deploy` never run at once either. */
const MIGRATION_LOCK_KEY = 72707369;

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  constructor(
    message: string,
    /** The migration folder the problem is about, when there is one. */
    readonly migration?: string,
  ) {
    super(message);
  }
}

export interface MigrationFile {
  /** The folder name, e.g. `20261130000000_init`; it orders the migrations. */
  name: string;
  sql: string;
  checksum: string;
}

export interface ApplyMigrationsOptions {
  migrationsDir?: string;
  log?: (line: string) => void;
}

/** Prisma's checksum of a migration: the SHA-256 of migration.sql, in hex. */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}

/** Like Prisma, accept a checksum taken before git changed the file's line endings. */
export function matchesChecksum(sql: string, checksum: string): boolean {
  const unix = sql.replace(/\r\n/g, '\n');
  const variants = [sql, unix, unix.replace(/\n/g, '\r\n')];
  return variants.some((variant) => migrationChecksum(variant) === checksum);
}

/** The migrations on disk, in the order they apply. */
export async function readMigrationFiles(migrationsDir: string = DEFAULT_MIGRATIONS_DIR): Promise<MigrationFile[]> {
  if (!existsSync(migrationsDir)) throw new MigrationError(`Migrations directory not found: ${migrationsDir}`);
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  return Promise.all(
    folders.map(async (name) => {
      const file = path.join(migrationsDir, name, 'migration.sql');
      if (!existsSync(file)) throw new MigrationError(`Migration ${name} has no migration.sql (${file})`, name);
      const sql = await readFile(file, 'utf8');
      return { name, sql, checksum: migrationChecksum(sql) };
    }),
  );
}

interface RecordedMigration {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export async function applyMigrations(databaseUrl: string, options: ApplyMigrationsOptions = {}): Promise<{ applied: string[] }> {
  const log = options.log ?? (() => {});
  const files = await readMigrationFiles(options.migrationsDir);
  // One connection does everything: the advisory lock belongs to its session.
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => {
    // A lost connection also fails the query in flight, which reports it; unheard, this event would crash the process.
  });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const recorded = await readRecordedMigrations(client);
      const pending = pendingMigrations(files, recorded, log);
      const applied: string[] = [];
      for (const migration of pending) {
        log(`Applying migration ${migration.name}`);
        await applyOne(client, migration);
        applied.push(migration.name);
      }
      return { applied };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {
        // the connection is already gone, and the lock with it
      });
    }
  } finally {
    await client.end();
  }
}

async function readRecordedMigrations(client: pg.Client): Promise<RecordedMigration[]> {
  const { rows } = await client.query<RecordedMigration>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
  );
  // Rows marked rolled back (`prisma migrate resolve --rolled-back`) no longer count, as in Prisma.
  return rows.filter((row) => row.rolled_back_at === null);
}

/** Decides what to apply, refusing to go on from a state Prisma would refuse too. */
function pendingMigrations(files: MigrationFile[], recorded: RecordedMigration[], log: (line: string) => void): MigrationFile[] {
  const unfinished = recorded.find((row) => row.finished_at === null);
  if (unfinished) {
    throw new MigrationError(
      `Migration ${unfinished.migration_name} is recorded as started but not finished: repair the database by hand, ` +
        `then mark it with \`prisma migrate resolve --rolled-back ${unfinished.migration_name}\` (or --applied) before migrating again`,
      unfinished.migration_name,
    );
  }
  const appliedByName = new Map(recorded.map((row) => [row.migration_name, row]));
  for (const file of files) {
    const row = appliedByName.get(file.name);
    if (row && !matchesChecksum(file.sql, row.checksum)) {
      throw new MigrationError(
        `Migration ${file.name} was changed after it was applied to this database (checksum ${row.checksum} recorded, ` +
          `${file.checksum} on disk): restore the original file and put the change in a new migration`,
        file.name,
      );
    }
  }
  const onDisk = new Set(files.map((file) => file.name));
  for (const row of recorded) {
    if (!onDisk.has(row.migration_name)) log(`Migration ${row.migration_name} is applied to the database but not present on disk`);
  }
  return files.filter((file) => !appliedByName.has(file.name));
}

async function applyOne(client: pg.Client, migration: MigrationFile): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      // the connection broke; the server discards the transaction itself
    });
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${reason}`, migration.name);
  }
}
