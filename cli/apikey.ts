/**
 * `npm run apikey:create -- --name "Koordinator Disdikbud" --role COORDINATOR [--scope 640804,640805]`
 * creates an API key and prints it once; only its hash is stored.
 */
import { parseArgs } from 'node:util';
import { createApiKey } from '../api/auth/api-keys.js';
import { isStaffRole, STAFF_ROLES, type StaffRole } from '../domain/access.js';
import { ConfigError, parseEnv } from '../config/env.js';
import { requireSettings, runMain } from '../config/require.js';
import { KECAMATAN_CODES } from '../domain/kecamatan.js';
import { createPrisma } from '../infra/db.js';

const USAGE = `usage: npm run apikey:create -- --name "<who uses it>" --role ${STAFF_ROLES.join('|')} [--scope <kecamatan code>,…]`;

/** runMain prints a StartupError's message alone, without a stack. */
class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** Prisma's messages quote the failing call over many lines; its cause is the last one. */
function lastLine(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).split('\n').map((line) => line.trim()).filter(Boolean);
  return lines.at(-1) ?? 'unknown error';
}

await runMain(async () => {
  const input = parseInput(process.argv.slice(2));
  const env = requireSettings(parseEnv(), ['DATABASE_URL'], 'apikey');
  const prisma = createPrisma(env.DATABASE_URL);
  try {
    const { key, id } = await createApiKey(prisma, input).catch((error: unknown) => {
      throw new StartupError(`Could not create the API key: ${lastLine(error)}`);
    });
    console.log(`Created API key ${id} for "${input.name}" (${input.role}, ${input.scope.length ? `kecamatan ${input.scope.join(', ')}` : 'whole district'}).`);
    console.log('Store it now; it is not shown again:');
    console.log(key);
  } finally {
    await prisma.$disconnect();
  }
});

function parseInput(argv: string[]): { name: string; role: StaffRole; scope: string[] } {
  let values: { name?: string | undefined; role?: string | undefined; scope?: string | undefined };
  try {
    ({ values } = parseArgs({ args: argv, options: { name: { type: 'string' }, role: { type: 'string' }, scope: { type: 'string' } }, strict: true }));
  } catch (error) {
    throw new ConfigError(`${(error as Error).message.split('\n')[0]} (${USAGE})`);
  }
  const name = values.name?.trim();
  if (!name) throw new ConfigError(`--name is required (${USAGE})`);
  const role = values.role?.trim().toUpperCase() ?? '';
  if (!isStaffRole(role)) throw new ConfigError(`--role must be one of ${STAFF_ROLES.join(', ')} (got ${JSON.stringify(values.role ?? '')})`);
  const scope = (values.scope ?? '').split(',').map((code) => code.trim()).filter(Boolean);
  const unknown = scope.filter((code) => !(KECAMATAN_CODES as readonly string[]).includes(code));
  if (unknown.length) throw new ConfigError(`--scope has unknown kecamatan codes: ${unknown.join(', ')} (Kutai Timur codes are 640801–640818)`);
  return { name, role, scope: [...new Set(scope)] };
}
