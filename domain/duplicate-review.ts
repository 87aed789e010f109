import type { Actor } from './case.js';
import type { TaskDeadline } from './deadline-policy.js';
import type { IntakeReport } from './intake.js';
import type { BirthDateMatch } from './name-similarity.js';
import { withoutControlCharacters, z } from './validation.js';

/**
 * A duplicate review: a report of a child without NIK that looks like a child who already has a case
 * waits for a coordinator, who merges it into that case or keeps the two apart.
 */
export const REVIEW_STATUSES = ['PENDING', 'MERGED', 'KEPT_APART'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  PENDING: 'Menunggu keputusan',
  MERGED: 'Digabungkan',
  KEPT_APART: 'Dipisahkan',
};

export const REVIEW_DECISIONS = ['MERGE', 'KEEP_APART'] as const;
export type ReviewDecisionKind = (typeof REVIEW_DECISIONS)[number];

export const NOTE_MIN_LENGTH = 3;
export const NOTE_MAX_LENGTH = 1000;

/** What the coordinator decides, with why: the one shape of the API, the page's form and the workflow's update. */
export const reviewDecisionSchema = withoutControlCharacters(
  z
    .object({
      decision: z.enum(REVIEW_DECISIONS, { message: 'Pilih gabungkan atau pisahkan.' }),
      caseId: z.string().trim().min(1).max(120).optional(),
      note: z.string().trim().min(NOTE_MIN_LENGTH, `Tuliskan alasan keputusan (minimal ${NOTE_MIN_LENGTH} karakter).`).max(NOTE_MAX_LENGTH),
    })
    .strict()
    .superRefine((decision, ctx) => {
      if (decision.decision === 'MERGE' && !decision.caseId) {
        ctx.addIssue({ code: 'custom', path: ['caseId'], message: 'Pilih kasus tujuan penggabungan.' });
      }
    }),
);
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

/** An existing case whose child is a likely duplicate of the report's child, with what matched. */
export interface DuplicateCandidate {
  caseId: string;
  score: number;
  nameSimilarity: number;
  birthDate: BirthDateMatch;
  daysApart: number;
  desaSimilarity: number;
}

export interface DuplicateReviewInput {
  reviewId: string;
  kecamatan: string;
  desa: string;
  report: IntakeReport;
  reportedBy: Actor;
  /** The report's request id: the report joins or opens a case with it once decided. */
  requestId: string;
  candidates: DuplicateCandidate[];
}

/** A report waiting with the review: filed where the decision puts the review's own report. */
export interface WaitingReport {
  report: IntakeReport;
  reportedBy: Actor;
  requestId: string;
}

export interface ReviewOutcome {
  reviewId: string;
  status: Exclude<ReviewStatus, 'PENDING'>;
  /** MERGED: the chosen case; KEPT_APART: the case started for the report. */
  caseId: string;
}

export interface ReviewView {
  reviewId: string;
  status: ReviewStatus;
  candidateCaseIds: string[];
  dueAt?: number;
  remindersSent: number;
  escalationsSent: number;
  /** Further reports of the same child that arrived while the review waited. */
  waitingReports: number;
  outcome?: ReviewOutcome;
}

/** Why the review workflow refuses a decision (plain Error messages, read by people). */
export const REVIEW_REJECTIONS = {
  ALREADY_DECIDED: 'Tinjauan ini sudah diputuskan.',
  NOT_A_CANDIDATE: 'Kasus ini tidak termasuk kasus yang diusulkan dalam tinjauan ini.',
} as const;

/**
 * The review's deadline, in the deadline policy's terms (domain/deadline-policy.ts) and counted on its
 * working calendar: the coordinator has three working days, is reminded the day before, and the head of
 * Disdikbud hears of it when the deadline passes and again three working days later.
 */
export const DUPLICATE_REVIEW_DEADLINE: TaskDeadline = {
  dueInWorkingDays: 3,
  remindBeforeDueWorkingDays: [1],
  escalations: [
    { to: 'HEAD', afterDueWorkingDays: 0 },
    { to: 'HEAD', afterDueWorkingDays: 3 },
  ],
};

/** Case event types the review writes into the cases' audit logs. */
export const REVIEW_EVENT_TYPES = { MERGED: 'DUPLICATE_MERGED', KEPT_APART: 'DUPLICATE_KEPT_APART' } as const;

