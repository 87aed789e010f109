import { STAFF_ROLES, type StaffRole } from '../domain/access.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { hashPassword, verifyPassword } from './passwords.js';

/** One development account per role, so every page can be tried on a fresh `npm start`. */
const DEVELOPMENT_ACCOUNTS: Record<StaffRole, { email: string; name: string }> = {
  COORDINATOR: { email: 'koordinator@ats.test', name: 'Koordinator (pengembangan)' },
  SUPERVISOR: { email: 'penyelia@ats.test', name: 'Penyelia Sangatta Utara (pengembangan)' },
  AUDITOR: { email: 'auditor@ats.test', name: 'Auditor (pengembangan)' },
  ADMIN: { email: 'admin@ats.test', name: 'Admin (pengembangan)' },
};

/** The development supervisor covers one kecamatan, so area limits can be seen at work. */
const SUPERVISOR_SCOPE = ['640804'];

/**
 * Creates the development accounts once, all with the password kept in DATA_DIR; an account an
 * operator has changed since (other password, disabled) is left as it is.
 */
export async function developmentStaffUsers(prisma: PrismaClient, password: string): Promise<{ emails: string[]; password: string }> {
  for (const role of STAFF_ROLES) {
    const { email, name } = DEVELOPMENT_ACCOUNTS[role];
    const existing = await prisma.staffUser.findUnique({ where: { email } });
    if (existing) continue;
    await prisma.staffUser.create({
      data: { email, name, role, scope: role === 'SUPERVISOR' ? SUPERVISOR_SCOPE : [], passwordHash: await hashPassword(password) },
    });
  }
  const usable = [];
  for (const role of STAFF_ROLES) {
    const user = await prisma.staffUser.findUnique({ where: { email: DEVELOPMENT_ACCOUNTS[role].email } });
    if (user && !user.disabledAt && (await verifyPassword(password, user.passwordHash))) usable.push(user.email);
  }
  return { emails: usable, password };
}
