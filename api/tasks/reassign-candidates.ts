import { eligibleAssignees } from '../../activities/officer-directory.js';
import type { TaskType } from '../../domain/tasks.js';
import type { Officer, PrismaClient } from '../../generated/prisma/client.js';
import { declineThatLedTo } from './reassign-links.js';

export interface TaskInHand {
  caseId: string;
  taskId: string;
  type: TaskType;
  kecamatan: string;
  assigneeId: string;
}

/**
 * Whom a task may be handed to, as the supervisor's reassignment page offers them: the eligible
 * officers (see eligibleAssignees) except the one who holds it now and the one who just declined it.
 */
export async function reassignmentCandidates(prisma: PrismaClient, task: TaskInHand): Promise<Officer[]> {
  const [eligible, declined] = await Promise.all([
    eligibleAssignees(prisma, task.type, task.kecamatan),
    declineThatLedTo(prisma, { caseId: task.caseId, taskId: task.taskId, assignee: { id: task.assigneeId } }),
  ]);
  const excluded = new Set([task.assigneeId, declined?.officer.id]);
  return eligible.filter((officer) => !excluded.has(officer.id));
}
