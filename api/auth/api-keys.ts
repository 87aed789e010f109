import { createHash, randomBytes, randomInt } from 'node:crypto';
import { isStaffRole, type Principal, type StaffRole } from '../../domain/access.js';
import type { PrismaClient } from '../../generated/prisma/client.js';

/** `ats_<prefix>_<secret>`: the prefix lets an operator recognise a key without the secret. */
const KEY_FORMAT = /^ats_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;
const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** Writing lastUsedAt on every call would turn each read into a write; once every few minutes is enough. */
const LAST_USED_RESOLUTION_MS = 5 * 60_000;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function newKey(): { key: string; prefix: string } {
  const prefix = Array.from({ length: 8 }, () => PREFIX_ALPHABET[randomInt(PREFIX_ALPHABET.length)]).join('');
  return { key: `ats_${prefix}_${randomBytes(32).toString('base64url')}`, prefix };
}

/** Creates a key and returns it in full: this is the only time anyone sees it, only its hash is stored. */
export async function createApiKey(
  prisma: PrismaClient,
  input: { name: string; role: StaffRole; scope: string[] },
): Promise<{ key: string; id: string; prefix: string }> {
  const { key, prefix } = newKey();
  const row = await prisma.apiKey.create({
    data: { name: input.name, role: input.role, scope: input.scope, prefix, keyHash: hashApiKey(key) },
    select: { id: true },
  });
  return { key, id: row.id, prefix };
}

/** The principal behind a key, or undefined when the key is malformed, unknown or revoked. */
export async function findActiveApiKey(prisma: PrismaClient, presented: string | undefined): Promise<(Principal & { lastUsedAt: Date | null }) | undefined> {
  const match = presented === undefined ? null : KEY_FORMAT.exec(presented);
  if (!match) return undefined;
  const row = await prisma.apiKey.findUnique({ where: { keyHash: hashApiKey(match[0]) } });
  if (!row || row.revokedAt !== null || row.prefix !== match[1] || !isStaffRole(row.role)) return undefined;
  return { kind: 'API_KEY', id: row.id, name: row.name, role: row.role, scope: row.scope, lastUsedAt: row.lastUsedAt };
}

/** As `findActiveApiKey`, for a request: also records that the key was used. */
export async function verifyApiKey(prisma: PrismaClient, presented: string | undefined): Promise<Principal | undefined> {
  const found = await findActiveApiKey(prisma, presented);
  if (!found) return undefined;
  const { lastUsedAt, ...principal } = found;
  const now = new Date();
  if (!lastUsedAt || now.getTime() - lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.apiKey.update({ where: { id: principal.id }, data: { lastUsedAt: now } });
  }
  return principal;
}
