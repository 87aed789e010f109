import { randomUUID } from 'node:crypto';
import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import proto, { type temporal } from '@temporalio/proto';
import { appendCaseEvent } from '../../activities/case-events.js';
import { eligibleAssignees } from '../../activities/officer-directory.js';
import type { Principal } from '../../domain/access.js';
import type { Actor } from '../../domain/case.js';
import { defaultRepair, type RepairAction, type ViolationKind } from '../../domain/case-health.js';
import { intakeReportSchema } from '../../domain/intake.js';
import type { TaskType } from '../../domain/tasks.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { CASE_WORKFLOW_TYPE, caseStartOptions } from '../../use-cases/intake.js';
import { ApiError, notFound } from '../../use-cases/errors.js';
import { reassignTask } from '../tasks/reassign-service.js';

export interface RepairDeps {
  prisma: PrismaClient;
  temporal: Client;
  /** The case workflows' task queue: a restarted case runs there. */
  taskQueue: string;
}

export interface RepairResult {
  violationId: string;
  caseId: string;
  action: RepairAction;
  /** RESET, RESTART: the run that now carries the case. */
  runId?: string;
  /** RESET: the workflow task the run went back to. */
  resetToEventId?: number;
  /** REASSIGN: the task and the officer who holds it now. */
  taskId?: string;
  toOfficerId?: string;
}

/** A CommonJS module: its namespace is only reachable through the default export under ESM. */
const { EventType } = proto.temporal.api.enums.v1;

const manual = (message: string) => new ApiError(409, 'MANUAL_REPAIR_NEEDED', message);
const MESSAGES = {
  RESOLVED: 'Masalah ini sudah tidak ada lagi menurut pemeriksaan terakhir.',
  RUNNING: 'Proses kasus ini sedang berjalan; tidak ada yang perlu dijalankan ulang.',
  NO_HISTORY: 'Riwayat proses kasus ini tidak ada lagi di Temporal; mulai ulang kasus dari laporan yang tercatat.',
  NO_GOOD_POINT: 'Riwayat proses kasus ini tidak memiliki titik yang dapat dijalankan kembali; mulai ulang kasus dari laporan yang tercatat.',
  NO_REPORT: 'Laporan awal kasus ini tidak tercatat, sehingga kasus tidak dapat dimulai ulang otomatis. Laporkan ulang anak ini melalui formulir laporan.',
  REPORT_INVALID: 'Laporan yang tercatat untuk kasus ini tidak lagi memenuhi syarat laporan (misalnya usia anak). Tutup kasus atau laporkan ulang dengan data yang benar.',
  TASK_CLOSED: 'Tugas ini sudah tidak terbuka lagi.',
  NO_OFFICER: 'Tidak ada petugas aktif yang dapat menerima tugas ini. Tambahkan atau aktifkan petugas di direktori, lalu coba lagi, atau alihkan tugas secara manual.',
  NOT_REPAIRABLE: 'Masalah jenis ini tidak dapat diperbaiki otomatis: lengkapi direktori petugas (koordinator kecamatan) atau periksa kasusnya secara langsung.',
  WRONG_ACTION: 'Perbaikan ini tidak sesuai dengan jenis masalahnya.',
} as const;

/**
 * Puts right what the watchdog found, as an admin asks: RESET runs the case's last run again from its last
 * good point (Temporal's ResetWorkflowExecution); RESTART starts a fresh run from the report the case was
 * opened with; REASSIGN hands a task whose officer is no longer active to an eligible one, through the
 * same move a supervisor makes. Each repair is written to the case's audit log. The violation stays open
 * until the next watchdog run sees the case healthy.
 *
 * A case workflow cannot be started in the middle of its process: its input is the report, and a fresh
 * run begins at the identity check again (the earlier run's open tasks are cancelled and their links die;
 * its audit log stays). Where Temporal still has the history, RESET is therefore the default: the case
 * resumes exactly where it was, with its tasks and links.
 */
