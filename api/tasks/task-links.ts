import { kecamatanName } from '../../domain/kecamatan.js';
import { TASK_OWNERS, TASK_TITLES, TASK_TYPES, type TaskType } from '../../domain/tasks.js';
import { z } from '../../domain/validation.js';
import { firstName } from '../../emails/format.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { hashTaskToken } from '../../infra/task-tokens.js';

/** What a task page may show: the child's first name and village, never a NIK or a full name in the header. */
export interface TaskPageInfo {
  title: string;
  childFirstName: string;
  desa: string;
  kecamatanName: string;
  dueAt: Date;
}

export interface Contact {
  name: string;
  email: string;
  kecamatanName: string;
}

/** Why a link no longer opens a form. */
export type ClosedReason = 'SUBMITTED' | 'COMPLETED' | 'CANCELLED' | 'REASSIGNED' | 'DECLINED';

export interface OpenTaskLink {
  tokenRowId: string;
  tokenHash: string;
  caseId: string;
  taskId: string;
  officerId: string;
  type: TaskType;
  kecamatan: string;
  context: unknown;
  info: TaskPageInfo;
  /** The child's identity as the case holds it, for forms that correct it. */
  child?: { fullName: string; birthDate: string; sex: string; noKk?: string };
}

export type TaskLinkState =
  | { kind: 'UNKNOWN' }
  | { kind: 'CLOSED'; reason: ClosedReason; info: TaskPageInfo; contact?: Contact }
  | { kind: 'OPEN'; link: OpenTaskLink };

/** Tokens are 32 random bytes in base64url; anything else cannot be one and is not looked up. */
export const TOKEN_FORMAT = /^[A-Za-z0-9_-]{20,128}$/;

/**
 * The token in an officer's link as its route takes it: any text at all. One that cannot be a token
 * (cut short or run on by a mail client, or made up) is an unknown link, whose page tells the officer
 * what to do; a bad-request page would not.
 */
export const linkTokenSchema = z.string();

export async function resolveTaskLink(prisma: PrismaClient, token: string): Promise<TaskLinkState> {
  if (!TOKEN_FORMAT.test(token)) return { kind: 'UNKNOWN' };
  const tokenHash = hashTaskToken(token);
  const row = await prisma.taskToken.findUnique({
    where: { tokenHash },
    include: { task: { include: { case: { include: { child: true } } } } },
  });
  // A supervisor's reassignment link is not a task link: it opens no form here.
  if (!row || row.purpose !== 'TASK' || !isTaskType(row.task.type)) return { kind: 'UNKNOWN' };
  const { task } = row;
  const child = task.case.child;
  const info = taskPageInfo(row.task.type, task);
  const reason = closedReason(row.usedAt, row.revokedAt, row.revokedReason, task.status);
  if (reason) {
    const contact = await supervisorContact(prisma, row.task.type, task.kecamatan);
    return { kind: 'CLOSED', reason, info, ...(contact ? { contact } : {}) };
  }
  return {
    kind: 'OPEN',
    link: {
      tokenRowId: row.id,
      tokenHash,
      caseId: task.caseId,
      taskId: task.taskId,
      officerId: row.officerId,
      type: row.task.type,
      kecamatan: task.kecamatan,
      context: task.context,
      info,
      ...(child
        ? { child: { fullName: child.fullName, birthDate: child.birthDate, sex: child.sex, ...(child.noKk ? { noKk: child.noKk } : {}) } }
        : {}),
    },
  };
}

function closedReason(usedAt: Date | null, revokedAt: Date | null, revokedReason: string | null, taskStatus: string): ClosedReason | undefined {
  if (usedAt) return 'SUBMITTED';
  if (taskStatus === 'COMPLETED') return 'COMPLETED';
  if (taskStatus === 'CANCELLED') return 'CANCELLED';
  if (revokedAt) return revokedReason === 'DECLINED' ? 'DECLINED' : 'REASSIGNED';
  return undefined;
}

/** The header facts of a task's pages, from its row with its case and child. */
export function taskPageInfo(
  type: TaskType,
  task: { kecamatan: string; dueAt: Date; case: { desa: string; child: { fullName: string; desa: string } | null } },
): TaskPageInfo {
  const child = task.case.child;
  return {
    title: TASK_TITLES[type],
    childFirstName: child ? firstName(child.fullName) : 'anak',
    desa: child?.desa ?? task.case.desa,
    kecamatanName: kecamatanName(task.kecamatan),
    dueAt: task.dueAt,
  };
}

/** Whom an officer asks about a task that is no longer theirs: the agency's supervisor for the kecamatan, else district-wide. */
export async function supervisorContact(prisma: PrismaClient, type: TaskType, kecamatan: string): Promise<Contact | undefined> {
  const supervisor = await prisma.officer.findFirst({
    where: { agency: TASK_OWNERS[type].agency, role: 'SUPERVISOR', active: true, OR: [{ kecamatan }, { kecamatan: null }] },
    orderBy: [{ kecamatan: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }],
  });
  return supervisor ? { name: supervisor.name, email: supervisor.email, kecamatanName: kecamatanName(kecamatan) } : undefined;
}

/** Records that the link was used, so reopening it shows that the report is in. */
export async function markTaskLinkUsed(prisma: PrismaClient, tokenRowId: string): Promise<void> {
  await prisma.taskToken.updateMany({ where: { id: tokenRowId, usedAt: null }, data: { usedAt: new Date() } });
}

export function isTaskType(value: string): value is TaskType {
  return (TASK_TYPES as readonly string[]).includes(value);
}
