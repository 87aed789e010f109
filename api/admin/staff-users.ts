import type { NewStaffUser, StaffUserChanges } from '../../domain/staff.js';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import { hashPassword } from '../../infra/passwords.js';
import { closeAllSessionsOf } from '../auth/staff-sessions.js';
import { ApiError, notFound, validationFailed } from '../../use-cases/errors.js';

/** A staff user as the admin sees them: never the password hash. */
export interface StaffUserView {
  id: string;
  email: string;
  name: string;
  role: string;
  scope: string[];
  locked: boolean;
  disabled: boolean;
  lastSignInAt: string | null;
  createdAt: string;
}

type StaffUserRow = Prisma.StaffUserGetPayload<object>;

export function viewOfStaffUser(row: StaffUserRow, now = new Date()): StaffUserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    scope: row.scope,
    locked: row.lockedUntil !== null && row.lockedUntil > now,
    disabled: row.disabledAt !== null,
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function createStaffUser(prisma: PrismaClient, input: NewStaffUser): Promise<StaffUserView> {
  try {
    const row = await prisma.staffUser.create({
      data: { email: input.email, name: input.name, role: input.role, scope: input.scope, passwordHash: await hashPassword(input.password) },
    });
    return viewOfStaffUser(row);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw validationFailed([{ field: 'email', message: 'Email ini sudah dipakai pengguna lain.' }]);
    }
    throw error;
  }
}

export async function listStaffUsers(prisma: PrismaClient): Promise<StaffUserView[]> {
  const rows = await prisma.staffUser.findMany({ orderBy: [{ disabledAt: { sort: 'asc', nulls: 'first' } }, { name: 'asc' }] });
  return rows.map((row) => viewOfStaffUser(row));
}

/**
 * Changes a user. Whatever changes what they may do (role, area, password, disabling) also signs
 * them out everywhere, so an old session never keeps rights the admin took away.
 */
export async function changeStaffUser(prisma: PrismaClient, id: string, changes: StaffUserChanges, by: { id: string }): Promise<StaffUserView> {
  const existing = await prisma.staffUser.findUnique({ where: { id } });
  if (!existing) throw notFound();
  if (id === by.id && (changes.disabled === true || (changes.role !== undefined && changes.role !== 'ADMIN'))) {
    throw new ApiError(409, 'CONFLICT', 'Anda tidak dapat menonaktifkan atau menurunkan peran akun Anda sendiri.');
  }
  const data: Prisma.StaffUserUpdateInput = {
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.role !== undefined ? { role: changes.role } : {}),
    ...(changes.scope !== undefined ? { scope: changes.scope } : {}),
    ...(changes.password !== undefined ? { passwordHash: await hashPassword(changes.password), failedSignIns: 0, lockedUntil: null } : {}),
    ...(changes.disabled !== undefined ? { disabledAt: changes.disabled ? (existing.disabledAt ?? new Date()) : null } : {}),
    ...(changes.unlock ? { failedSignIns: 0, lockedUntil: null } : {}),
  };
  const row = await prisma.staffUser.update({ where: { id }, data });
  const rightsChanged = changes.role !== undefined || changes.scope !== undefined || changes.password !== undefined || changes.disabled === true;
  if (rightsChanged) await closeAllSessionsOf(prisma, id);
  return viewOfStaffUser(row);
}
