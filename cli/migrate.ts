// `npm run db:migrate`: brings the database at DATABASE_URL up to date with prisma/migrations.
import { ConfigError, parseEnv } from '../config/env.js';
import { applyMigrations } from '../infra/migrations.js';

async function main(): Promise<void> {
  const env = parseEnv();
  if (!env.DATABASE_URL) {
    throw new ConfigError('DATABASE_URL is not set: point it at the PostgreSQL database to migrate, e.g. postgres://ats@127.0.0.1:5432/ats');
  }
  const { applied } = await applyMigrations(env.DATABASE_URL, { log: (line) => console.log(line) });
  console.log(applied.length === 0 ? 'Database is up to date; no migrations to apply.' : `Applied ${applied.length} migration(s): ${applied.join(', ')}`);
}

/** One line for the operator; socket errors from pg may carry no message of their own. */
function oneLine(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return oneLine(error.errors[0]);
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const text = error.message || (typeof code === 'string' ? code : error.name);
  return text.replace(/\s*\n\s*/g, ' ');
}

main().catch((error: unknown) => {
  console.error(`db:migrate failed: ${oneLine(error)}`);
  process.exitCode = 1;
});
