/**
 * What the duplicate review workflow asks of the outside world. The workflow imports these types only;
 * `createReviewActivities(deps)` implements them. Each is idempotent: Temporal runs activities at least once.
 */
import type { Actor } from '../../domain/case.js';
import type { ReviewDecisionKind } from '../../domain/duplicate-review.js';
import type { IntakeReport } from '../../domain/intake.js';

export interface OpenReviewInput {
  reviewId: string;
  kecamatan: string;
  desa: string;
  /** Workflow time when the review opened (ms since epoch); the deadline counts from it. */
  openedAt: number;
}

export interface ReviewLadderStep {
  kind: 'REMINDER' | 'ESCALATION';
  at: number;
  /** 0 for reminders; 1.. for escalations. */
  level: number;
  recipientOfficerId: string;
}

export interface OpenedReview {
  dueAt: number;
  /** The kecamatan's coordinator, told of the review; undefined when the directory has none (the review still waits in the list). */
  coordinatorId?: string;
  ladder: ReviewLadderStep[];
}

export interface SendReviewEmailInput {
  reviewId: string;
  kind: 'REMINDER' | 'ESCALATION';
  /** Position on the ladder; with the review id and kind it makes the email's idempotency key. */
  step: number;
  recipientOfficerId: string;
}

export interface FileReviewedReportInput {
  reviewId: string;
  decision: ReviewDecisionKind;
  /** MERGE: the chosen case. */
  caseId?: string;
  report: IntakeReport;
  reportedBy: Actor;
  requestId: string;
}

export interface RecordReviewDecisionInput {
  reviewId: string;
  decision: ReviewDecisionKind;
  /** The case the report now belongs to. */
  caseId: string;
  candidateCaseIds: string[];
  decidedBy: Actor;
  decidedAt: number;
  note: string;
}

export interface ReviewActivities {
  /** Sets the deadline, tells the kecamatan's coordinator (once) and returns who hears of it when. */
  openReview(input: OpenReviewInput): Promise<OpenedReview>;
  /** A reminder to the coordinator or an escalation to the head; nothing once the review is decided. */
  sendReviewEmail(input: SendReviewEmailInput): Promise<{ sent: boolean }>;
  /** MERGE: the report joins the chosen case; KEEP_APART: a case starts for it. Returns the case. */
  fileReviewedReport(input: FileReviewedReportInput): Promise<{ caseId: string }>;
  /** Writes the decision into the review row and the audit log of every case it touches; links the alias on MERGE. */
  recordReviewDecision(input: RecordReviewDecisionInput): Promise<void>;
}
