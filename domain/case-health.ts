/**
 * The invariant behind "not one child missed": every open case has a running workflow, someone who
 * owns it and a moment by which something happens next. The watchdog observes each open case (the read
 * model and Temporal) and these rules say what is wrong with it. Pure: no clock, no database.
 *
 * What a healthy open case looks like, stage by stage (workflows/case-workflow.ts):
 * - a human task is open (Dukcapil correction or registration, home visit, coordinator's decision,
 *   enrolment confirmation, retention check, education-aid referral): the task's assignee owns the
 *   case, an active officer, and the task's due date is the next deadline;
 * - no task is open because the case waits on the system: a registry check under way or waited out
 *   (VERIFYING_IDENTITY, CHECKING_WELFARE, a roll check in MONITORING), our own database or directory
 *   (waitingFor SYSTEM), or the next look at the school roll (MONITORING): the kecamatan's coordinator
 *   owns it, and the next attempt or the next roll check is the deadline;
 * - in between, for moments, the workflow is at work (an activity under way) and has neither.
 */
export const VIOLATION_KINDS = [
  'WORKFLOW_FAILED',
  'WORKFLOW_TERMINATED',
  'WORKFLOW_MISSING',
  'WORKFLOW_ENDED',
  'TASK_WITHOUT_ASSIGNEE',
  'NO_OWNER',
  'NO_DEADLINE',
  'WAITING_ON_SYSTEM',
] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

export const VIOLATION_LABELS: Record<ViolationKind, string> = {
  WORKFLOW_FAILED: 'Proses kasus gagal (Failed)',
  WORKFLOW_TERMINATED: 'Proses kasus dihentikan paksa (Terminated)',
  WORKFLOW_MISSING: 'Kasus tanpa proses di Temporal',
  WORKFLOW_ENDED: 'Proses kasus berakhir, tetapi kasus masih terbuka',
  TASK_WITHOUT_ASSIGNEE: 'Tugas terbuka tanpa petugas aktif',
  NO_OWNER: 'Tidak ada koordinator aktif untuk kecamatan kasus',
  NO_DEADLINE: 'Kasus tanpa tenggat berikutnya',
  WAITING_ON_SYSTEM: 'Kasus tertahan oleh gangguan sistem (dicoba ulang otomatis)',
};

/**
 * Violations the case workflow reports itself, while it retries a fault of our own system past the
 * alert time (workflows/system-faults.ts); it resolves them when the fault clears. The watchdog's runs
 * neither see nor resolve them.
 */
export const SELF_REPORTED_KINDS: readonly ViolationKind[] = ['WAITING_ON_SYSTEM'];

/** What a fault of our own system means for the people who can clear it, by the fault's code. */
const SYSTEM_FAULT_LABELS: Record<string, string> = {
  NoOfficerAvailable: 'tidak ada petugas aktif di direktori yang mencakup wilayah kasus',
  OfficerNotFound: 'petugas yang dituju tidak ada di direktori',
  TaskNotFound: 'data tugas tidak ditemukan di basis data',
  CaseNotFound: 'data kasus tidak ditemukan di basis data',
};

export function systemFaultLabel(reason: string): string {
  return SYSTEM_FAULT_LABELS[reason] ?? `kesalahan sistem (${reason})`;
}

/** How a watchdog repair puts a case right (see api/health/case-repair.ts). */
export const REPAIR_ACTIONS = ['RESET', 'RESTART', 'REASSIGN'] as const;
export type RepairAction = (typeof REPAIR_ACTIONS)[number];

/** What Temporal says of the case's workflow: its latest run, or none at all. */
export type WorkflowState =
  | { status: 'RUNNING'; runId: string }
  | { status: 'FAILED' | 'TERMINATED' | 'COMPLETED' | 'CANCELLED' | 'TIMED_OUT' | 'CONTINUED_AS_NEW'; runId: string }
  | { status: 'MISSING' };

export interface ObservedTask {
  taskId: string;
  type: string;
  assigneeId: string;
  /** False when the assignee was deactivated (or left the directory) while holding the task. */
  assigneeActive: boolean;
  dueAt: Date;
}

