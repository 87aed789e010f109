// Where Prisma's CLI finds our schema and migrations, so `prisma migrate status` and
// `prisma migrate deploy` (where the schema engine exists) see what cli/migrate.ts applies.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  // Not `env('DATABASE_URL')`: that throws when the variable is unset, and `prisma generate`
  // (run on install and build) must work without a database.
  datasource: { url: process.env.DATABASE_URL },
});
