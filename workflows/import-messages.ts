import { defineQuery } from '@temporalio/workflow';
import type { ImportProgress, ImportTally } from '../domain/imports.js';

export interface ImportWorkflowInput {
  batchId: string;
  /** How many chunks are processed at the same time (IMPORT_CONCURRENCY): at most this many cases start at once. */
  concurrency: number;
}

/** Rows done so far and their outcomes; answered from workflow state, so it is cheap to poll. */
export const importProgressQuery = defineQuery<ImportProgress>('importProgress');

/** What is left to do when a run begins (first run, after continue-as-new, or after a reset). */
export interface ImportPlan {
  totalRows: number;
  /** Chunks with at least one row without an outcome, in file order. */
  pendingChunks: number[];
  /** Outcomes of every row outside the pending chunks (rows rejected on upload, chunks finished earlier). */
  settled: ImportTally;
}

export interface ImportActivities {
  /** Marks the import running and says what is left to do. */
  beginImport(input: { batchId: string }): Promise<ImportPlan>;
  /** Processes the chunk's rows that have no outcome yet, in row order; returns the outcomes of all its rows. */
  importChunk(input: { batchId: string; chunk: number }): Promise<ImportTally>;
  /** Records the final counts from the rows themselves and marks the import done. */
  finishImport(input: { batchId: string }): Promise<ImportTally>;
}
