import type { PrismaClient } from '../../generated/prisma/client.js';
import { hashTaskToken } from '../../infra/task-tokens.js';
import { isTaskType, type TaskPageInfo, taskPageInfo, TOKEN_FORMAT } from './task-links.js';
import type { TaskToReassign } from './reassign-service.js';

/** A supervisor's link to reassign one task (a task token with purpose REASSIGN), as the page needs it. */
export interface OpenReassignLink {
  tokenRowId: string;
  tokenHash: string;
  task: TaskToReassign;
  supervisor: { id: string; name: string };
  assignee: { id: string; name: string };
  /** The officer who passed the task back, when that is how it reached its holder: not someone to hand it to again. */
  declined?: Decline;
  info: TaskPageInfo;
}

export interface Decline {
  officer: { id: string; name: string };
  reason: string;
}

/** Why a reassignment link opens no form: the task is done or cancelled, or this link was already used. */
export type ReassignClosedReason = 'COMPLETED' | 'CANCELLED' | 'USED';

export type ReassignLinkState =
  | { kind: 'UNKNOWN' }
  | { kind: 'CLOSED'; reason: ReassignClosedReason; info: TaskPageInfo; assigneeName: string }
  | { kind: 'OPEN'; link: OpenReassignLink };

/** An officer no longer active loses their links with their place in the directory. */
export async function resolveReassignLink(prisma: PrismaClient, token: string): Promise<ReassignLinkState> {
  if (!TOKEN_FORMAT.test(token)) return { kind: 'UNKNOWN' };
  const tokenHash = hashTaskToken(token);
  const row = await prisma.taskToken.findUnique({
    where: { tokenHash },
    include: { officer: true, task: { include: { assignee: true, case: { include: { child: true } } } } },
  });
  if (!row || row.purpose !== 'REASSIGN' || !row.officer.active || !isTaskType(row.task.type)) return { kind: 'UNKNOWN' };
  const { task } = row;
  const info = taskPageInfo(row.task.type, task);
  const closed: ReassignClosedReason | undefined =
    task.status === 'COMPLETED' ? 'COMPLETED' : task.status === 'CANCELLED' ? 'CANCELLED' : row.usedAt || row.revokedAt ? 'USED' : undefined;
  if (closed) return { kind: 'CLOSED', reason: closed, info, assigneeName: task.assignee.name };
  const declined = await declineThatLedTo(prisma, task);
  return {
    kind: 'OPEN',
    link: {
      tokenRowId: row.id,
      tokenHash,
      task: { caseId: task.caseId, taskId: task.taskId, type: row.task.type, kecamatan: task.kecamatan },
      supervisor: { id: row.officer.id, name: row.officer.name },
      assignee: { id: task.assignee.id, name: task.assignee.name },
      ...(declined ? { declined } : {}),
      info,
    },
  };
}

/** The decline, in the case history, that put the task with its holder; none when the task moved on since. */
export async function declineThatLedTo(
  prisma: PrismaClient,
  task: { caseId: string; taskId: string; assignee: { id: string } },
): Promise<Decline | undefined> {
  const latestMove = await prisma.caseEvent.findFirst({
    where: { caseId: task.caseId, type: { in: ['TASK_DECLINED', 'TASK_REASSIGNED'] }, data: { path: ['taskId'], equals: task.taskId } },
    orderBy: { sequence: 'desc' },
  });
  if (latestMove?.type !== 'TASK_DECLINED') return undefined;
  const data = latestMove.data as { fromOfficerId?: unknown; toOfficerId?: unknown; reason?: unknown };
  if (data.toOfficerId !== task.assignee.id || typeof data.fromOfficerId !== 'string') return undefined;
  const officer = await prisma.officer.findUnique({ where: { id: data.fromOfficerId } });
  if (!officer) return undefined;
  return { officer: { id: officer.id, name: officer.name }, reason: typeof data.reason === 'string' ? data.reason : '' };
}

/** A reassignment link works once: reopening it shows what was done. */
export async function markReassignLinkUsed(prisma: PrismaClient, tokenRowId: string): Promise<void> {
  await prisma.taskToken.updateMany({ where: { id: tokenRowId, usedAt: null }, data: { usedAt: new Date() } });
}
