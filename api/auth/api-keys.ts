import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { PrismaClient } from '../../generated/prisma/client.js';

export const API_KEY_ROLES = ['COORDINATOR', 'SUPERVISOR', 'AUDITOR', 'ADMIN'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** Who is calling: enough to authorise and to name the actor in the case history. */
export interface ApiKeyPrincipal {
  id: string;
  name: string;
  role: ApiKeyRole;
  /** Kecamatan codes the key may act on; empty means the whole district. */
  scope: string[];
}

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
  input: { name: string; role: ApiKeyRole; scope: string[] },
): Promise<{ key: string; id: string }> {
  const { key, prefix } = newKey();
  const row = await prisma.apiKey.create({
    data: { name: input.name, role: input.role, scope: input.scope, prefix, keyHash: hashApiKey(key) },
    select: { id: true },
  });
  return { key, id: row.id };
}

/** The principal behind a key, or undefined when the key is malformed, unknown or revoked. */
export async function findActiveApiKey(prisma: PrismaClient, presented: string | undefined): Promise<(ApiKeyPrincipal & { lastUsedAt: Date | null }) | undefined> {
  const match = presented === undefined ? null : KEY_FORMAT.exec(presented);
  if (!match) return undefined;
  const row = await prisma.apiKey.findUnique({ where: { keyHash: hashApiKey(match[0]) } });
  if (!row || row.revokedAt !== null || row.prefix !== match[1] || !isRole(row.role)) return undefined;
  return { id: row.id, name: row.name, role: row.role, scope: row.scope, lastUsedAt: row.lastUsedAt };
}

/** As `findActiveApiKey`, for a request: also records that the key was used. */
export async function verifyApiKey(prisma: PrismaClient, presented: string | undefined): Promise<ApiKeyPrincipal | undefined> {
  const found = await findActiveApiKey(prisma, presented);
  if (!found) return undefined;
  const { lastUsedAt, ...principal } = found;
  const now = new Date();
  if (!lastUsedAt || now.getTime() - lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.apiKey.update({ where: { id: principal.id }, data: { lastUsedAt: now } });
  }
  return principal;
}

export function isRole(value: string): value is ApiKeyRole {
  return (API_KEY_ROLES as readonly string[]).includes(value);
}

/** Whether a key may see or act on a case in this kecamatan. */
export function inScope(principal: Pick<ApiKeyPrincipal, 'scope'>, kecamatan: string): boolean {
  return principal.scope.length === 0 || principal.scope.includes(kecamatan);
}
