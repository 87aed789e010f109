import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, CaseView, CloseCaseRequest } from '../domain/case.js';
import type { IntakeReport } from '../domain/intake.js';
import type { TaskSubmission } from '../domain/tasks.js';

export interface CaseWorkflowInput {
  caseId: string;
  report: IntakeReport;
  reportedBy: Actor;
}

/** An officer completes a task (the API has checked the link's token and passes the officer's id). */
export const completeTaskUpdate = defineUpdate<{ taskId: string; status: 'COMPLETED' }, [TaskSubmission]>('completeTask');

/** A further report of a child whose case is already running. */
export const addReportUpdate = defineUpdate<{ caseId: string; reportCount: number }, [IntakeReport, Actor]>('addReport');

/** A coordinator closes the case with a reason. */
export const closeCaseUpdate = defineUpdate<{ caseId: string; stage: 'CLOSED' }, [CloseCaseRequest, Actor]>('closeCase');

export const getCaseQuery = defineQuery<CaseView>('getCase');