export async function repairViolation(
  deps: RepairDeps,
  violationId: string,
  requested: RepairAction | undefined,
  principal: Principal,
  requestId: string,
): Promise<RepairResult> {
  const violation = await deps.prisma.caseHealthViolation.findUnique({ where: { id: violationId } });
  if (!violation) throw notFound();
  if (violation.resolvedAt) throw new ApiError(409, 'CONFLICT', MESSAGES.RESOLVED);
  const kind = violation.kind as ViolationKind;
  const workflowKind = kind === 'WORKFLOW_FAILED' || kind === 'WORKFLOW_TERMINATED' || kind === 'WORKFLOW_ENDED' || kind === 'WORKFLOW_MISSING';
  const action = requested ?? defaultRepair(kind, kind !== 'WORKFLOW_MISSING');
  if (!action) throw manual(MESSAGES.NOT_REPAIRABLE);
  const fits = action === 'REASSIGN' ? kind === 'TASK_WITHOUT_ASSIGNEE' : workflowKind && !(action === 'RESET' && kind === 'WORKFLOW_MISSING');
  if (!fits) throw new ApiError(400, 'BAD_REQUEST', MESSAGES.WRONG_ACTION);

  const actor: Actor = { kind: 'STAFF', id: principal.id };
  const caseId = violation.caseId;
  const result: RepairResult =
    action === 'RESET' ? await resetCase(deps, caseId, violationId)
      : action === 'RESTART' ? await restartCase(deps, caseId, actor)
        : await reassignOrphanedTask(deps, caseId, violation.subject, actor, `repair-${violationId}-${requestId}`);

  await appendCaseEvent(deps.prisma, {
    caseId,
    eventId: `repair/${violationId}/${requestId}`,
    type: 'CASE_REPAIRED',
    actor,
    occurredAt: Date.now(),
    data: {
      violation: kind, action,
      ...(result.runId ? { runId: result.runId } : {}), ...(result.resetToEventId ? { resetToEventId: result.resetToEventId } : {}),
      ...(result.taskId ? { taskId: result.taskId, toOfficerId: result.toOfficerId } : {}),
    },
  });
  await deps.prisma.caseHealthViolation.update({ where: { id: violationId }, data: { repairAction: action, repairedBy: principal.id, repairedAt: new Date() } });
  return { ...result, violationId };
}

/**
 * The last good point of the case's last run: for a run that failed, the last workflow task completed
 * before the activity whose failure ended it was scheduled (going back only to the failing task itself
 * would fail the same way again); for a run terminated or timed out from outside, its last completed
 * workflow task.
 */
