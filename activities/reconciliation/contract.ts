/**
 * What the reconciliation workflows ask of the outside world. Workflows import these types only;
 * `createReconciliationActivities(deps)` implements them. Every activity is idempotent: a page read
 * twice changes nothing the first reading did not, and counts the same.
 */
import type { Actor } from '../../domain/case.js';
import type { CandidateDecision, CandidateOutcome, KecamatanCounts, KecamatanResultStatus, RunTrigger } from '../../domain/reconciliation.js';

export interface RunSettings {
  /** The kecamatan the run covers, in the order they are reconciled. */
  kecamatan: string[];
  autoStart: boolean;
  pageSize: number;
  /** Flag poor households with children still in school (RECONCILIATION_WELFARE_OUTREACH), up to this decile. */
  welfareOutreach: boolean;
  maxDecile: number;
}

export interface BeginRunInput {
  runId: string;
  trigger: RunTrigger;
  /** Workflow time the run started (ms since epoch). */
  startedAt: number;
  /** Only these kecamatan (a run started by hand); all 18 by default. */
  kecamatan?: string[];
}

export interface PageInput {
  runId: string;
  kecamatan: string;
  page: number;
  pageSize: number;
}

export interface RollPage {
  /** Pupils on this page. */
  pupils: number;
  lastPage: boolean;
}

export interface ResidentPageInput extends PageInput {
  autoStart: boolean;
}

export interface ResidentPage {
  counts: Partial<KecamatanCounts>;
  lastPage: boolean;
}

export interface WelfarePageInput extends PageInput {
  maxDecile: number;
}

export interface WelfarePage {
  counts: Partial<KecamatanCounts>;
  lastPage: boolean;
}

export interface SaveResultInput {
  runId: string;
  kecamatan: string;
  status: KecamatanResultStatus;
  counts: KecamatanCounts;
  pagesRead: number;
  error?: string;
}

export interface NotifyCoordinatorInput {
  runId: string;
  kecamatan: string;
  newCandidates: number;
}

export interface FinishRunInput {
  runId: string;
  finishedAt: number;
}

export interface ApplyDecisionInput {
  candidateId: string;
  decision: CandidateDecision;
  actor: Actor;
  /** Workflow time of the decision (ms since epoch). */
  decidedAt: number;
}

export interface OpenCandidateReviewInput {
  candidateId: string;
  kecamatan: string;
  /** Workflow time when the review opened (ms since epoch); the deadline counts from it. */
  openedAt: number;
}

/** One rung of a candidate review's ladder: a reminder to the coordinator, or an escalation to the head. */
export interface CandidateReviewRung {
  kind: 'REMINDER' | 'ESCALATION';
  at: number;
  /** Counts from 1 within its kind: the second reminder is 2, the escalation at the due date 1. */
  level: number;
  recipientOfficerId: string;
}

export interface OpenedCandidateReview {
  dueAt: number;
  /** In time order; empty when the directory has nobody to remind (the candidate still waits in the list). */
  ladder: CandidateReviewRung[];
}

export interface CandidateReviewEmailInput {
  candidateId: string;
  kecamatan: string;
  dueAt: number;
  rung: CandidateReviewRung;
}

export interface ReconciliationActivities {
  /** Records the run and returns what it covers (from the worker's configuration). */
  beginReconciliationRun(input: BeginRunInput): Promise<RunSettings>;
  /** Reads one page of the kecamatan's school roll into the run's staging table. */
  stageRollPage(input: PageInput): Promise<RollPage>;
  /** Reads one page of the kecamatan's school-age residents, compares them, raises the new candidates. */
  reconcileResidentPage(input: ResidentPageInput): Promise<ResidentPage>;
  /** Reads one page of the kecamatan's poor households and flags those with children still in school for a preventive visit. */
  flagWelfarePage(input: WelfarePageInput): Promise<WelfarePage>;
  /** Emails each desa officer the households this run flagged for them (once per run and officer). */
  notifyOutreachOfficers(input: { runId: string; kecamatan: string }): Promise<{ sent: number }>;
  saveKecamatanResult(input: SaveResultInput): Promise<void>;
  /** Emails the kecamatan's coordinators that new candidates wait for them (once per run and kecamatan). */
  notifyCoordinatorOfCandidates(input: NotifyCoordinatorInput): Promise<{ sent: number }>;
  /** Marks the run finished and drops its staged roll. */
  finishReconciliationRun(input: FinishRunInput): Promise<{ status: 'COMPLETED' | 'PARTIAL' }>;
  /** Carries out a coordinator's decision on a candidate: starts the case, or records the dismissal. */
  applyCandidateDecision(input: ApplyDecisionInput): Promise<CandidateOutcome>;
  /** Sets the candidate's due date and returns who hears of it when, while nobody decides. */
  openCandidateReview(input: OpenCandidateReviewInput): Promise<OpenedCandidateReview>;
  /**
   * Records the rung on the candidate and sends the kecamatan's digest of waiting children to the rung's
   * recipient, at most once a day per kind: `sent` says whether this call sent it. Nothing once decided.
   */
  sendCandidateReviewEmail(input: CandidateReviewEmailInput): Promise<{ sent: boolean }>;
}
