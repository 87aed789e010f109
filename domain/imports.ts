/**
 * What happens to the rows of an imported file. Each row ends in exactly one outcome; the import's
 * progress is the count of rows that have one.
 */
export const IMPORT_OUTCOMES = ['CREATED', 'JOINED', 'REOPENED', 'REVIEW', 'REJECTED'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

export const IMPORT_OUTCOME_LABELS: Record<ImportOutcome, string> = {
  CREATED: 'Kasus baru dibuat',
  JOINED: 'Digabung ke kasus yang sudah ada',
  REOPENED: 'Kasus lama dibuka kembali',
  REVIEW: 'Kemungkinan ganda, menunggu tinjauan koordinator',
  REJECTED: 'Ditolak',
};

/** PENDING: stored, workflow not yet running; RUNNING: rows being processed; DONE: every row has an outcome. */
export const IMPORT_STATUSES = ['PENDING', 'RUNNING', 'DONE'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = {
  PENDING: 'Menunggu diproses',
  RUNNING: 'Sedang diproses',
  DONE: 'Selesai',
};

/** Rows per outcome. */
export type ImportTally = Record<ImportOutcome, number>;

export const emptyTally = (): ImportTally => ({ CREATED: 0, JOINED: 0, REOPENED: 0, REVIEW: 0, REJECTED: 0 });

export function addTallies(into: ImportTally, more: ImportTally): ImportTally {
  for (const outcome of IMPORT_OUTCOMES) into[outcome] += more[outcome];
  return into;
}

export const tallyTotal = (tally: ImportTally): number => IMPORT_OUTCOMES.reduce((sum, outcome) => sum + tally[outcome], 0);

/** What the import workflow's progress query answers and the API shows. */
export interface ImportProgress {
  status: ImportStatus;
  total: number;
  done: number;
  tally: ImportTally;
}

/** The same file is the same import: its workflow id derives from the file's SHA-256 (which reveals nothing of its content). */
export function importWorkflowId(fileHash: string): string {
  return `import-${fileHash.slice(0, 32)}`;
}

/** The update id of a row's report: a retried row adds its report to a running case at most once. */
export function importRowRequestId(batchId: string, rowNumber: number): string {
  return `import:${batchId}:${rowNumber}`;
}
