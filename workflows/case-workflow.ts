import { allHandlersFinished, CancellationScope, condition, isCancellation, patched, setHandler } from '@temporalio/workflow';
import { closeCaseRequestSchema, type CaseOutcome, type CaseView } from '../domain/case.js';
import type { LeftSchool } from '../domain/tasks.js';
import { fieldErrors } from '../domain/validation.js';
import { CaseFile, type CloseCase, type CloseRequest, type Enrolment, type TaskRecord } from './case-file.js';
import { acceptNotes } from './case-notes.js';
import { acceptFurtherReports } from './further-reports.js';
import { visitFamily } from './home-visit.js';
import { acceptTaskSubmissions, closeOpenTasks, humanTask } from './human-task.js';
import { verifyIdentity } from './identity-verification.js';
import { acceptTaskMoves } from './task-moves.js';
import { closeCaseUpdate, formRejection, getCaseQuery, UPDATE_REJECTIONS, type CaseWorkflowInput } from './messages.js';
import { recordLeftSchool, watchSchoolRoll } from './school-monitoring.js';
import { checkWelfare, referForEducationAid } from './welfare-check.js';

/**
 * One child's case, from the first report until the child is back in school and still there months
 * later, or until the coordinator closes it.
 */
export async function childCaseWorkflow(input: CaseWorkflowInput): Promise<CaseView> {
  const c = new CaseFile(input, Date.now());
  const casework = new CancellationScope();
  const requestClose = (request: CloseRequest): void => {
    c.closeRequest = request;
    casework.cancel();
  };
  const closeCase: CloseCase = (request) => {
    requestClose(request);
    return casework.cancelRequested;
  };

  setHandler(getCaseQuery, () => c.view());
  acceptTaskSubmissions(c);
  acceptTaskMoves(c);
  acceptFurtherReports(c);
  acceptNotes(c);
  acceptCloseRequests(c, requestClose);
  c.publishSearchAttributes();

  await openCase(c, input);
  const outcome = await casework.run(() => bringChildBackToSchool(c, closeCase)).catch((error: unknown) => {
    if (isCancellation(error) && c.closeRequest) return undefined;
    throw error;
  });
  if (c.closeRequest) await closeUnfinished(c, c.closeRequest);
  else if (outcome) await closeInSchool(c, outcome);

  await condition(allHandlersFinished);
  return c.view();
}

type InSchool = Extract<CaseOutcome, 'ENROLLED' | 'RETAINED'>;

async function bringChildBackToSchool(c: CaseFile, closeCase: CloseCase): Promise<InSchool> {
  await verifyIdentity(c);
  const referral = await checkWelfare(c);
  const [, outcome] = await Promise.all([
    referral ? referForEducationAid(c, referral) : undefined,
    backToSchoolToStay(c, closeCase),
  ]);
  return outcome;
}

/** Runs that started before the monitoring closed the case as soon as the enrolment was confirmed. */
const POST_ENROLMENT_MONITORING = 'post-enrolment-monitoring';

/** Visits until the child is enrolled, then watches the roll; a child who leaves again is visited again. */
async function backToSchoolToStay(c: CaseFile, closeCase: CloseCase): Promise<InSchool> {
  let followUp: LeftSchool | undefined;
  for (;;) {
    const enrolment = await visitAndEnrol(c, closeCase, followUp);
    if (!patched(POST_ENROLMENT_MONITORING)) return 'ENROLLED';
    const stay = await watchSchoolRoll(c, enrolment);
    if (stay.retained) return 'RETAINED';
    followUp = stay.left;
    await recordLeftSchool(c, followUp);
  }
}

async function visitAndEnrol(c: CaseFile, closeCase: CloseCase, followUp: LeftSchool | undefined): Promise<Enrolment> {
  const agreement = await visitFamily(c, closeCase, followUp);
  await c.moveTo('AWAITING_ENROLMENT');
  const { form } = await humanTask(c, 'ENROLMENT_CONFIRMATION', agreement);
  c.enrolment = { npsn: form.npsn, schoolName: form.schoolName, enrolmentDate: form.enrolmentDate, grade: form.grade };
  return c.enrolment;
}

async function openCase(c: CaseFile, { report, reportedBy }: CaseWorkflowInput): Promise<void> {
  await c.record(
    'CASE_OPENED',
    { category: report.category, reasons: report.reasons, lastSchool: report.lastSchool, notes: report.notes, source: report.source },
    { actor: reportedBy, withChild: true, withGuardian: true },
  );
  await c.records.linkChildIdentity({ caseId: c.caseId, child: c.child });
}

/** A coordinator may close the case at any moment; whatever is under way stops and open tasks are cancelled. */
function acceptCloseRequests(c: CaseFile, requestClose: (request: CloseRequest) => void): void {
  setHandler(
    closeCaseUpdate,
    async (request, actor) => {
      requestClose({ ...closeCaseRequestSchema.parse(request), actor });
      await condition(() => c.closeRecorded);
      return { caseId: c.caseId, stage: 'CLOSED' };
    },
    {
      validator: (request, _actor) => {
        if (c.closing) throw new Error(UPDATE_REJECTIONS.CASE_CLOSED);
        const parsed = closeCaseRequestSchema.safeParse(request);
        if (!parsed.success) throw formRejection(fieldErrors(parsed.error));
      },
    },
  );
}

/** Runs that started before the close was emailed to the officers closed without a word. */
const CASE_CLOSED_EMAILS = 'case-closed-emails';

async function closeUnfinished(c: CaseFile, request: CloseRequest): Promise<void> {
  const cancelled = await closeOpenTasks(c, request.actor);
  c.waitingFor = undefined;
  c.outcome = 'CLOSED';
  c.closeReason = request.reason;
  c.closedAt = Date.now();
  await c.moveTo('CLOSED', request.actor);
  await c.record('CASE_CLOSED', { outcome: 'CLOSED', reason: request.reason, note: request.note }, { actor: request.actor });
  c.closeRecorded = true;
  await tellCaseClosed(c, cancelled);
}

async function closeInSchool(c: CaseFile, outcome: InSchool): Promise<void> {
  const enrolment = c.enrolment!;
  c.outcome = outcome;
  c.closedAt = Date.now();
  c.enrolledAt ??= c.closedAt;
  await c.moveTo('CLOSED');
  await c.record('CASE_CLOSED', { outcome, npsn: enrolment.npsn, grade: enrolment.grade });
  c.closeRecorded = true;
  await tellCaseClosed(c, []);
}

/** The officers whose tasks the close cancelled learn they can stop; the coordinator learns the outcome. */
async function tellCaseClosed(c: CaseFile, cancelled: TaskRecord[]): Promise<void> {
  if (!patched(CASE_CLOSED_EMAILS)) return;
  const { undeliverable } = await c.records.notifyCaseClosed({
    caseId: c.caseId,
    outcome: c.outcome!,
    ...(c.closeReason ? { closeReason: c.closeReason } : {}),
    cancelledTasks: cancelled.map((task) => ({ taskId: task.taskId, type: task.type, officerId: task.assignee.officerId })),
  });
  for (const officerId of undeliverable) await c.record('EMAIL_UNDELIVERABLE', { kind: 'CASE_CLOSED', recipientOfficerId: officerId });
}