async function resetCase(deps: RepairDeps, caseId: string, violationId: string): Promise<RepairResult> {
  const handle = deps.temporal.workflow.getHandle(caseId);
  let description;
  try {
    description = await handle.describe();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw manual(MESSAGES.NO_HISTORY);
    throw error;
  }
  if (description.status.name === 'RUNNING') throw new ApiError(409, 'CONFLICT', MESSAGES.RUNNING);
  const events = (await handle.fetchHistory()).events ?? [];
  const id = (event: (typeof events)[number]) => Number(event.eventId);
  let before = Number.POSITIVE_INFINITY;
  if (description.status.name === 'FAILED') {
    const failure = events.findLast((e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED || e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT);
    const scheduled = failure?.activityTaskFailedEventAttributes?.scheduledEventId ?? failure?.activityTaskTimedOutEventAttributes?.scheduledEventId;
    if (scheduled !== undefined && scheduled !== null) before = Number(scheduled);
  }
  const point = events.findLast((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED && id(e) < before);
  if (!point) throw manual(MESSAGES.NO_GOOD_POINT);
  const { runId } = (await deps.temporal.workflowService.resetWorkflowExecution({
    namespace: deps.temporal.options.namespace,
    workflowExecution: { workflowId: caseId, runId: description.runId },
    reason: `watchdog repair ${violationId}`,
    workflowTaskFinishEventId: point.eventId,
    requestId: randomUUID(),
  })) as temporal.api.workflowservice.v1.IResetWorkflowExecutionResponse;
  return { violationId, caseId, action: 'RESET', runId: runId ?? undefined, resetToEventId: id(point) };
}

/** A fresh run of the case from the report it was opened with (the last CASE_OPENED event and the child's row). */
async function restartCase(deps: RepairDeps, caseId: string, actor: Actor): Promise<RepairResult> {
  const { prisma, temporal } = deps;
  const [opened, child] = await Promise.all([
    prisma.caseEvent.findFirst({ where: { caseId, type: 'CASE_OPENED' }, orderBy: { sequence: 'desc' } }),
    prisma.child.findUnique({ where: { caseId } }),
  ]);
  if (!opened || !child) throw manual(MESSAGES.NO_REPORT);
  const data = opened.data as Record<string, unknown>;
  const parsed = intakeReportSchema.safeParse({
    child: {
      fullName: child.fullName, ...(child.nik ? { nik: child.nik } : {}), ...(child.noKk ? { noKk: child.noKk } : {}),
      birthDate: child.birthDate, sex: child.sex, kecamatan: child.kecamatan, desa: child.desa, address: child.address,
    },
    ...(child.guardianName || child.guardianPhone || child.guardianEmail
      ? { guardian: { ...(child.guardianName ? { name: child.guardianName } : {}), ...(child.guardianPhone ? { phone: child.guardianPhone } : {}), ...(child.guardianEmail ? { email: child.guardianEmail } : {}) } }
      : {}),
    category: data.category,
    ...(data.lastSchool ? { lastSchool: data.lastSchool } : {}),
    reasons: data.reasons,
    source: data.source,
    ...(typeof data.notes === 'string' ? { notes: data.notes } : {}),
  });
  if (!parsed.success) throw manual(MESSAGES.REPORT_INVALID);
  const reportedBy = { kind: opened.actorKind, id: opened.actorId } as Actor;

  const running = await temporal.workflow.getHandle(caseId).describe().then((d) => d.status.name === 'RUNNING', (error: unknown) => {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  });
  if (running) throw new ApiError(409, 'CONFLICT', MESSAGES.RUNNING);
  await cancelStaleTasks(prisma, caseId, actor);
  try {
    const handle = await temporal.workflow.start(CASE_WORKFLOW_TYPE, {
      ...(await caseStartOptions(deps, caseId, parsed.data, reportedBy)),
      workflowIdConflictPolicy: 'FAIL',
    });
    return { violationId: '', caseId, action: 'RESTART', runId: handle.firstExecutionRunId };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) throw new ApiError(409, 'CONFLICT', MESSAGES.RUNNING);
    throw error;
  }
}

/** The dead run's open tasks: no workflow will ever close them, and the fresh run opens its own. */
async function cancelStaleTasks(prisma: PrismaClient, caseId: string, actor: Actor): Promise<void> {
  const at = new Date();
  await prisma.$transaction(async (tx) => {
    const stale = await tx.task.findMany({ where: { caseId, status: 'OPEN' }, select: { id: true } });
    const ids = stale.map((t) => t.id);
    await tx.task.updateMany({ where: { id: { in: ids } }, data: { status: 'CANCELLED', closedAt: at, closedBy: `${actor.kind}:${actor.id}` } });
    await tx.taskToken.updateMany({ where: { taskRowId: { in: ids }, revokedAt: null }, data: { revokedAt: at } });
  });
}

/** The task goes to the first eligible active officer (field officers first), as a supervisor would hand it over. */
async function reassignOrphanedTask(deps: RepairDeps, caseId: string, taskId: string, actor: Actor, updateId: string): Promise<RepairResult> {
  const task = await deps.prisma.task.findUnique({ where: { caseId_taskId: { caseId, taskId } } });
  if (!task || task.status !== 'OPEN') throw new ApiError(409, 'TASK_CLOSED', MESSAGES.TASK_CLOSED);
  const [officer] = (await eligibleAssignees(deps.prisma, task.type as TaskType, task.kecamatan)).filter((o) => o.id !== task.assigneeId);
  if (!officer) throw manual(MESSAGES.NO_OFFICER);
  const outcome = await reassignTask(
    deps,
    { caseId, taskId, type: task.type as TaskType, kecamatan: task.kecamatan },
    { officerId: officer.id, reason: 'Dialihkan oleh admin: petugas sebelumnya tidak aktif lagi.' },
    actor,
    updateId,
  );
  if (outcome.kind === 'REASSIGNED') return { violationId: '', caseId, action: 'REASSIGN', taskId, toOfficerId: outcome.moved.assignee.officerId };
  throw new ApiError(409, 'CONFLICT', outcome.kind === 'REFUSED' ? outcome.message : MESSAGES.NO_OFFICER);
}
