import type { NewApiKey } from '../../domain/staff.js';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { createApiKey } from '../auth/api-keys.js';
import { notFound } from '../../use-cases/errors.js';

type ApiKeyRow = Prisma.ApiKeyGetPayload<object>;

export function viewOfApiKey(row: ApiKeyRow) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    scope: row.scope,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export async function listApiKeys(prisma: PrismaClient) {
  const rows = await prisma.apiKey.findMany({ orderBy: [{ revokedAt: { sort: 'asc', nulls: 'first' } }, { createdAt: 'desc' }] });
  return rows.map(viewOfApiKey);
}

/** The new key in full, this once; afterwards only its prefix is ever shown. */
export async function issueApiKey(prisma: PrismaClient, input: NewApiKey) {
  const { key, id } = await createApiKey(prisma, input);
  const row = await prisma.apiKey.findUniqueOrThrow({ where: { id } });
  return { ...viewOfApiKey(row), key };
}

/** Revoking is final and takes effect on the key's next request; revoking twice keeps the first date. */
export async function revokeApiKey(prisma: PrismaClient, id: string) {
  const row = await prisma.apiKey.findUnique({ where: { id } });
  if (!row) throw notFound();
  const revoked = row.revokedAt ? row : await prisma.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
  return viewOfApiKey(revoked);
}
