import { randomBytes } from 'node:crypto';
import type { OfficerChanges, OfficerInput } from '../../domain/staff.js';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { notFound, validationFailed } from '../../use-cases/errors.js';

export interface OfficerView {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  agency: string;
  role: string;
  kecamatan: string | null;
  desa: string | null;
  language: string;
  active: boolean;
  openTasks: number;
}

type OfficerRow = Prisma.OfficerGetPayload<{ include: { _count: { select: { tasks: { where: { status: 'OPEN' } } } } } }>;

const withOpenTasks = { _count: { select: { tasks: { where: { status: 'OPEN' } } } } } as const;

function viewOf(row: OfficerRow): OfficerView {
  const { _count, createdAt: _createdAt, ...officer } = row;
  return { ...officer, openTasks: _count.tasks };
}

export async function listOfficers(prisma: PrismaClient): Promise<OfficerView[]> {
  const rows = await prisma.officer.findMany({ include: withOpenTasks, orderBy: [{ active: 'desc' }, { agency: 'asc' }, { kecamatan: 'asc' }, { name: 'asc' }] });
  return rows.map(viewOf);
}

export async function createOfficer(prisma: PrismaClient, input: OfficerInput): Promise<OfficerView> {
  const id = `${input.agency.toLowerCase()}-${randomBytes(6).toString('hex')}`;
  const row = await prisma.officer.create({ data: { id, ...input, phone: input.phone ?? null }, include: withOpenTasks });
  return viewOf(row);
}

/**
 * Changes an officer's details. Deactivating one keeps their open tasks where they are: those
 * stay visible as theirs until a supervisor reassigns them, so no task silently loses its owner.
 */
export async function changeOfficer(prisma: PrismaClient, id: string, changes: OfficerChanges): Promise<OfficerView> {
  const existing = await prisma.officer.findUnique({ where: { id } });
  if (!existing) throw notFound();
  const kecamatan = changes.kecamatan === undefined ? existing.kecamatan : changes.kecamatan;
  const desa = changes.desa === undefined ? (changes.kecamatan !== undefined ? null : existing.desa) : changes.desa;
  if (desa && !kecamatan) throw validationFailed([{ field: 'desa', message: 'Desa hanya dapat diisi bersama kecamatannya.' }]);
  const row = await prisma.officer.update({ where: { id }, data: { ...changes, kecamatan, desa }, include: withOpenTasks });
  return viewOf(row);
}
