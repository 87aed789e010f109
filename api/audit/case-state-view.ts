import { caseStateAfter, type TaskAtPoint } from '../../domain/case-state.js';
import { stageLabel, taskTitle } from '../../domain/case-history.js';
import type { ChainedEvent } from '../../activities/event-chain.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { validationFailed } from '../../use-cases/errors.js';
import type { CaseStateBody } from './schemas.js';

/**
 * The case as it stood right after audit event `afterSequence` (the latest when absent), with the
 * officers' names and the neighbouring sequence numbers an auditor steps to.
 */
export async function caseStateView(prisma: PrismaClient, caseId: string, events: readonly ChainedEvent[], afterSequence?: number): Promise<CaseStateBody> {
  const recorded = events.map((event) => ({ ...event, data: (event.data ?? {}) as Record<string, unknown> }));
  const sequence = afterSequence ?? recorded.at(-1)?.sequence;
  const state = sequence === undefined ? undefined : caseStateAfter(recorded, sequence);
  if (!state) {
    throw validationFailed([
      { field: 'afterSequence', message: recorded.length === 0 ? 'Kasus ini belum memiliki peristiwa di log audit.' : `Kasus ini tidak memiliki peristiwa dengan nomor urut ${sequence}; nomor urutnya 1 sampai ${recorded.length}.` },
    ]);
  }
  const officerIds = [...new Set(state.tasks.map((task) => task.assigneeOfficerId))];
  const officers = await prisma.officer.findMany({ where: { id: { in: officerIds } }, select: { id: true, name: true } });
  const names = new Map(officers.map((officer) => [officer.id, officer.name]));
  const task = (t: TaskAtPoint) => {
    const { assigneeOfficerId, ...rest } = t;
    const name = names.get(assigneeOfficerId);
    return { ...rest, title: taskTitle(t.type), assignee: { officerId: assigneeOfficerId, ...(name ? { name } : {}) } };
  };
  const index = recorded.findIndex((event) => event.sequence === state.afterSequence);
  return {
    caseId,
    ...state,
    stageLabel: stageLabel(state.stage),
    previousSequence: index > 0 ? recorded[index - 1]!.sequence : null,
    nextSequence: index < recorded.length - 1 ? recorded[index + 1]!.sequence : null,
    tasks: state.tasks.map(task),
    openTasks: state.openTasks.map(task),
  };
}
