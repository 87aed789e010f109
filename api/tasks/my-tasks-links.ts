import type { Officer, PrismaClient } from '../../generated/prisma/client.js';
import { hashTaskToken } from '../../infra/task-tokens.js';
import { isTaskType, type TaskPageInfo, taskPageInfo, TOKEN_FORMAT } from './task-links.js';

export type MyTasksLinkState = { kind: 'UNKNOWN' } | { kind: 'EXPIRED' } | { kind: 'OPEN'; officer: Officer };

/** Records how recently a link was used at most this often, so that reading a list is not a write each time. */
const LAST_USED_RESOLUTION_MS = 5 * 60_000;

/** An officer's "my tasks" link: valid until it expires or is revoked, and only while the officer is active. */
export async function resolveMyTasksLink(prisma: PrismaClient, token: string, now = new Date()): Promise<MyTasksLinkState> {
  if (!TOKEN_FORMAT.test(token)) return { kind: 'UNKNOWN' };
  const row = await prisma.officerLink.findUnique({ where: { tokenHash: hashTaskToken(token) }, include: { officer: true } });
  if (!row || row.purpose !== 'MY_TASKS' || row.revokedAt !== null || !row.officer.active) return { kind: 'UNKNOWN' };
  if (row.expiresAt <= now) return { kind: 'EXPIRED' };
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.officerLink.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { kind: 'OPEN', officer: row.officer };
}

export interface MyTask {
  /** The task row's id: it names the task in the list's links, and is no secret. */
  ref: string;
  info: TaskPageInfo;
}

/** The officer's open tasks, soonest due first. */
export async function openTasksOf(prisma: PrismaClient, officerId: string): Promise<MyTask[]> {
  const tasks = await prisma.task.findMany({
    where: { assigneeId: officerId, status: 'OPEN' },
    include: { case: { include: { child: true } } },
    orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
  });
  return tasks.flatMap((task) => (isTaskType(task.type) ? [{ ref: task.id, info: taskPageInfo(task.type, task) }] : []));
}
