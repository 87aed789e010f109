import { CASE_STAGE_LABELS, type CaseStage, type CaseView, type TaskStatus, type TaskView } from '../../domain/case.js';
import type { IntakeReport } from '../../domain/intake.js';
import { kecamatanName } from '../../domain/kecamatan.js';
import { maskNik } from '../../domain/nik.js';
import { taskFormSchemas, type TaskType } from '../../domain/tasks.js';
import type { Case, Child, Officer, Task } from '../../generated/prisma/client.js';
import { type StaffRole, UNMASKED_IDENTITY_ROLES } from '../../domain/access.js';
import type { CaseDetail, CaseSummary } from './schemas.js';

/** How database rows and live workflow state become the shapes the API returns. */

export function summaryOfRow(row: Case): CaseSummary {
  return {
    caseId: row.id,
    stage: row.stage as CaseStage,
    stageLabel: CASE_STAGE_LABELS[row.stage as CaseStage] ?? row.stage,
    kecamatan: row.kecamatan,
    kecamatanName: kecamatanName(row.kecamatan),
    desa: row.desa,
    category: row.category as CaseSummary['category'],
    overdue: row.overdue,
    ...(row.nextDeadline ? { nextDeadline: row.nextDeadline.toISOString() } : {}),
    reportCount: row.reportCount,
    ...(row.outcome ? { outcome: row.outcome as CaseSummary['outcome'] } : {}),
    openedAt: row.openedAt.toISOString(),
    ...(row.closedAt ? { closedAt: row.closedAt.toISOString() } : {}),
  };
}

/** A case the API has just started: the workflow has not written its first database row yet. */
export function summaryOfNewCase(caseId: string, report: IntakeReport, openedAt: Date): CaseSummary {
  return {
    caseId,
    stage: 'VERIFYING_IDENTITY',
    stageLabel: CASE_STAGE_LABELS.VERIFYING_IDENTITY,
    kecamatan: report.child.kecamatan,
    kecamatanName: kecamatanName(report.child.kecamatan),
    desa: report.child.desa,
    category: report.category,
    overdue: false,
    reportCount: 1,
    openedAt: openedAt.toISOString(),
  };
}

function summaryOfView(view: CaseView, reportCount: number): CaseSummary {
  return {
    caseId: view.caseId,
    stage: view.stage,
    stageLabel: CASE_STAGE_LABELS[view.stage],
    kecamatan: view.kecamatan,
    kecamatanName: kecamatanName(view.kecamatan),
    desa: view.child.desa,
    category: view.category,
    overdue: view.tasks.some((task) => task.status === 'OPEN' && task.overdue),
    ...(view.nextDeadline ? { nextDeadline: view.nextDeadline } : {}),
    reportCount,
    ...(view.outcome ? { outcome: view.outcome } : {}),
    openedAt: view.openedAt,
    ...(view.closedAt ? { closedAt: view.closedAt } : {}),
  };
}

type ChildOut = NonNullable<CaseDetail['child']>;

/** NIK and KK numbers are shown in full to administrators only. */
function childFor(role: StaffRole, child: CaseView['child'] | Child): ChildOut {
  const shown = (number: string) => (UNMASKED_IDENTITY_ROLES.includes(role) ? number : maskNik(number));
  return {
    fullName: child.fullName,
    ...(child.nik ? { nik: shown(child.nik) } : {}),
    ...(child.noKk ? { noKk: shown(child.noKk) } : {}),
    birthDate: child.birthDate,
    sex: child.sex as ChildOut['sex'],
    desa: child.desa,
    address: child.address,
  };
}

export type CaseRow = Case & { child: Child | null; tasks: (Task & { assignee: Pick<Officer, 'id' | 'name'> })[] };

function taskOfRow(task: CaseRow['tasks'][number], now: Date): TaskView {
  return {
    taskId: task.taskId,
    type: task.type as TaskType,
    status: task.status as TaskStatus,
    assignee: { officerId: task.assignee.id, name: task.assignee.name },
    openedAt: task.openedAt.toISOString(),
    dueAt: task.dueAt.toISOString(),
    overdue: task.status === 'OPEN' && task.dueAt < now,
    escalationLevel: task.escalationLevel,
  };
}

/** The database copy, overlaid with the running process's state when there is one. */
export function detailOf(row: CaseRow | null, live: CaseView | undefined, role: StaffRole, now: Date = new Date()): CaseDetail {
  if (live) {
    return {
      ...summaryOfView(live, row?.reportCount ?? live.sources.length),
      live: true,
      child: childFor(role, live.child),
      identityStatus: live.identityStatus,
      ...(live.welfare ? { welfare: live.welfare } : {}),
      ...(live.waitingFor ? { waitingFor: live.waitingFor } : {}),
      sources: live.sources,
      tasks: live.tasks,
      visitAttempts: live.visitAttempts,
      ...(live.agreedPath ? { agreedPath: live.agreedPath as CaseDetail['agreedPath'] } : {}),
      ...(live.closeReason ? { closeReason: live.closeReason } : {}),
      ...(live.enrolment ? { enrolment: live.enrolment } : {}),
      ...(live.monitoring ? { monitoring: live.monitoring } : {}),
    };
  }
  if (!row) throw new Error('detailOf needs a database row or a live view');
  return {
    ...summaryOfRow(row),
    live: false,
    ...(row.child ? { child: childFor(role, row.child) } : {}),
    tasks: row.tasks.map((task) => taskOfRow(task, now)),
    ...(row.closeReason ? { closeReason: row.closeReason as CaseDetail['closeReason'] } : {}),
    ...enrolmentOfRow(row),
  };
}

/** Without the process, the school the child returned to is what the officer confirmed in the last enrolment task. */
function enrolmentOfRow(row: CaseRow): Pick<CaseDetail, 'enrolment'> {
  if (row.enrolledAt === null) return {};
  const confirmation = row.tasks.findLast((task) => task.type === 'ENROLMENT_CONFIRMATION' && task.status === 'COMPLETED');
  const form = taskFormSchemas.ENROLMENT_CONFIRMATION.safeParse(confirmation?.result);
  if (!form.success) return {};
  const { npsn, schoolName, enrolmentDate, grade } = form.data;
  return { enrolment: { npsn, schoolName, enrolmentDate, grade } };
}
