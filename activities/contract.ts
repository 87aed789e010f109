/**
 * What the case workflow asks of the outside world. Workflows import these types only;
 * `createActivities(deps)` in ./index.ts implements them. Every activity is idempotent:
 * Temporal runs activities at least once.
 */
import type { Actor, CaseOutcome, CaseStage, CloseReason, OfficerRef, TaskStatus } from '../domain/case.js';
import type { EscalationTarget } from '../domain/deadline-policy.js';
import type { ChildIdentity, IntakeReport } from '../domain/intake.js';
import type { DinsosStatusResponse, DukcapilVerifyResponse } from '../domain/registries.js';
import type { RollCheck } from '../domain/monitoring.js';
import type { TaskType } from '../domain/tasks.js';

export interface VerifyIdentityInput {
  caseId: string;
  child: ChildIdentity & { nik: string };
}

export interface CheckWelfareInput {
  caseId: string;
  nik?: string;
  noKk?: string;
}

export type WelfareCheck = DinsosStatusResponse & {
  /** True when the household's decile is within the configured threshold for PIP/KIP support. */
  pipCandidate: boolean;
};

export interface OpenTaskInput {
  caseId: string;
  taskId: string;
  type: TaskType;
  kecamatan: string;
  desa: string;
  /** Workflow time when the task opened (ms since epoch); deadlines are computed from it. */
  openedAt: number;
  /** What the officer's page shows (see TaskContexts in domain/tasks.ts). */
  context: unknown;
}

export interface LadderStep {
  kind: 'REMINDER' | 'ESCALATION';
  at: number;
  /** 0 for reminders; 1.. for escalation steps. */
  level: number;
  to: 'ASSIGNEE' | EscalationTarget;
  recipient: OfficerRef;
}

export interface OpenedTask {
  assignee: OfficerRef;
  dueAt: number;
  /** Reminders and escalations in time order. */
  ladder: LadderStep[];
}

/**
 * ASSIGNED, REMINDER: to the assignee, with the task link. ESCALATION: the task is late. UNREACHABLE:
 * the assignee's address bounces. DECLINED: the assignee declined and the recipient now holds the task.
 * The last three go up the ladder with a link to reassign the task. REASSIGNED: to the officer who no
 * longer holds the task.
 */
export type TaskEmailKind = 'ASSIGNED' | 'REMINDER' | 'ESCALATION' | 'UNREACHABLE' | 'DECLINED' | 'REASSIGNED';

export interface SendTaskEmailInput {
  caseId: string;
  taskId: string;
  kind: TaskEmailKind;
  /** Position on the ladder; with taskId and kind it makes the email's idempotency key. */
  step: number;
  recipientOfficerId: string;
}

export interface MoveTaskInput {
  caseId: string;
  taskId: string;
  /**
   * REASSIGN: the task goes to `toOfficerId` and its deadline restarts from `at` under the rule it
   * opened with. DECLINE: the supervisor above the assignee holds it, on the deadline it already had.
   */
  move: 'REASSIGN' | 'DECLINE';
  fromOfficerId: string;
  toOfficerId?: string;
  /** Workflow time of the move (ms since epoch). */
  at: number;
}

export interface NotifyCaseClosedInput {
  caseId: string;
  outcome: CaseOutcome;
  closeReason?: CloseReason;
  /** Tasks the close cancelled, with the officer who held each. */
  cancelledTasks: { taskId: string; type: TaskType; officerId: string }[];
}

export interface CaseNeedsAttentionInput {
  caseId: string;
  /** The fault's code (an ApplicationFailure type), never its message. */
  reason: string;
  /** When the case began to wait on the system (ms since epoch). */
  since: number;
}

export interface CloseTaskInput {
  caseId: string;
  taskId: string;
  status: Exclude<TaskStatus, 'OPEN'>;
  result?: unknown;
  closedBy: Actor;
  closedAt: number;
}

