import type { TaskDeadline } from './deadline-policy.js';
import { withoutControlCharacters, z } from './validation.js';

/**
 * The reconciliation: every night the civil registry's school-age children of each kecamatan are
 * compared with the school roll (Dapodik) and with the cases. A child in neither becomes a
 * candidate, whom the kecamatan's coordinator either turns into a case or dismisses with a reason.
 */

/** Why a child became a candidate: not on any school's roll, or on it with an exit and no re-entry. */
export const CANDIDATE_REASONS = ['NOT_ON_ROLL', 'LEFT_SCHOOL'] as const;
export type CandidateReason = (typeof CANDIDATE_REASONS)[number];
export const CANDIDATE_REASON_LABELS: Record<CandidateReason, string> = {
  NOT_ON_ROLL: 'Tidak terdaftar di Dapodik',
  LEFT_SCHOOL: 'Keluar sekolah, belum kembali',
};

/**
 * OPEN: waiting for the coordinator. CASE_STARTED: a case carries the child now. CASE_IN_REVIEW: the
 * report waits for a duplicate review before it becomes a case. DISMISSED: the coordinator said why not.
 */
export const CANDIDATE_STATUSES = ['OPEN', 'CASE_STARTED', 'CASE_IN_REVIEW', 'DISMISSED'] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];
export const CANDIDATE_STATUS_LABELS: Record<CandidateStatus, string> = {
  OPEN: 'Menunggu keputusan',
  CASE_STARTED: 'Kasus dibuka',
  CASE_IN_REVIEW: 'Menunggu pemeriksaan duplikat',
  DISMISSED: 'Diabaikan',
};

export const DISMISS_REASONS = ['SCHOOLED_OUTSIDE_DISTRICT', 'PESANTREN_WITHOUT_NISN', 'MOVED_AWAY', 'DECEASED', 'OTHER'] as const;
export type DismissReason = (typeof DISMISS_REASONS)[number];
export const DISMISS_REASON_LABELS: Record<DismissReason, string> = {
  SCHOOLED_OUTSIDE_DISTRICT: 'Bersekolah di luar kabupaten',
  PESANTREN_WITHOUT_NISN: 'Pesantren tanpa NISN',
  MOVED_AWAY: 'Sudah pindah domisili',
  DECEASED: 'Meninggal dunia',
  OTHER: 'Lainnya (dengan catatan)',
};

/** The coordinator's decision on a candidate: one shape for the API, the page's form and the review workflow's validator. */
export const candidateDecisionSchema = withoutControlCharacters(
  z
    .discriminatedUnion(
      'decision',
      [
        z.object({ decision: z.literal('START_CASE'), note: z.string().trim().max(1000).optional() }).strict(),
        z
          .object({
            decision: z.literal('DISMISS'),
            reason: z.enum(DISMISS_REASONS, { message: 'Pilih alasan mengabaikan anak ini.' }),
            note: z.string().trim().max(1000).optional(),
          })
          .strict(),
      ],
      { message: 'Pilih START_CASE (buka kasus) atau DISMISS (abaikan dengan alasan).' },
    )
    .superRefine((decision, ctx) => {
      if (decision.decision === 'DISMISS' && decision.reason === 'OTHER' && !decision.note) {
        ctx.addIssue({ code: 'custom', path: ['note'], message: 'Tulis catatan bila alasannya "Lainnya".' });
      }
    }),
);
export type CandidateDecision = z.infer<typeof candidateDecisionSchema>;

/** What came of a decision, as the review workflow returns it. */
export type CandidateOutcome =
  | { status: 'CASE_STARTED'; caseId: string }
  | { status: 'CASE_IN_REVIEW'; reviewId: string }
  | { status: 'DISMISSED' };

/**
 * A candidate's review deadline, in the deadline policy's terms (domain/deadline-policy.ts) and counted on
 * its working calendar from the night the candidate was raised: the kecamatan's coordinator has five
 * working days (a run raises many children at once), is reminded the working day before, and the head of
 * Disdikbud hears of it when the deadline passes and again five working days later.
 */
export const CANDIDATE_REVIEW_DEADLINE: TaskDeadline = {
  dueInWorkingDays: 5,
  remindBeforeDueWorkingDays: [1],
  escalations: [
    { to: 'HEAD', afterDueWorkingDays: 0 },
    { to: 'HEAD', afterDueWorkingDays: 5 },
  ],
};

/** What one kecamatan's reconciliation counted. */
export const KECAMATAN_COUNT_FIELDS = [
  /** School-age residents in the civil registry. */
  'residents',
  /** Of them, active pupils (in this kecamatan's schools or elsewhere). */
  'enrolled',
  /** On no school's roll. */
  'notOnRoll',
  /** On the roll with an exit (drop-out, or moved without a new school) and no re-entry. */
  'leftSchool',
  /** Gaps that already have a case, open or closed. */
  'alreadyInCase',
  /** Gaps raised by an earlier run whose review is still open. */
  'alreadyRaised',
  /** Gaps a coordinator dismissed earlier (the dismissal still stands). */
  'dismissed',
  /** Gaps raised as new candidates by this run. */
  'newCandidates',
  /** New candidates that started a case at once (RECONCILIATION_AUTO_START). */
  'casesStarted',
  /** Poor households (Dinsos, deciles up to WELFARE_MAX_DECILE) with children still in school, flagged for preventive outreach by this run. */
  'atRiskHouseholds',
  /** Such households whose outreach from an earlier run is still open. */
  'alreadyFlagged',
  /** Registry requests that failed even after retries (the kecamatan's result is then incomplete). */
  'registryErrors',
] as const;
export type KecamatanCountField = (typeof KECAMATAN_COUNT_FIELDS)[number];
export type KecamatanCounts = Record<KecamatanCountField, number>;

export function zeroCounts(): KecamatanCounts {
  return Object.fromEntries(KECAMATAN_COUNT_FIELDS.map((field) => [field, 0])) as KecamatanCounts;
}

export function addCounts(a: KecamatanCounts, b: Partial<KecamatanCounts>): KecamatanCounts {
  return Object.fromEntries(KECAMATAN_COUNT_FIELDS.map((field) => [field, a[field] + (b[field] ?? 0)])) as KecamatanCounts;
}

/** RUNNING while pages are read; COMPLETED; REGISTRY_ERROR when a registry stayed down (the counts so far are kept). */
export const KECAMATAN_RESULT_STATUSES = ['RUNNING', 'COMPLETED', 'REGISTRY_ERROR'] as const;
export type KecamatanResultStatus = (typeof KECAMATAN_RESULT_STATUSES)[number];

/** RUNNING; COMPLETED: every kecamatan done; PARTIAL: some kecamatan stopped at a registry error. */
export const RUN_STATUSES = ['RUNNING', 'COMPLETED', 'PARTIAL'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const RUN_TRIGGERS = ['SCHEDULE', 'MANUAL'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];
