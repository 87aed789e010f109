import type { IntakeReport } from './intake.js';
import type { TaskType } from './tasks.js';
import { withoutControlCharacters, z } from './validation.js';

/** Where a case stands, in the order a case normally passes through them. */
export const CASE_STAGES = [
  'VERIFYING_IDENTITY',
  'CORRECTING_RECORDS',
  'REGISTERING_CHILD',
  'CHECKING_WELFARE',
  'HOME_VISIT',
  'AWAITING_DECISION',
  'AWAITING_ENROLMENT',
  'MONITORING',
  'CLOSED',
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

export const CASE_STAGE_LABELS: Record<CaseStage, string> = {
  VERIFYING_IDENTITY: 'Verifikasi data Dukcapil',
  CORRECTING_RECORDS: 'Perbaikan data kependudukan',
  REGISTERING_CHILD: 'Pendaftaran dokumen kependudukan',
  CHECKING_WELFARE: 'Pemeriksaan data kesejahteraan (Dinsos)',
  HOME_VISIT: 'Kunjungan rumah',
  AWAITING_DECISION: 'Menunggu keputusan koordinator',
  AWAITING_ENROLMENT: 'Menunggu konfirmasi pendaftaran sekolah',
  MONITORING: 'Pemantauan setelah kembali bersekolah',
  CLOSED: 'Selesai',
};

/**
 * How a case ended. RETAINED: back in school and still on the school roll at the last monitoring check.
 * ENROLLED: closed at the enrolment itself, as cases did before monitoring began (their histories keep it).
 */
export const CASE_OUTCOMES = ['RETAINED', 'ENROLLED', 'CLOSED'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export const CLOSE_REASONS = ['MOVED', 'AGED_OUT', 'DECEASED', 'DUPLICATE', 'REFUSED', 'WHEREABOUTS_UNKNOWN'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
export const CLOSE_REASON_LABELS: Record<CloseReason, string> = {
  MOVED: 'Pindah ke luar daerah',
  AGED_OUT: 'Melewati usia sekolah',
  DECEASED: 'Meninggal dunia',
  DUPLICATE: 'Kasus ganda',
  REFUSED: 'Menolak setelah semua upaya',
  WHEREABOUTS_UNKNOWN: 'Keberadaan tidak diketahui',
};

export const closeCaseRequestSchema = withoutControlCharacters(
  z
    .object({
      reason: z.enum(CLOSE_REASONS, { message: 'Alasan penutupan tidak dikenal.' }),
      note: z.string().trim().min(5).max(1000),
    })
    .strict(),
);
export type CloseCaseRequest = z.infer<typeof closeCaseRequestSchema>;

/** The longest note a coordinator may add to a case; notes are for the record, not for documents. */
export const CASE_NOTE_MAX_LENGTH = 2000;

/** A coordinator's note on a case: it goes into the case's audit log as it is written. */
export const caseNoteRequestSchema = withoutControlCharacters(
  z
    .object({
      note: z
        .string({ error: (issue) => (issue.input === undefined ? 'Catatan wajib diisi.' : undefined) })
        .trim()
        .min(1, 'Catatan wajib diisi.')
        .max(CASE_NOTE_MAX_LENGTH),
    })
    .strict(),
);
export type CaseNoteRequest = z.infer<typeof caseNoteRequestSchema>;

/** Who performed an action: a staff member (API key), an officer (task link) or the system. */
export interface Actor {
  kind: 'STAFF' | 'OFFICER' | 'SYSTEM';
  id: string;
}

export interface OfficerRef {
  officerId: string;
  name: string;
}

export type TaskStatus = 'OPEN' | 'COMPLETED' | 'CANCELLED';

export interface TaskView {
  taskId: string;
  type: TaskType;
  status: TaskStatus;
  assignee: OfficerRef;
  openedAt: string;
  dueAt: string;
  overdue: boolean;
  /** 0 while with the assignee; 1 once escalated to the supervisor, 2 to the coordinator, … */
  escalationLevel: number;
}

/**
 * What a case waits on while no person can act: a registry that is down, or our own system (SYSTEM:
 * the database, the officer directory, the mail server, a fault in our code), with the fault's code.
 */
export interface WaitingFor {
  registry: 'DUKCAPIL' | 'DINSOS' | 'DAPODIK' | 'SYSTEM';
  /** For SYSTEM: the fault's code (e.g. NoOfficerAvailable), never its message, which may hold personal data. */
  reason?: string;
  since: string;
  failedAttempts: number;
  nextAttemptAt: string;
}

export interface ReportSource {
  channel: IntakeReport['source']['channel'];
  reference?: string;
  reportedAt: string;
}

/** The live state of one case, as the getCase query returns it. No secrets, but personal data: callers mask as their role requires. */
export interface CaseView {
  caseId: string;
  stage: CaseStage;
  kecamatan: string;
  category: IntakeReport['category'];
  child: IntakeReport['child'];
  identityStatus: 'UNVERIFIED' | 'CONFIRMED' | 'CORRECTED' | 'REGISTERED';
  welfare?: { status: 'REGISTERED' | 'NOT_REGISTERED' | 'UNKNOWN'; decile?: number; pipCandidate: boolean };
  waitingFor?: WaitingFor;
  sources: ReportSource[];
  tasks: TaskView[];
  nextDeadline?: string;
  visitAttempts: number;
  agreedPath?: string;
  outcome?: CaseOutcome;
  closeReason?: CloseReason;
  enrolment?: { npsn: string; schoolName: string; enrolmentDate: string; grade: number };
  /** After the enrolment: the checks of the school roll, done and still ahead. */
  monitoring?: MonitoringView;
  openedAt: string;
  closedAt?: string;
}

/** What one look at the school roll after the enrolment found. */
export const ROLL_FINDINGS = ['ON_ROLL', 'NOT_YET_ON_ROLL', 'LEFT_SCHOOL', 'ROLL_UNAVAILABLE'] as const;
export type RollFinding = (typeof ROLL_FINDINGS)[number];
export const ROLL_FINDING_LABELS: Record<RollFinding, string> = {
  ON_ROLL: 'Tercatat aktif di Dapodik',
  NOT_YET_ON_ROLL: 'Belum tercatat di Dapodik',
  LEFT_SCHOOL: 'Tercatat keluar dari sekolah',
  ROLL_UNAVAILABLE: 'Dapodik tidak dapat diperiksa',
};

export interface MonitoringView {
  checks: { dueAt: string; checkedAt?: string; finding?: RollFinding }[];
}
