import { ApplicationFailure } from '@temporalio/common';
import type { OfficerRef } from '../domain/case.js';
import {
  scheduleForDueDate, scheduleFromRule, taskDeadlineSchema, taskRuleFor, type TaskDeadline, type TaskSchedule,
} from '../domain/deadline-policy.js';
import type { TaskType } from '../domain/tasks.js';
import type { Officer, Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { CaseActivities, LadderStep, OpenedTask } from './contract.js';
import type { ActivityDeps } from './deps.js';
import { findAssignee, findEscalationRecipient, type Area } from './officer-directory.js';

export function taskActivities({ prisma, settings }: ActivityDeps): Pick<CaseActivities, 'openTask' | 'moveTask' | 'closeTask'> {
  const policy = settings.deadlinePolicy;
  return {
    /**
     * Records the task with its assignee and the deadline rule it follows, and returns the schedule
     * the workflow waits on. A retry finds the row the first attempt wrote and answers from it, so
     * neither the assignee nor the deadlines change, whatever happened to the directory or the policy.
     */
    async openTask(input) {
      const area = { kecamatan: input.kecamatan, desa: input.desa };
      const where = { caseId_taskId: { caseId: input.caseId, taskId: input.taskId } };
      const include = { assignee: true } as const;

      let task = await prisma.task.findUnique({ where, include });
      if (!task) {
        const rule = taskRuleFor(policy, input.type, input.kecamatan);
        const schedule = scheduleFromRule(policy, rule, input.openedAt);
        const assigneeId = (await findAssignee(prisma, input.type, area)).id;
        // A task nobody could escalate fails before its row exists, so nothing half-opened stays behind.
        await escalationLadder(prisma, input.type, schedule, area, assigneeId);
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
            deadlineRule: rule as Prisma.InputJsonValue,
          },
          skipDuplicates: true,
        });
        task = await prisma.task.findUniqueOrThrow({ where, include });
      }
      const rule = recordedRule(task.deadlineRule) ?? taskRuleFor(policy, input.type, input.kecamatan);
      const schedule = scheduleForDueDate(policy, rule, task.dueAt.getTime(), task.openedAt.getTime());
      return ladderFor(prisma, input.type, schedule, area, task.assignee);
    },

    /**
     * Hands the task to another officer and kills the links of the one who had it. A reassigned task
     * is due afresh under the rule it opened with, counted from the move; a declined task keeps its due
     * date and goes to the supervisor above the decliner. A retry finds the move made and answers the same.
     */
    async moveTask(input) {
      const task = await prisma.task.findUnique({
        where: { caseId_taskId: { caseId: input.caseId, taskId: input.taskId } },
        include: { case: { select: { desa: true } } },
      });
      if (!task) throw ApplicationFailure.nonRetryable(`Task ${input.taskId} of case ${input.caseId} is not recorded`, 'TaskNotFound');
      const type = task.type as TaskType;
      const area = { kecamatan: task.kecamatan, desa: task.case.desa };
      const rule = recordedRule(task.deadlineRule) ?? taskRuleFor(policy, type, task.kecamatan);

      let assignee: Officer;
      let schedule: TaskSchedule;
      if (input.move === 'REASSIGN') {
        if (!input.toOfficerId) throw ApplicationFailure.nonRetryable('A reassignment names the officer who takes the task', 'InvalidMove');
        assignee = await prisma.officer.findUniqueOrThrow({ where: { id: input.toOfficerId } });
        schedule = scheduleFromRule(policy, rule, input.at);
      } else {
        const alreadyMoved = task.assigneeId !== input.fromOfficerId;
        assignee = alreadyMoved
          ? await prisma.officer.findUniqueOrThrow({ where: { id: task.assigneeId } })
          : (await findEscalationRecipient(prisma, type, 'SUPERVISOR', area, input.fromOfficerId)).officer;
        schedule = scheduleForDueDate(policy, rule, task.dueAt.getTime(), input.at);
      }
      const moved = await ladderFor(prisma, type, schedule, area, assignee);

      const at = new Date(input.at);
      await prisma.$transaction(async (tx) => {
        await tx.task.updateMany({
          where: { id: task.id, status: 'OPEN' },
          data: { assigneeId: assignee.id, dueAt: new Date(schedule.dueAt), ...(input.move === 'REASSIGN' ? { escalationLevel: 0 } : {}) },
        });
        await tx.taskToken.updateMany({
          where: { taskRowId: task.id, officerId: input.fromOfficerId, purpose: 'TASK', revokedAt: null },
          data: { revokedAt: at, revokedReason: input.move === 'REASSIGN' ? 'REASSIGNED' : 'DECLINED' },
        });
      });
      return moved;
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

/** The assignee's reminders and the escalation rungs above them, in time order. */
async function ladderFor(prisma: PrismaClient, type: TaskType, schedule: TaskSchedule, area: Area, assignee: Officer): Promise<OpenedTask> {
  const recipient = officerRef(assignee);
  const reminders: LadderStep[] = schedule.reminders.map((at) => ({ kind: 'REMINDER', at, level: 0, to: 'ASSIGNEE', recipient }));
  const escalations = await escalationLadder(prisma, type, schedule, area, assignee.id);
  return { assignee: recipient, dueAt: schedule.dueAt, ladder: [...reminders, ...escalations].sort((a, b) => a.at - b.at) };
}

async function escalationLadder(prisma: PrismaClient, type: TaskType, schedule: TaskSchedule, area: Area, assigneeId: string): Promise<LadderStep[]> {
  const steps: LadderStep[] = [];
  for (const step of schedule.escalations) {
    const { to, officer } = await findEscalationRecipient(prisma, type, step.to, area, assigneeId);
    steps.push({ kind: 'ESCALATION', at: step.at, level: step.level, to, recipient: officerRef(officer) });
  }
  return steps;
}

/** The rule recorded with the task; tasks opened before rules were recorded have none. */
function recordedRule(stored: Prisma.JsonValue | null): TaskDeadline | undefined {
  const parsed = taskDeadlineSchema.safeParse(stored);
  return parsed.success ? parsed.data : undefined;
}

function officerRef(officer: Officer): OfficerRef {
  return { officerId: officer.id, name: officer.name };
}
