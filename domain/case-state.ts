import type { CaseOutcome, CaseStage, CloseReason, TaskStatus } from './case.js';
import type { TaskType } from './tasks.js';

/**
 * A case as it stood right after one of its audit events, rebuilt from the events alone: the
 * auditor's "point in time". Each event carries what changed (see the `c.record(...)` calls in
 * workflows/), so folding them in sequence order gives the stage, the tasks with their holder and
 * due date, and the outcome the live case showed at that moment. Pure: no clock, no database.
 */
export interface RecordedCaseEvent {
  sequence: number;
  /** `${runId}/${n}`: the run of the workflow that wrote it (a reopened case has several). */
  eventId: string;
  type: string;
  actor: { kind: string; id: string };
  /** ISO 8601 */
  occurredAt: string;
  data: Record<string, unknown>;
}

export interface TaskAtPoint {
  taskId: string;
  type: TaskType;
  status: TaskStatus;
  assigneeOfficerId: string;
  openedAt: string;
  dueAt: string;
  /** An escalation went out because the due date passed. */
  overdue: boolean;
  escalationLevel: number;
  /** The assignee declined; a supervisor holds it until someone reassigns it. */
  awaitingReassignment: boolean;
  closedAt?: string;
}

export interface CaseStateAtPoint {
  afterSequence: number;
  /** When that event happened. */
  at: string;
  eventType: string;
  /** 1 for the first run of the case, 2 once it was reopened, … */
  run: number;
  stage: CaseStage;
  identityStatus?: string;
  welfare?: { status?: string; decile?: number; pipCandidate?: boolean };
  reportCount: number;
  tasks: TaskAtPoint[];
  openTasks: TaskAtPoint[];
  /** The earliest due date among the open tasks. */
  nextDueAt?: string;
  overdue: boolean;
  outcome?: CaseOutcome;
  closeReason?: CloseReason;
  openedAt: string;
  closedAt?: string;
}

/** Every stage a case starts in: CaseFile's initial stage. */
const FIRST_STAGE: CaseStage = 'VERIFYING_IDENTITY';

/** The state after the event with `afterSequence`, or undefined when the case has no such event. */
export function caseStateAfter(events: readonly RecordedCaseEvent[], afterSequence: number): CaseStateAtPoint | undefined {
  const ordered = [...events].sort((a, b) => a.sequence - b.sequence);
  const upTo = ordered.findIndex((event) => event.sequence === afterSequence);
  if (upTo < 0) return undefined;
  let state: CaseStateAtPoint | undefined;
  for (const event of ordered.slice(0, upTo + 1)) state = apply(state, event);
  return state;
}

/** The state after each event in turn: what the history page steps through. */
export function caseStates(events: readonly RecordedCaseEvent[]): CaseStateAtPoint[] {
  const states: CaseStateAtPoint[] = [];
  let state: CaseStateAtPoint | undefined;
  for (const event of [...events].sort((a, b) => a.sequence - b.sequence)) {
    state = apply(state, event);
    states.push(state);
  }
  return states;
}

function apply(previous: CaseStateAtPoint | undefined, event: RecordedCaseEvent): CaseStateAtPoint {
  const state = previous ? clone(previous) : fresh(event, 1);
  const data = event.data;
  const task = typeof data.taskId === 'string' ? state.tasks.find((t) => t.taskId === data.taskId) : undefined;
  switch (event.type) {
    case 'CASE_OPENED':
    case 'CASE_REOPENED':
      // A report of a child whose case was closed starts a new run of the same case.
      if (previous) return finish(fresh(event, previous.run + 1, previous.reportCount + 1), event);
      break;
    case 'STAGE_CHANGED':
      if (typeof data.to === 'string') state.stage = data.to as CaseStage;
      break;
    case 'IDENTITY_CONFIRMED':
      if (typeof data.identityStatus === 'string') state.identityStatus = data.identityStatus;
      break;
    case 'WELFARE_CHECKED':
      state.welfare = {
        ...(typeof data.status === 'string' ? { status: data.status } : {}),
        ...(typeof data.decile === 'number' ? { decile: data.decile } : {}),
        ...(typeof data.pipCandidate === 'boolean' ? { pipCandidate: data.pipCandidate } : {}),
      };
      break;
    case 'REPORT_ADDED':
      state.reportCount = typeof data.reportCount === 'number' ? data.reportCount : state.reportCount + 1;
      break;
    case 'TASK_OPENED':
      if (typeof data.taskId === 'string' && typeof data.type === 'string' && typeof data.assigneeOfficerId === 'string' && typeof data.dueAt === 'string') {
        state.tasks.push({
          taskId: data.taskId, type: data.type as TaskType, status: 'OPEN', assigneeOfficerId: data.assigneeOfficerId, openedAt: event.occurredAt,
          dueAt: data.dueAt, overdue: false, escalationLevel: 0, awaitingReassignment: false,
        });
      }
      break;
    case 'TASK_ESCALATED':
      if (task && typeof data.level === 'number') {
        task.escalationLevel = Math.max(task.escalationLevel, data.level);
        // An assignee who cannot be reached is reported up at once, before the task is late.
        if (data.cause !== 'ASSIGNEE_UNREACHABLE') task.overdue = true;
      }
      break;
    case 'TASK_REASSIGNED':
      if (task && typeof data.toOfficerId === 'string') {
        Object.assign(task, { assigneeOfficerId: data.toOfficerId, overdue: false, escalationLevel: 0, awaitingReassignment: false });
        if (typeof data.dueAt === 'string') task.dueAt = data.dueAt;
      }
      break;
    case 'TASK_DECLINED':
      if (task && typeof data.toOfficerId === 'string') Object.assign(task, { assigneeOfficerId: data.toOfficerId, awaitingReassignment: true });
      break;
    case 'TASK_COMPLETED':
    case 'TASK_CANCELLED':
      if (task) Object.assign(task, { status: event.type === 'TASK_COMPLETED' ? 'COMPLETED' : 'CANCELLED', closedAt: event.occurredAt });
      break;
    case 'CASE_CLOSED':
      if (data.outcome === 'RETAINED' || data.outcome === 'ENROLLED' || data.outcome === 'CLOSED') state.outcome = data.outcome;
      if (typeof data.reason === 'string') state.closeReason = data.reason as CloseReason;
      state.closedAt = event.occurredAt;
      state.stage = 'CLOSED';
      break;
    default:
      // Reminders, registry outages, bounced emails, identity findings: recorded, but they change no state shown here.
      break;
  }
  return finish(state, event);
}

function fresh(event: RecordedCaseEvent, run: number, reportCount = 1): CaseStateAtPoint {
  return {
    afterSequence: event.sequence, at: event.occurredAt, eventType: event.type, run, stage: FIRST_STAGE, reportCount,
    tasks: [], openTasks: [], overdue: false, openedAt: event.occurredAt,
  };
}

function finish(state: CaseStateAtPoint, event: RecordedCaseEvent): CaseStateAtPoint {
  state.afterSequence = event.sequence;
  state.at = event.occurredAt;
  state.eventType = event.type;
  state.openTasks = state.tasks.filter((task) => task.status === 'OPEN');
  state.overdue = state.openTasks.some((task) => task.overdue);
  const due = state.openTasks.map((task) => task.dueAt).sort();
  if (due.length > 0) state.nextDueAt = due[0];
  else delete state.nextDueAt;
  return state;
}

function clone(state: CaseStateAtPoint): CaseStateAtPoint {
  return { ...state, ...(state.welfare ? { welfare: { ...state.welfare } } : {}), tasks: state.tasks.map((task) => ({ ...task })), openTasks: [] };
}
