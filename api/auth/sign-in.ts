import type { PrismaClient } from '../../generated/prisma/client.js';
import { UNUSABLE_PASSWORD_HASH, verifyPassword } from '../../infra/passwords.js';
import { openSession, type SessionPolicy } from './staff-sessions.js';

export interface SignInPolicy extends SessionPolicy {
  maxFailures: number;
  lockoutMs: number;
}

export type SignInOutcome =
  | { ok: true; token: string; expiresAt: Date; userId: string }
  | { ok: false; reason: 'INVALID' }
  | { ok: false; reason: 'LOCKED'; lockedUntil: Date };

/**
 * Checks a password and opens a session. Unknown email, disabled account and wrong password look
 * the same from outside and take as long; a run of wrong passwords locks the account for a while,
 * so guessing is slow even from many addresses.
 */
export async function signIn(prisma: PrismaClient, policy: SignInPolicy, email: string, password: string, now = new Date()): Promise<SignInOutcome> {
  const user = await prisma.staffUser.findUnique({ where: { email: normaliseEmail(email) } });
  if (!user || user.disabledAt) {
    await verifyPassword(password, UNUSABLE_PASSWORD_HASH);
    return { ok: false, reason: 'INVALID' };
  }
  if (user.lockedUntil && user.lockedUntil > now) return { ok: false, reason: 'LOCKED', lockedUntil: user.lockedUntil };

  if (!(await verifyPassword(password, user.passwordHash))) {
    // Counted in the database, so guesses sent in parallel cannot slip past the limit.
    const { failedSignIns } = await prisma.staffUser.update({ where: { id: user.id }, data: { failedSignIns: { increment: 1 } } });
    if (failedSignIns < policy.maxFailures) return { ok: false, reason: 'INVALID' };
    const lockedUntil = new Date(now.getTime() + policy.lockoutMs);
    await prisma.staffUser.update({ where: { id: user.id }, data: { failedSignIns: 0, lockedUntil } });
    return { ok: false, reason: 'LOCKED', lockedUntil };
  }

  await prisma.staffUser.update({ where: { id: user.id }, data: { failedSignIns: 0, lockedUntil: null, lastSignInAt: now } });
  const session = await openSession(prisma, user.id, policy, now);
  return { ok: true, ...session, userId: user.id };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
