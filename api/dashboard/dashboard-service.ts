import type { Principal } from '../../domain/access.js';
import { CASE_STAGE_LABELS, CASE_STAGES } from '../../domain/case.js';
import type { DashboardFigures, DashboardFilter, KecamatanCounts, MedianDays, OfficerTaskLoad } from '../../domain/dashboard.js';
import { kecamatanName } from '../../domain/kecamatan.js';
import { monthLabel, witaMonthOf } from '../../domain/period.js';
import { AGENCIES, AGENCY_LABELS, type Agency } from '../../domain/tasks.js';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import { caseConditions, kecamatanInView } from './case-area.js';

/**
 * The dashboard's figures, computed in PostgreSQL: four aggregate queries whatever the number of
 * cases, each returning at most a few hundred rows (kecamatan × stage, officers with open tasks).
 * Indexes they lean on: cases (kecamatan, category) and (opened_at, id) for the selection, tasks
 * (case_id, task_id) for joining a case's tasks, tasks (status, due_at) for the open ones. Over
 * 10,000 cases the whole dashboard takes about 50 ms (tests/integration/dashboard/ten-thousand-cases).
 */
export async function dashboardFigures(
  prisma: PrismaClient,
  filter: DashboardFilter,
  caller: Pick<Principal, 'scope'>,
  now: Date = new Date(),
): Promise<DashboardFigures> {
  const where = caseConditions(filter, caller);
  const month = witaMonthOf(now);
  const [byStage, officers, visit, enrolment, health] = await Promise.all([
    prisma.$queryRaw<StageRow[]>(Prisma.sql`
      SELECT c.kecamatan, c.stage,
             count(*)::int AS cases,
             count(*) FILTER (WHERE c.overdue AND c.stage <> 'CLOSED')::int AS overdue,
             count(*) FILTER (WHERE c.enrolled_at IS NOT NULL)::int AS enrolled,
             count(*) FILTER (WHERE c.stage = 'CLOSED' AND c.enrolled_at IS NULL)::int AS closed
        FROM cases c
       WHERE ${where}
       GROUP BY c.kecamatan, c.stage`),
    prisma.$queryRaw<OfficerRow[]>(Prisma.sql`
      SELECT o.id, o.name, o.agency,
             count(*)::int AS open,
             count(*) FILTER (WHERE t.due_at < ${now})::int AS overdue
        FROM tasks t
        JOIN cases c ON c.id = t.case_id
        JOIN officers o ON o.id = t.assignee_id
       WHERE t.status = 'OPEN' AND ${where}
       GROUP BY o.id, o.name, o.agency`),
    // A case's home visit is its first completed visit report of the current run (a reopened case starts over).
    prisma.$queryRaw<MedianRow[]>(Prisma.sql`
      WITH visited AS (
        SELECT extract(epoch FROM min(t.closed_at) - c.opened_at) / 86400 AS days
          FROM cases c
          JOIN tasks t ON t.case_id = c.id
         WHERE t.type = 'VISIT_REPORT' AND t.status = 'COMPLETED' AND t.closed_at >= c.opened_at AND ${where}
         GROUP BY c.id, c.opened_at
      )
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median, count(*)::int AS cases FROM visited`),
    // Enrolled children count from the enrolment, whether the case is still watching the roll or has closed.
    prisma.$queryRaw<(MedianRow & { this_month: number })[]>(Prisma.sql`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.enrolled_at - c.opened_at) / 86400) AS median,
             count(*)::int AS cases,
             count(*) FILTER (WHERE c.enrolled_at >= ${month.start} AND c.enrolled_at < ${month.end})::int AS this_month
        FROM cases c
       WHERE c.enrolled_at IS NOT NULL AND ${where}`),
    // The watchdog's open findings (case_health_violations), for the cases in view.
    prisma.$queryRaw<{ cases: number; violations: number }[]>(Prisma.sql`
      SELECT count(DISTINCT v.case_id)::int AS cases, count(*)::int AS violations
        FROM case_health_violations v
        JOIN cases c ON c.id = v.case_id
       WHERE v.resolved_at IS NULL AND ${where}`),
  ]);

  const kecamatan = kecamatanTable(kecamatanInView(filter, caller), byStage);
  const byOfficer = officers
    .map((row): OfficerTaskLoad => ({ officerId: row.id, name: row.name, agency: row.agency as Agency, open: row.open, overdue: row.overdue }))
    .sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.name.localeCompare(b.name, 'id'));
  return {
    filter,
    scope: caller.scope,
    generatedAt: now.toISOString(),
    funnel: CASE_STAGES.map((stage) => ({
      stage,
      label: CASE_STAGE_LABELS[stage],
      cases: byStage.filter((row) => row.stage === stage).reduce((sum, row) => sum + row.cases, 0),
    })),
    tasks: {
      open: sum(byOfficer, 'open'),
      overdue: sum(byOfficer, 'overdue'),
      byAgency: AGENCIES.map((agency) => {
        const ofAgency = byOfficer.filter((officer) => officer.agency === agency);
        return { agency, label: AGENCY_LABELS[agency], open: sum(ofAgency, 'open'), overdue: sum(ofAgency, 'overdue') };
      }),
      byOfficer,
    },
    kecamatan,
    totals: {
      cases: sum(kecamatan, 'cases'),
      open: sum(kecamatan, 'open'),
      overdue: sum(kecamatan, 'overdue'),
      enrolled: sum(kecamatan, 'enrolled'),
      closed: sum(kecamatan, 'closed'),
    },
    reportToHomeVisit: median(visit[0]),
    reportToEnrolment: median(enrolment[0]),
    enrolledThisMonth: { month: month.month, label: monthLabel(month.month), cases: enrolment[0]?.this_month ?? 0 },
    caseHealth: { cases: health[0]?.cases ?? 0, violations: health[0]?.violations ?? 0 },
  };
}

interface StageRow {
  kecamatan: string;
  stage: string;
  cases: number;
  overdue: number;
  enrolled: number;
  closed: number;
}

interface OfficerRow {
  id: string;
  name: string;
  agency: string;
  open: number;
  overdue: number;
}

interface MedianRow {
  median: number | null;
  cases: number;
}

/** Every kecamatan in view, those without cases too: a blank row says nobody has reported a child there. */
function kecamatanTable(codes: string[], rows: StageRow[]): KecamatanCounts[] {
  return codes.map((code) => {
    const here = rows.filter((row) => row.kecamatan === code);
    const cases = sum(here, 'cases');
    const enrolled = sum(here, 'enrolled');
    const closed = sum(here, 'closed');
    return { code, name: kecamatanName(code), cases, open: cases - enrolled - closed, overdue: sum(here, 'overdue'), enrolled, closed };
  });
}

function median(row: MedianRow | undefined): MedianDays {
  if (!row || row.cases === 0 || row.median === null) return { days: null, cases: 0 };
  return { days: Math.round(Number(row.median) * 10) / 10, cases: row.cases };
}

function sum<K extends string, T extends Record<K, number>>(rows: readonly T[], key: K): number {
  return rows.reduce((total, row) => total + row[key], 0);
}
