import type { Officer, PrismaClient } from '../../generated/prisma/client.js';
import { hashTaskToken } from '../../infra/task-tokens.js';
import { TOKEN_FORMAT } from './task-links.js';

/** What an officer link (not bound to a task) opens: MY_TASKS, the list of open tasks; OUTREACH, the open preventive visits. */
export type OfficerLinkPurpose = 'MY_TASKS' | 'OUTREACH';

export type OfficerLinkState = { kind: 'UNKNOWN' } | { kind: 'EXPIRED' } | { kind: 'OPEN'; officer: Officer; tokenHash: string };

/** Records how recently a link was used at most this often, so that reading a list is not a write each time. */
const LAST_USED_RESOLUTION_MS = 5 * 60_000;

/**
 * An officer's personal link: valid for its one purpose until it expires or is revoked, and only while
 * the officer is active. A link of another purpose is unknown here, as a wrong token is.
 */
export async function resolveOfficerLink(prisma: PrismaClient, token: string, purpose: OfficerLinkPurpose, now = new Date()): Promise<OfficerLinkState> {
  if (!TOKEN_FORMAT.test(token)) return { kind: 'UNKNOWN' };
  const tokenHash = hashTaskToken(token);
  const row = await prisma.officerLink.findUnique({ where: { tokenHash }, include: { officer: true } });
  if (!row || row.purpose !== purpose || row.revokedAt !== null || !row.officer.active) return { kind: 'UNKNOWN' };
  if (row.expiresAt <= now) return { kind: 'EXPIRED' };
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.officerLink.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { kind: 'OPEN', officer: row.officer, tokenHash };
}
