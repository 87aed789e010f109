import type { PrismaClient } from '../../generated/prisma/client.js';
import { isTaskType, type TaskPageInfo, taskPageInfo } from './task-links.js';

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
