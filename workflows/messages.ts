import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, CaseNoteRequest, CaseView, CloseCaseRequest } from '../domain/case.js';
import type { IntakeReport } from '../domain/intake.js';
import type { DeclineTaskRequest, ReassignTaskRequest, TaskMoved } from '../domain/task-moves.js';
import type { TaskSubmission } from '../domain/tasks.js';
import type { FieldError } from '../domain/validation.js';

export interface CaseWorkflowInput {
  caseId: string;
  report: IntakeReport;
  reportedBy: Actor;
  /**
   * Which run of the child's case this is, when a report reopens a closed case (2 for the first
   * reopening); absent for a case's first run. The tasks of a later run need ids of their own,
   * because the database keeps the earlier run's tasks under theirs.
   */
  run?: number;
}

/** An officer completes a task (the API has checked the link's token and passes the officer's id). */
export const completeTaskUpdate = defineUpdate<{ taskId: string; status: 'COMPLETED' }, [TaskSubmission]>('completeTask');

/** A supervisor (task link of theirs) or a coordinator (API key) hands an open task to another officer. */
export const reassignTaskUpdate = defineUpdate<TaskMoved, [ReassignTaskRequest]>('reassignTask');

/** The assignee cannot do the task; it goes to their supervisor, who reassigns it. */
export const declineTaskUpdate = defineUpdate<TaskMoved, [DeclineTaskRequest]>('declineTask');

/** A further report of a child whose case is already running. */
export const addReportUpdate = defineUpdate<{ caseId: string; reportCount: number }, [IntakeReport, Actor]>('addReport');

/** A coordinator closes the case with a reason. */
export const closeCaseUpdate = defineUpdate<{ caseId: string; stage: 'CLOSED' }, [CloseCaseRequest, Actor]>('closeCase');

/** A coordinator adds a note to the case's history. */
export const addNoteUpdate = defineUpdate<{ caseId: string; addedAt: string }, [CaseNoteRequest, Actor]>('addNote');

export const getCaseQuery = defineQuery<CaseView>('getCase');

/**
 * Why the workflow refuses an update. Validators throw plain Errors with these messages (people read them),
 * so the caller sees them as the cause of a WorkflowUpdateFailedError.
 */
export const UPDATE_REJECTIONS = {
  TASK_NOT_FOUND: 'Tugas tidak ditemukan.',
  TASK_COMPLETED: 'Tugas ini sudah selesai.',
  TASK_CANCELLED: 'Tugas ini sudah dibatalkan.',
  NOT_THE_ASSIGNEE: 'Tautan ini bukan untuk petugas yang ditugaskan.',
  CASE_CLOSED: 'Kasus ini sudah ditutup.',
  SAME_OFFICER: 'Tugas ini sudah ditangani oleh petugas tersebut.',
  TASK_BEING_MOVED: 'Tugas ini sedang dialihkan. Coba lagi sebentar lagi.',
} as const;

const FORM_REJECTION_PREFIX = 'INVALID_FORM:';

/** The rejection of a task form that fails its schema: the field errors travel JSON-encoded in the message. */
export function formRejection(fields: FieldError[]): Error {
  return new Error(`${FORM_REJECTION_PREFIX}${JSON.stringify(fields)}`);
}

/** The field errors of a form rejection, or undefined when the message is some other rejection. */
export function parseFormRejection(message: string): FieldError[] | undefined {
  if (!message.startsWith(FORM_REJECTION_PREFIX)) return undefined;
  try {
    const parsed: unknown = JSON.parse(message.slice(FORM_REJECTION_PREFIX.length));
    return Array.isArray(parsed) && parsed.every(isFieldError) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isFieldError(value: unknown): value is FieldError {
  return (
    typeof value === 'object' && value !== null &&
    typeof (value as FieldError).field === 'string' && typeof (value as FieldError).message === 'string'
  );
}