/** One open case as the watchdog saw it. */
export interface CaseObservation {
  caseId: string;
  stage: string;
  kecamatan: string;
  /** When the read model last changed for the case. */
  updatedAt: Date;
  workflow: WorkflowState;
  openTasks: ObservedTask[];
  /** An active Disdikbud coordinator covers the case's kecamatan (or the whole district). */
  coordinatorCovers: boolean;
  /** Without an open task: the next roll check, or the next attempt at a registry or the system the case waits on. */
  nextWakeAt?: Date;
  /** The workflow is at work right now (an activity under way, a workflow task pending). */
  inMotion?: boolean;
}

export interface Finding {
  kind: ViolationKind;
  /** The task id for a task's violation; empty for the case's own. */
  subject: string;
  /** Codes and ids only. */
  detail: Record<string, string>;
}

/** How long a case may show nothing to wait for before it counts: a workflow between two steps, a case reported a moment ago. */
export const HEALTH_GRACE_MS = 15 * 60_000;

/** What is wrong with one open case; empty when it is healthy. */
export function judgeCase(o: CaseObservation, now: Date, graceMs: number = HEALTH_GRACE_MS): Finding[] {
  const settled = now.getTime() - o.updatedAt.getTime() >= graceMs;
  const workflow = workflowFinding(o.workflow, settled);
  // A case without a running process has no owner or deadline that means anything: the process is what to repair.
  if (o.workflow.status !== 'RUNNING') return workflow ? [workflow] : [];

  const findings: Finding[] = o.openTasks
    .filter((task) => !task.assigneeActive)
    .map((task) => ({ kind: 'TASK_WITHOUT_ASSIGNEE', subject: task.taskId, detail: { taskId: task.taskId, type: task.type, officerId: task.assigneeId } }));
  if (o.openTasks.length === 0) {
    if (!o.coordinatorCovers) findings.push({ kind: 'NO_OWNER', subject: '', detail: { kecamatan: o.kecamatan, stage: o.stage } });
    if (o.nextWakeAt === undefined && !o.inMotion && settled) findings.push({ kind: 'NO_DEADLINE', subject: '', detail: { stage: o.stage } });
  }
  return findings;
}

function workflowFinding(state: WorkflowState, settled: boolean): Finding | undefined {
  switch (state.status) {
    case 'RUNNING':
      return undefined;
    case 'FAILED':
      return { kind: 'WORKFLOW_FAILED', subject: '', detail: { status: state.status, runId: state.runId } };
    case 'TERMINATED':
      return { kind: 'WORKFLOW_TERMINATED', subject: '', detail: { status: state.status, runId: state.runId } };
    case 'MISSING':
      // The intake lists a case the moment before it starts its workflow.
      return settled ? { kind: 'WORKFLOW_MISSING', subject: '', detail: { status: 'MISSING' } } : undefined;
    default:
      return { kind: 'WORKFLOW_ENDED', subject: '', detail: { status: state.status, runId: state.runId } };
  }
}

/** The key a finding is recorded under while it stands: the same finding seen again is the same violation. */
export function openKeyOf(caseId: string, finding: Pick<Finding, 'kind' | 'subject'>): string {
  return `${caseId}/${finding.kind}/${finding.subject}`;
}

/** The repair that fits a violation by default, or undefined when only a person can put it right. */
export function defaultRepair(kind: ViolationKind, hasHistory: boolean): RepairAction | undefined {
  switch (kind) {
    case 'WORKFLOW_FAILED':
    case 'WORKFLOW_TERMINATED':
    case 'WORKFLOW_ENDED':
      return hasHistory ? 'RESET' : 'RESTART';
    case 'WORKFLOW_MISSING':
      return 'RESTART';
    case 'TASK_WITHOUT_ASSIGNEE':
      return 'REASSIGN';
    default:
      return undefined;
  }
}

/** The next look at the school roll still ahead, from the monitoring's own events: checks planned at the enrolment, checks done since. */
export function nextRollCheck(events: readonly { type: string; data: unknown }[]): Date | undefined {
  let planned: string[] = [];
  let done = 0;
  for (const event of events) {
    if (event.type === 'ENROLMENT_CONFIRMED') {
      const due = (event.data as { checksDueAt?: unknown }).checksDueAt;
      planned = Array.isArray(due) ? due.filter((d): d is string => typeof d === 'string') : [];
      done = 0;
    } else if (event.type === 'SCHOOL_ROLL_CHECKED') done += 1;
  }
  const next = planned[done];
  return next === undefined ? undefined : new Date(next);
}
