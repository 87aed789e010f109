import type { CaseStage } from './case.js';
import { ATS_CATEGORIES, type IntakeReport } from './intake.js';
import { KECAMATAN_CODES } from './kecamatan.js';
import type { Agency } from './tasks.js';
import { isoDate, z } from './validation.js';

/**
 * What the coordinators' dashboard may be narrowed to. Every figure on it counts only the cases that
 * pass all filters (tasks and medians included) and lie in the caller's area. The period is the day
 * the case was opened (reported), in WITA, both ends included.
 */
export const dashboardFilterSchema = z
  .object({
    kecamatan: z.enum(KECAMATAN_CODES, { message: 'Kecamatan tidak dikenal.' }).optional(),
    category: z.enum(ATS_CATEGORIES, { message: 'Kategori harus DO, LTM, atau BPB.' }).optional(),
    from: isoDate.optional().meta({ description: 'Dilaporkan sejak tanggal ini (TTTT-BB-HH, WITA), termasuk.' }),
    to: isoDate.optional().meta({ description: 'Dilaporkan sampai tanggal ini (TTTT-BB-HH, WITA), termasuk.' }),
  })
  .refine((filter) => filter.from === undefined || filter.to === undefined || filter.from <= filter.to, {
    path: ['to'],
    message: 'Tanggal akhir tidak boleh sebelum tanggal awal.',
  });
export type DashboardFilter = z.infer<typeof dashboardFilterSchema>;

export interface StageCount {
  stage: CaseStage;
  label: string;
  cases: number;
}

export interface TaskLoad {
  open: number;
  /** Open tasks past their due date. */
  overdue: number;
}

/** Tasks count for the agency of the officer who holds them now (a declined task sits with that agency's supervisor). */
export interface AgencyTaskLoad extends TaskLoad {
  agency: Agency;
  label: string;
}

export interface OfficerTaskLoad extends TaskLoad {
  officerId: string;
  name: string;
  agency: Agency;
}

/** One kecamatan's cases: open + enrolled + closed = cases. */
export interface KecamatanCounts {
  code: string;
  name: string;
  cases: number;
  /** Still being worked on, before an enrolment. */
  open: number;
  /** Open and flagged overdue (a task of theirs passed its due date). */
  overdue: number;
  /** Back in school: watched on the school roll for a few months, or closed as enrolled or retained. */
  enrolled: number;
  /** Closed for another reason (moved, duplicate, …). */
  closed: number;
}

export interface MedianDays {
  /** Median in days, one decimal; null when no case has got that far. */
  days: number | null;
  /** How many cases the median is taken over. */
  cases: number;
}

export interface DashboardFigures {
  filter: DashboardFilter;
  /** The kecamatan the caller sees; empty means the whole district. */
  scope: string[];
  generatedAt: string;
  funnel: StageCount[];
  tasks: TaskLoad & { byAgency: AgencyTaskLoad[]; byOfficer: OfficerTaskLoad[] };
  kecamatan: KecamatanCounts[];
  totals: Omit<KecamatanCounts, 'code' | 'name'>;
  /** From the report (case opened) to the first completed home-visit report. */
  reportToHomeVisit: MedianDays;
  /** From the report to the school's confirmation of the enrolment. */
  reportToEnrolment: MedianDays;
  /** Enrolments confirmed in the current WITA calendar month. */
  enrolledThisMonth: { month: string; label: string; cases: number };
  /** Open cases the watchdog found without a running process, an owner or a next deadline, and their open violations. */
  caseHealth: { cases: number; violations: number };
}

export type AtsCategory = IntakeReport['category'];
