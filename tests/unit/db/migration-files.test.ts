import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS_DIR, matchesChecksum, migrationChecksum, MigrationError, readMigrationFiles } from '../../../infra/migrations.js';

describe('Migration files', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('are checksummed like Prisma Migrate: the SHA-256 of migration.sql in hex', () => {
    const sql = 'CREATE TABLE "x" ("id" TEXT NOT NULL);\n';
    expect(migrationChecksum(sql)).toBe(createHash('sha256').update(sql).digest('hex'));
  });

  it('still match their checksum after git converts line endings either way', () => {
    const unix = 'CREATE TABLE "x" (\n    "id" TEXT\n);\n';
    const windows = unix.replace(/\n/g, '\r\n');
    expect(matchesChecksum(windows, migrationChecksum(unix))).toBe(true);
    expect(matchesChecksum(unix, migrationChecksum(windows))).toBe(true);
    expect(matchesChecksum(`${unix}-- edited\n`, migrationChecksum(unix))).toBe(false);
  });

  it('apply in the order of their folder names, skipping files beside the folders', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ats-migration-files-'));
    for (const name of ['20261201000000_second', '20261130000000_first']) {
      await mkdir(path.join(dir, name));
      await writeFile(path.join(dir, name, 'migration.sql'), `-- ${name}\n`);
    }
    await writeFile(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');

    const files = await readMigrationFiles(dir);

    expect(files.map((file) => file.name)).toEqual(['20261130000000_first', '20261201000000_second']);
    expect(files[0]!.checksum).toBe(migrationChecksum('-- 20261130000000_first\n'));
  });

  it('refuse a migration folder without migration.sql, naming it', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ats-migration-files-'));
    await mkdir(path.join(dir, '20261130000000_empty'));

    await expect(readMigrationFiles(dir)).rejects.toThrow(MigrationError);
    await expect(readMigrationFiles(dir)).rejects.toThrow('Migration 20261130000000_empty has no migration.sql');
  });

  it('of this repository are locked to PostgreSQL, as Prisma Migrate expects', async () => {
    const lock = await readFile(path.join(DEFAULT_MIGRATIONS_DIR, 'migration_lock.toml'), 'utf8');
    expect(lock).toMatch(/^provider = "postgresql"$/m);
    expect((await readMigrationFiles()).length).toBeGreaterThan(0);
  });
});
