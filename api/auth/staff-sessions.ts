import { createHash, randomBytes } from 'node:crypto';
import { isStaffRole, type Principal } from '../../domain/access.js';
import type { PrismaClient } from '../../generated/prisma/client.js';

export const SESSION_COOKIE = 'ats_sesi';

export interface SessionPolicy {
  idleMs: number;
  maxAgeMs: number;
}

/** A signed-in browser as the request sees it: who, and the token its forms must send back. */
export interface StaffSessionContext {
  sessionId: string;
  csrfToken: string;
  principal: Principal;
}

/** Writing lastSeenAt on every page view would turn each read into a write; once a minute keeps idle expiry honest. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Starts a session; the token goes into the cookie and nowhere else (only its hash is stored). */
export async function openSession(prisma: PrismaClient, userId: string, policy: SessionPolicy, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + policy.maxAgeMs);
  await prisma.staffSession.create({
    data: { tokenHash: hashToken(token), userId, csrfToken: randomBytes(24).toString('base64url'), createdAt: now, lastSeenAt: now, expiresAt },
  });
  return { token, expiresAt };
}

/** The live session behind a cookie, or undefined when it is unknown, revoked, expired, idle too long, or its user is disabled. */
export async function resumeSession(prisma: PrismaClient, token: string | undefined, policy: SessionPolicy, now = new Date()): Promise<StaffSessionContext | undefined> {
  if (!token || token.length > 100) return undefined;
  const session = await prisma.staffSession.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!session || session.revokedAt || session.expiresAt <= now) return undefined;
  if (now.getTime() - session.lastSeenAt.getTime() > policy.idleMs) return undefined;
  const { user } = session;
  if (user.disabledAt || !isStaffRole(user.role)) return undefined;
  if (now.getTime() - session.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await prisma.staffSession.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return {
    sessionId: session.id,
    csrfToken: session.csrfToken,
    principal: { kind: 'USER', id: user.id, name: user.name, role: user.role, scope: user.scope },
  };
}

export async function closeSession(prisma: PrismaClient, sessionId: string, now = new Date()): Promise<void> {
  await prisma.staffSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}

/** Signs a user out everywhere: after a password reset, a role change or disabling the account. */
export async function closeAllSessionsOf(prisma: PrismaClient, userId: string, now = new Date()): Promise<void> {
  await prisma.staffSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
}
