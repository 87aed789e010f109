import type { OfficerRef } from '../domain/case.js';
import { scheduleTask } from '../domain/deadline-policy.js';
import type { Officer, Prisma } from '../generated/prisma/client.js';
import type { CaseActivities, LadderStep } from './contract.js';
import type { ActivityDeps } from './deps.js';
import { findAssignee, findEscalationRecipient } from './officer-directory.js';

export function taskActivities({ prisma, settings }: ActivityDeps): Pick<CaseActivities, 'openTask' | 'closeTask'> {
  return {
    /**
     * Records the task with its assignee and returns the schedule the workflow waits on. A retry
     * finds the row the first attempt wrote and answers from it, so the assignee never changes.
     */
    async openTask(input) {
      const area = { kecamatan: input.kecamatan, desa: input.desa };
      const where = { caseId_taskId: { caseId: input.caseId, taskId: input.taskId } };
      const include = { assignee: true } as const;
      const schedule = scheduleTask(settings.deadlinePolicy, input.type, input.kecamatan, input.openedAt);
      const escalationLadder = async (assigneeId: string): Promise<LadderStep[]> => {
        const steps: LadderStep[] = [];
        for (const step of schedule.escalations) {
          const { to, officer } = await findEscalationRecipient(prisma, input.type, step.to, area, assigneeId);
          steps.push({ kind: 'ESCALATION', at: step.at, level: step.level, to, recipient: officerRef(officer) });
        }
        return steps;
      };

      let task = await prisma.task.findUnique({ where, include });
      if (!task) {
        const assigneeId = (await findAssignee(prisma, input.type, area)).id;
        // A task nobody could escalate fails before its row exists, so nothing half-opened stays behind.
        await escalationLadder(assigneeId);
        // ON CONFLICT DO NOTHING: of two attempts racing, the first row wins and both read it back.
        await prisma.task.createMany({
          data: {
            caseId: input.caseId,
            taskId: input.taskId,
            type: input.type,
            status: 'OPEN',
            assigneeId,
            kecamatan: input.kecamatan,
            openedAt: new Date(input.openedAt),
            dueAt: new Date(schedule.dueAt),
            context: (input.context ?? {}) as Prisma.InputJsonValue,
          },
          skipDuplicates: true,
        });
        task = await prisma.task.findUniqueOrThrow({ where, include });
      }

      const assignee = officerRef(task.assignee);
      const reminders: LadderStep[] = schedule.reminders.map((at) => ({ kind: 'REMINDER', at, level: 0, to: 'ASSIGNEE', recipient: assignee }));
      const escalations = await escalationLadder(task.assigneeId);
      return { assignee, dueAt: task.dueAt.getTime(), ladder: [...reminders, ...escalations].sort((a, b) => a.at - b.at) };
    },

    /** Closes the task and kills its links; closing it again changes nothing. */
    async closeTask(input) {
      const closedAt = new Date(input.closedAt);
      await prisma.$transaction(async (tx) => {
        const task = await tx.task.findUnique({ where: { caseId_taskId: { caseId: input.caseId, taskId: input.taskId } } });
        // A task whose opening failed (no officer available) has no row: there is nothing to close.
        if (!task) return;
        if (task.status === 'OPEN') {
          await tx.task.update({
            where: { id: task.id },
            data: {
              status: input.status,
              ...(input.result === undefined ? {} : { result: input.result as Prisma.InputJsonValue }),
              closedAt,
              closedBy: `${input.closedBy.kind}:${input.closedBy.id}`,
            },
          });
        }
        await tx.taskToken.updateMany({ where: { taskRowId: task.id, revokedAt: null }, data: { revokedAt: closedAt } });
      });
    },
  };
}

function officerRef(officer: Officer): OfficerRef {
  return { officerId: officer.id, name: officer.name };
}
