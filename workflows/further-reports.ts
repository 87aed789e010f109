import { setHandler } from '@temporalio/workflow';
import type { IntakeReport } from '../domain/intake.js';
import { iso, type CaseFile } from './case-file.js';
import { addReportUpdate, UPDATE_REJECTIONS } from './messages.js';

/**
 * Another report of a child whose case is running joins the case: it is counted as a source and the audit
 * log notes which details differ from what the case holds. A closed case takes no reports; the caller opens
 * a new run instead.
 */
export function acceptFurtherReports(c: CaseFile): void {
  setHandler(
    addReportUpdate,
    async (report, actor) => {
      c.sources.push({ channel: report.source.channel, reference: report.source.reference, reportedAt: iso(Date.now()) });
      const reportCount = c.sources.length;
      await c.record(
        'REPORT_ADDED',
        { channel: report.source.channel, reference: report.source.reference, differingFields: fieldsThatDiffer(c, report), reportCount },
        { actor },
      );
      return { caseId: c.caseId, reportCount };
    },
    {
      validator: (_report, _actor) => {
        if (c.closing) throw new Error(UPDATE_REJECTIONS.CASE_CLOSED);
      },
    },
  );
}

/** Names only (e.g. `child.fullName`): the values are personal data and stay in the report itself. */
function fieldsThatDiffer(c: CaseFile, report: IntakeReport): string[] {
  const child = Object.entries(report.child)
    .filter(([field, value]) => value !== undefined && c.child[field as keyof typeof c.child] !== value)
    .map(([field]) => `child.${field}`);
  return report.category === c.category ? child : [...child, 'category'];
}