export const CASE_EVENT_TYPES = [
  'CASE_OPENED', 'CASE_REOPENED', 'REPORT_ADDED', 'IDENTITY_CONFIRMED', 'IDENTITY_MISMATCH', 'IDENTITY_NOT_FOUND',
  'REGISTRY_UNAVAILABLE', 'WELFARE_CHECKED', 'TASK_OPENED', 'TASK_REMINDED', 'TASK_ESCALATED', 'TASK_COMPLETED',
  'TASK_CANCELLED', 'TASK_REASSIGNED', 'TASK_DECLINED', 'EMAIL_UNDELIVERABLE', 'STAGE_CHANGED', 'CASE_CLOSED', 'CASE_NOTE_ADDED',
  'ENROLMENT_CONFIRMED', 'SCHOOL_ROLL_CHECKED', 'LEFT_SCHOOL_AGAIN', 'SYSTEM_FAULT',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/** The read-model columns a case row carries; every event may update them. */
export interface CaseSnapshot {
  stage: CaseStage;
  kecamatan: string;
  desa: string;
  category: IntakeReport['category'];
  overdue: boolean;
  nextDeadline?: number;
  outcome?: CaseOutcome;
  closeReason?: CloseReason;
  enrolledNpsn?: string;
  enrolledSchoolName?: string;
  /** When the enrolment of the current run was confirmed; cleared when the child leaves school again. */
  enrolledAt?: number;
  openedAt: number;
  closedAt?: number;
}

export interface RecordCaseEventInput {
  caseId: string;
  /** Unique per case and run (e.g. `${runId}/${sequence}`), so a retried activity appends nothing twice. */
  eventId: string;
  type: CaseEventType;
  actor: Actor;
  occurredAt: number;
  data: Record<string, unknown>;
  snapshot: CaseSnapshot;
  /** Present when the child's personal data changed (intake, correction, registration). */
  child?: ChildIdentity;
  guardian?: IntakeReport['guardian'];
}

export interface LinkChildIdentityInput {
  caseId: string;
  child: ChildIdentity;
}

export interface PlanMonitoringInput {
  caseId: string;
  /** The first school day the officer confirmed (YYYY-MM-DD). */
  enrolmentDate: string;
  /** Workflow time of the confirmation (ms since epoch). */
  confirmedAt: number;
}

export interface CheckSchoolRollInput {
  caseId: string;
  nik: string;
  enrolmentDate: string;
}

export interface CaseActivities {
  verifyIdentity(input: VerifyIdentityInput): Promise<DukcapilVerifyResponse>;
  checkWelfare(input: CheckWelfareInput): Promise<WelfareCheck>;
  openTask(input: OpenTaskInput): Promise<OpenedTask>;
  sendTaskEmail(input: SendTaskEmailInput): Promise<{ sent: boolean }>;
  /** Hands the task to another officer: records the new assignee, kills the old one's links, returns the new ladder. */
  moveTask(input: MoveTaskInput): Promise<OpenedTask>;
  closeTask(input: CloseTaskInput): Promise<void>;
  /** Tells the officers whose tasks the close cancelled, and the coordinator, how the case ended; returns the officers whose address bounced. */
  notifyCaseClosed(input: NotifyCaseClosedInput): Promise<{ undeliverable: string[] }>;
  recordCaseEvent(input: RecordCaseEventInput): Promise<void>;
  /** Registers every identity key of the child (NIK, name + birth date + desa) as an alias of this case. */
  linkChildIdentity(input: LinkChildIdentityInput): Promise<void>;
  /** When to look at the school roll after an enrolment (ENROLMENT_MONITORING_CHECKS), as moments in ms since epoch. */
  planMonitoring(input: PlanMonitoringInput): Promise<{ checkAt: number[] }>;
  /** Dapodik's answer for the child, read against the enrolment. */
  checkSchoolRoll(input: CheckSchoolRollInput): Promise<RollCheck>;
  /** Lists the case as needing attention and tells the district's admins and the kecamatan's coordinator (one digest an hour). */
  reportCaseNeedsAttention(input: CaseNeedsAttentionInput): Promise<void>;
  /** The fault has cleared: the case leaves the needs-attention list. */
  clearCaseNeedsAttention(input: { caseId: string }): Promise<void>;
}
