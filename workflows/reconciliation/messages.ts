import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../domain/case.js';
import type { CandidateDecision, CandidateOutcome, KecamatanCounts, KecamatanResultStatus, RunTrigger } from '../../domain/reconciliation.js';

/** Workflow types and ids of the reconciliation. Ids carry run times, kecamatan codes and random ids, never a NIK. */
export const RECONCILIATION_WORKFLOW_TYPE = 'reconciliationWorkflow';
export const KECAMATAN_RECONCILIATION_WORKFLOW_TYPE = 'kecamatanReconciliationWorkflow';
export const CANDIDATE_REVIEW_WORKFLOW_TYPE = 'candidateReviewWorkflow';

/** The Temporal Schedule that starts the nightly run; created or updated when a worker starts. */
export const RECONCILIATION_SCHEDULE_ID = 'ats-reconciliation-nightly';
/** The scheduled runs' workflow id prefix; the schedule appends the run's time. */
export const RECONCILIATION_WORKFLOW_ID_PREFIX = 'reconciliation';

export function kecamatanWorkflowId(runId: string, kecamatan: string): string {
  return `${runId}/${kecamatan}`;
}

export function candidateReviewWorkflowId(candidateId: string): string {
  return `reconciliation-review-${candidateId}`;
}

export interface ReconciliationInput {
  trigger?: RunTrigger;
  /** Only these kecamatan; all of them by default. */
  kecamatan?: string[];
}

export interface KecamatanResult {
  kecamatan: string;
  status: Exclude<KecamatanResultStatus, 'RUNNING'>;
  counts: KecamatanCounts;
}

export interface ReconciliationSummary {
  runId: string;
  status: 'COMPLETED' | 'PARTIAL';
  results: KecamatanResult[];
}

/** Where a kecamatan's run stands; carried across continue-as-new so that no page is read twice. */
export interface KecamatanProgress {
  phase: 'ROLL' | 'RESIDENTS' | 'WELFARE';
  nextPage: number;
  pagesRead: number;
  counts: KecamatanCounts;
}

export interface KecamatanReconciliationInput {
  runId: string;
  kecamatan: string;
  autoStart: boolean;
  pageSize: number;
  /** Flag poor households with children in school up to this decile; absent when the outreach is off. */
  welfareMaxDecile?: number;
  progress?: KecamatanProgress;
}

export interface CandidateReviewInput {
  candidateId: string;
  kecamatan: string;
}

/** The coordinator's decision on a candidate; answers once the case is started or the dismissal recorded. */
export const decideCandidateUpdate = defineUpdate<CandidateOutcome, [CandidateDecision, Actor]>('decideCandidate');
export const getKecamatanProgressQuery = defineQuery<KecamatanProgress>('getKecamatanProgress');

export const REVIEW_REJECTIONS = {
  ALREADY_DECIDED: 'Anak ini sudah diputuskan.',
} as const;
