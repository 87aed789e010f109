// Generates the Prisma client. Prisma's CLI wants a schema-engine binary even for `generate`,
// which it downloads on first use; offline that fails, so we point it at a harmless file
// only when no engine is present (where the engine exists, Prisma uses it as usual).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const env = { ...process.env };

function engineInstalled() {
  try {
    const enginesDir = path.dirname(require.resolve('@prisma/engines/package.json'));
    return readdirSync(enginesDir).some((f) => f.startsWith('schema-engine'));
  } catch {
    return false;
  }
}

if (!env.PRISMA_SCHEMA_ENGINE_BINARY && !engineInstalled()) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
if (!existsSync('prisma/schema.prisma')) process.exit(0);
const result = spawnSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate'], {
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
});
process.exit(result.status ?? 1);
