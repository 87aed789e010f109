import type { LeftSchool, ReturnPath, TaskContext, TaskForm } from '../domain/tasks.js';
import type { CaseFile, CloseCase } from './case-file.js';
import { humanTask } from './human-task.js';

/** The field officer tries this many times to meet the family before the coordinator is asked. */
const VISIT_ATTEMPTS_PER_ROUND = 2;

export interface Agreement {
  agreedPath: ReturnPath;
  targetSchool?: { name: string; npsn?: string };
}

type VisitReport = TaskForm<'VISIT_REPORT'>;

type VisitRound =
  | { agreed: true; report: Extract<VisitReport, { familyMet: true }> }
  | { agreed: false; question: TaskContext<'COORDINATOR_DECISION'>['question'] };

/**
 * Visits the family until child and parents agree a path back to school. When the family cannot be found,
 * or will not, the coordinator decides whether to keep trying or to close the case. `followUp` says why
 * a child who was back in school is visited again; each visit it schedules shows it.
 */
export async function visitFamily(c: CaseFile, closeCase: CloseCase, followUp?: LeftSchool): Promise<Agreement> {
  for (;;) {
    await c.moveTo('HOME_VISIT');
    const round = await visitRound(c, followUp);
    if (round.agreed) {
      c.agreedPath = round.report.agreedPath;
      c.targetSchool = round.report.targetSchool;
      return { agreedPath: round.report.agreedPath, targetSchool: round.report.targetSchool };
    }
    await c.moveTo('AWAITING_DECISION');
    const { form, completedBy } = await humanTask(c, 'COORDINATOR_DECISION', { question: round.question, visitAttempts: c.visitAttempts });
    if (form.decision === 'CLOSE') {
      // The decision form's schema requires a reason whenever the coordinator closes.
      return closeCase({ reason: form.closeReason!, note: form.note, actor: completedBy });
    }
  }
}

async function visitRound(c: CaseFile, followUp: LeftSchool | undefined): Promise<VisitRound> {
  for (let tries = 0; tries < VISIT_ATTEMPTS_PER_ROUND; tries += 1) {
    const report = await visitOnce(c, followUp);
    if (report.familyMet) {
      return report.childWilling && report.parentsWilling ? { agreed: true, report } : { agreed: false, question: 'FAMILY_UNWILLING' };
    }
  }
  return { agreed: false, question: 'FAMILY_NOT_FOUND' };
}

async function visitOnce(c: CaseFile, followUp: LeftSchool | undefined): Promise<VisitReport> {
  const attempt = c.visitAttempts + 1;
  const scheduled = await humanTask(c, 'VISIT_SCHEDULING', followUp ? { attempt, followUp } : { attempt });
  const visit = await humanTask(c, 'VISIT_REPORT', { attempt, visitDate: scheduled.form.visitDate });
  c.visitAttempts = attempt;
  return visit.form;
}
