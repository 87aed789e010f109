/**
 * `npm run user:create -- --email rina@kutaitimurkab.go.id --name "Rina Wulandari" --role SUPERVISOR [--scope 640804,640812]`
 * creates a staff user who signs in to the web pages, with a generated password printed once.
 * The first admin is made this way; later users are usually created by an admin through the API.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createStaffUser } from '../api/admin/staff-users.js';
import { ApiError } from '../use-cases/errors.js';
import { ConfigError, parseEnv } from '../config/env.js';
import { requireSettings, runMain } from '../config/require.js';
import { STAFF_ROLES } from '../domain/access.js';
import { newStaffUserSchema } from '../domain/staff.js';
import { createPrisma } from '../infra/db.js';

const USAGE = `usage: npm run user:create -- --email <email> --name "<full name>" --role ${STAFF_ROLES.join('|')} [--scope <kecamatan code>,…]`;

await runMain(async () => {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({ args: process.argv.slice(2), options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, scope: { type: 'string' } }, strict: true }));
  } catch (error) {
    throw new ConfigError(`${(error as Error).message.split('\n')[0]} (${USAGE})`);
  }
  const password = randomBytes(12).toString('base64url');
  const parsed = newStaffUserSchema.safeParse({
    email: values.email ?? '',
    name: values.name ?? '',
    role: (values.role ?? '').trim().toUpperCase(),
    scope: (values.scope ?? '').split(',').map((code) => code.trim()).filter(Boolean),
    password,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`--${String(issue.path[0] ?? 'input')}: ${issue.message} (${USAGE})`);
  }
  const env = requireSettings(parseEnv(), ['DATABASE_URL'], 'user');
  const prisma = createPrisma(env.DATABASE_URL);
  try {
    const user = await createStaffUser(prisma, parsed.data).catch((error: unknown) => {
      if (error instanceof ApiError) throw new ConfigError(error.fields?.[0]?.message ?? error.message);
      throw error;
    });
    console.log(`Created ${user.role} ${user.email} (${user.scope.length ? `kecamatan ${user.scope.join(', ')}` : 'whole district'}).`);
    console.log('Password (shown once; ask the user to keep it safe):');
    console.log(password);
  } finally {
    await prisma.$disconnect();
  }
});
