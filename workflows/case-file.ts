import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { ActivityFailure, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { CaseEventType, CaseSnapshot, LadderStep, RecordCaseEventInput } from '../activities/contract.js';
import type {
  Actor, CaseOutcome, CaseStage, CaseView, CloseCaseRequest, CloseReason, OfficerRef, ReportSource, RollFinding, TaskStatus,
  TaskView, WaitingFor,
} from '../domain/case.js';
import type { ChildIdentity, IntakeReport } from '../domain/intake.js';
import type { TaskMoved } from '../domain/task-moves.js';
import {
  CASE_CATEGORY, CASE_KECAMATAN, CASE_NEXT_DEADLINE, CASE_OVERDUE, CASE_STAGE,
} from '../domain/search-attributes.js';
import type { ReturnPath, TaskType } from '../domain/tasks.js';
import { records } from './activities.js';
import type { CaseWorkflowInput } from './messages.js';
import { steadfastRecords } from './system-faults.js';

export const SYSTEM_ACTOR: Actor = { kind: 'SYSTEM', id: 'workflow' };

interface RecordOptions {
  actor?: Actor;
  withChild?: boolean;
  withGuardian?: boolean;
}

/** One human task as the workflow tracks it. */
export interface TaskRecord {
  taskId: string;
  type: TaskType;
  status: TaskStatus;
  assignee: OfficerRef;
  openedAt: number;
  dueAt: number;
  /** The current assignee's reminders and escalations; a reassignment replaces it. */
  ladder: LadderStep[];
  /** Position in `ladder` of the next step to take. */
  ladderIndex: number;
  /** How many rounds of emails the task has had (ladder steps, handovers, bounces): numbers its emails. */
  stepsTaken: number;
  overdue: boolean;
  escalationLevel: number;
  /** Held by a supervisor because the assignee declined it, until someone reassigns it. */
  awaitingReassignment: boolean;
  /** The officer whose bounced address was already reported up the ladder, so it is reported once. */
  unreachableReported?: string;
  /** Set by the completeTask update; the task is closed once the workflow has recorded it. */
  submission?: { officerId: string; form: unknown };
  /** Set by the reassignTask or declineTask update; the task changes hands once the workflow has recorded it. */
  move?: PendingMove;
}

export interface PendingMove {
  kind: 'REASSIGN' | 'DECLINE';
  /** The officer a reassignment hands the task to; a decline goes to whoever is above the assignee. */
  to?: OfficerRef;
  reason: string;
  by: Actor;
  /** Set once the move is recorded; the update answers with it. */
  done?: TaskMoved;
}

export interface CloseRequest extends CloseCaseRequest {
  actor: Actor;
}

/** Stops the casework and closes the case; it never returns. */
export type CloseCase = (request: CloseRequest) => Promise<never>;

export type Welfare = NonNullable<CaseView['welfare']>;
export type Enrolment = NonNullable<CaseView['enrolment']>;

/** The looks at the school roll after an enrolment, in time order. */
export interface Monitoring {
  checks: { dueAt: number; checkedAt?: number; finding?: RollFinding }[];
}

/**
 * What the workflow knows about one child's case, and how it keeps the read model (case events with a
 * snapshot) and the visibility fields (search attributes) in step with it.
 */
export class CaseFile {
  readonly caseId: string;
  readonly kecamatan: IntakeReport['child']['kecamatan'];
  readonly desa: string;
  readonly category: IntakeReport['category'];
  readonly openedAt: number;
  readonly guardian: IntakeReport['guardian'];
  /** The case's record-keeping activities; they wait out faults of our own system instead of failing the case. */
  readonly records = steadfastRecords(this);
  child: ChildIdentity;
  stage: CaseStage = 'VERIFYING_IDENTITY';
  identityStatus: CaseView['identityStatus'] = 'UNVERIFIED';
  welfare?: Welfare;
  waitingFor?: WaitingFor;
  readonly sources: ReportSource[];
  readonly tasks = new Map<string, TaskRecord>();
  visitAttempts = 0;
  agreedPath?: ReturnPath;
  targetSchool?: { name: string; npsn?: string };
  enrolment?: Enrolment;
  /** When the enrolment was confirmed; cleared, with the enrolment, when the child leaves school again. */
  enrolledAt?: number;
  monitoring?: Monitoring;
  closeRequest?: CloseRequest;
  outcome?: CaseOutcome;
  closeReason?: CloseReason;
  closedAt?: number;
  /** True once the close is in the audit log; the closeCase update answers only then. */
  closeRecorded = false;

  private readonly taskIdSuffix: string;
  private eventSequence = 0;
  private readonly tasksOpenedByType = new Map<TaskType, number>();
  private published?: { stage: CaseStage; overdue: boolean; nextDeadline?: number };

  constructor(input: CaseWorkflowInput, openedAt: number) {
    const { report } = input;
    this.caseId = input.caseId;
    this.kecamatan = report.child.kecamatan;
    this.desa = report.child.desa;
    this.category = report.category;
    this.child = report.child;
    this.guardian = report.guardian;
    this.openedAt = openedAt;
    this.taskIdSuffix = input.run !== undefined && input.run > 1 ? `-run${input.run}` : '';
    this.sources = [{ channel: report.source.channel, reference: report.source.reference, reportedAt: iso(openedAt) }];
  }

  /** True once the case has finished or a close is under way: nothing more may be added to it. */
  get closing(): boolean {
    return this.outcome !== undefined || this.closeRequest !== undefined;
  }

  get openTasks(): TaskRecord[] {
    return [...this.tasks.values()].filter((task) => task.status === 'OPEN');
  }

  get overdue(): boolean {
    return this.openTasks.some((task) => task.overdue);
  }

  /** The earliest moment an open task falls due or climbs the next rung of its escalation ladder. */
  get nextDeadline(): number | undefined {
    const deadlines = this.openTasks.map(taskDeadline);
    return deadlines.length > 0 ? Math.min(...deadlines) : undefined;
  }

  /** Readable and deterministic: the second home-visit report of a case is `visit-report-2`, of its second run `visit-report-2-run2`. */
  nextTaskId(type: TaskType): string {
    const n = (this.tasksOpenedByType.get(type) ?? 0) + 1;
    this.tasksOpenedByType.set(type, n);
    return `${type.toLowerCase().replaceAll('_', '-')}-${n}${this.taskIdSuffix}`;
  }

  async moveTo(stage: CaseStage, actor: Actor = SYSTEM_ACTOR): Promise<void> {
    if (stage === this.stage) return;
    const from = this.stage;
    this.stage = stage;
    await this.record('STAGE_CHANGED', { from, to: stage }, { actor });
  }

  /** Appends an event to the case's audit log with the read-model snapshot as it now stands. */
  async record(type: CaseEventType, data: Record<string, unknown>, options: RecordOptions = {}): Promise<void> {
    await this.records.recordCaseEvent(this.nextEvent(type, data, options));
  }

  /**
   * Records the event if the database takes it now, and otherwise goes on without it: for what the case
   * says about a fault of the database itself, which must not wait on that same fault.
   */
  async recordIfPossible(type: CaseEventType, data: Record<string, unknown>): Promise<void> {
    await records.recordCaseEvent(this.nextEvent(type, data, {})).catch((error: unknown) => {
      if (!(error instanceof ActivityFailure)) throw error;
    });
  }

  private nextEvent(type: CaseEventType, data: Record<string, unknown>, options: RecordOptions): RecordCaseEventInput {
    this.publishSearchAttributes();
    this.eventSequence += 1;
    return {
      caseId: this.caseId,
      eventId: `${workflowInfo().runId}/${this.eventSequence}`,
      type,
      actor: options.actor ?? SYSTEM_ACTOR,
      occurredAt: Date.now(),
      data,
      snapshot: this.snapshot(),
      ...(options.withChild ? { child: this.child } : {}),
      ...(options.withGuardian && this.guardian ? { guardian: this.guardian } : {}),
    };
  }

  /** Upserts the search attributes that changed since the last upsert (only codes and times, never personal data). */
  publishSearchAttributes(): void {
    const now = { stage: this.stage, overdue: this.overdue, nextDeadline: this.nextDeadline };
    const changes: SearchAttributeUpdatePair[] = [];
    if (!this.published) {
      changes.push({ key: CASE_KECAMATAN, value: this.kecamatan }, { key: CASE_CATEGORY, value: this.category });
    }
    if (this.published?.stage !== now.stage) changes.push({ key: CASE_STAGE, value: now.stage });
    if (this.published?.overdue !== now.overdue) changes.push({ key: CASE_OVERDUE, value: now.overdue });
    if (this.published?.nextDeadline !== now.nextDeadline) {
      changes.push({ key: CASE_NEXT_DEADLINE, value: now.nextDeadline === undefined ? null : new Date(now.nextDeadline) });
    }
    if (changes.length > 0) upsertSearchAttributes(changes);
    this.published = now;
  }

  snapshot(): CaseSnapshot {
    return {
      stage: this.stage,
      kecamatan: this.kecamatan,
      desa: this.desa,
      category: this.category,
      overdue: this.overdue,
      nextDeadline: this.nextDeadline,
      outcome: this.outcome,
      closeReason: this.closeReason,
      enrolledNpsn: this.enrolment?.npsn,
      enrolledSchoolName: this.enrolment?.schoolName,
      enrolledAt: this.enrolledAt,
      openedAt: this.openedAt,
      closedAt: this.closedAt,
    };
  }

  view(): CaseView {
    const nextDeadline = this.nextDeadline;
    return {
      caseId: this.caseId,
      stage: this.stage,
      kecamatan: this.kecamatan,
      category: this.category,
      child: this.child,
      identityStatus: this.identityStatus,
      welfare: this.welfare,
      waitingFor: this.waitingFor,
      sources: this.sources,
      tasks: [...this.tasks.values()].map(taskView),
      nextDeadline: nextDeadline === undefined ? undefined : iso(nextDeadline),
      visitAttempts: this.visitAttempts,
      agreedPath: this.agreedPath,
      outcome: this.outcome,
      closeReason: this.closeReason,
      enrolment: this.enrolment,
      monitoring: this.monitoring && {
        checks: this.monitoring.checks.map((check) => ({
          dueAt: iso(check.dueAt),
          ...(check.checkedAt === undefined ? {} : { checkedAt: iso(check.checkedAt), finding: check.finding }),
        })),
      },
      openedAt: iso(this.openedAt),
      closedAt: this.closedAt === undefined ? undefined : iso(this.closedAt),
    };
  }
}

/** Before the due date that date; once overdue the next escalation still ahead, or the due date when none is left. */
function taskDeadline(task: TaskRecord): number {
  if (!task.overdue) return task.dueAt;
  const nextEscalation = task.ladder.slice(task.ladderIndex).find((step) => step.kind === 'ESCALATION');
  return nextEscalation?.at ?? task.dueAt;
}

function taskView(task: TaskRecord): TaskView {
  return {
    taskId: task.taskId,
    type: task.type,
    status: task.status,
    assignee: task.assignee,
    openedAt: iso(task.openedAt),
    dueAt: iso(task.dueAt),
    overdue: task.overdue,
    escalationLevel: task.escalationLevel,
  };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
