import { CASE_STAGE_LABELS, CLOSE_REASON_LABELS, ROLL_FINDING_LABELS, type CaseStage, type CloseReason, type RollFinding } from './case.js';
import { systemFaultLabel } from './case-health.js';
import type { RecordedCaseEvent } from './case-state.js';
import { ATS_CATEGORY_LABELS, REPORT_SOURCE_LABELS } from './intake.js';
import { indonesianDay } from './period.js';
import { TASK_TITLES, type TaskType } from './tasks.js';

/**
 * The auditor's case history: one list of entries from the two records of a case, the workflow's
 * event history (what the process did, step by step) and the case's audit events (what it decided),
 * each saying when, who, through which channel and what, in Bahasa Indonesia.
 */
export const HISTORY_CHANNELS = ['API_KEY', 'STAFF_PAGE', 'TASK_LINK', 'REASSIGN_LINK', 'SYSTEM_TIMER', 'WORKFLOW'] as const;
export type HistoryChannel = (typeof HISTORY_CHANNELS)[number];

export const HISTORY_CHANNEL_LABELS: Record<HistoryChannel, string> = {
  API_KEY: 'Kunci API',
  STAFF_PAGE: 'Halaman staf',
  TASK_LINK: 'Tautan tugas di email',
  REASSIGN_LINK: 'Tautan pengalihan penyelia',
  SYSTEM_TIMER: 'Pengatur waktu sistem',
  WORKFLOW: 'Proses otomatis sistem',
};

export interface HistoryActor {
  kind: 'STAFF' | 'OFFICER' | 'SYSTEM';
  id: string;
  /** From the officer directory or the staff accounts, where known. */
  name?: string;
}

export interface HistoryEntry {
  at: string;
  source: 'WORKFLOW' | 'CASE_EVENT';
  /** WORKFLOW: `runId#eventId`; CASE_EVENT: the event's sequence number. */
  ref: string;
  /** The case event's sequence, or for a workflow event the last case event before it: where its point in time lies. */
  sequence?: number;
  kind: string;
  description: string;
  actor: HistoryActor;
  channel: HistoryChannel;
  raw: unknown;
}

/** What the history knows about the people behind ids. */
export interface HistoryNames {
  officer(id: string): string | undefined;
  /** A staff principal's name and how it reaches the system (an API key or a signed-in user's pages). */
  staff(id: string): { name: string; channel: HistoryChannel } | undefined;
}

export function taskTitle(type: unknown): string {
  return typeof type === 'string' && type in TASK_TITLES ? TASK_TITLES[type as TaskType] : String(type);
}

export function stageLabel(stage: unknown): string {
  return typeof stage === 'string' && stage in CASE_STAGE_LABELS ? CASE_STAGE_LABELS[stage as CaseStage] : String(stage);
}

/** `Budi Santoso (off-123)`, or just the id when the directory does not know it. */
export function officerLabel(names: HistoryNames, id: unknown): string {
  if (typeof id !== 'string') return 'petugas tidak dikenal';
  const name = names.officer(id);
  return name ? `${name} (${id})` : id;
}

/** The actor of a case event with its name, and the channel it came through. */
export function actorOf(actor: { kind: string; id: string }, names: HistoryNames, event?: { type: string }): { actor: HistoryActor; channel: HistoryChannel } {
  if (actor.kind === 'OFFICER') {
    const name = names.officer(actor.id);
    // Officers act through links only: a reassignment by one is a supervisor's reassignment link.
    const channel: HistoryChannel = event?.type === 'TASK_REASSIGNED' ? 'REASSIGN_LINK' : 'TASK_LINK';
    return { actor: { kind: 'OFFICER', id: actor.id, ...(name ? { name } : {}) }, channel };
  }
  if (actor.kind === 'STAFF') {
    const staff = names.staff(actor.id);
    return { actor: { kind: 'STAFF', id: actor.id, ...(staff ? { name: staff.name } : {}) }, channel: staff?.channel ?? 'API_KEY' };
  }
  const timed = event?.type === 'TASK_REMINDED' || event?.type === 'TASK_ESCALATED';
  return { actor: { kind: 'SYSTEM', id: actor.id, name: 'Sistem' }, channel: timed ? 'SYSTEM_TIMER' : 'WORKFLOW' };
}

const due = (value: unknown) => (typeof value === 'string' ? formatWita(value) : 'tidak diketahui');

const WITA_MINUTES = new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Makassar' });
const WITA_SECONDS = new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Asia/Makassar' });

/** A moment as Kutai Timur reads it: "4 Des 2026, 10.15 WITA", with seconds where the order of steps matters. */
export function formatWita(isoTime: string, options: { seconds?: boolean } = {}): string {
  const date = new Date(isoTime);
  if (Number.isNaN(date.getTime())) return isoTime;
  return `${(options.seconds ? WITA_SECONDS : WITA_MINUTES).format(date)} WITA`;
}

/** One sentence on what a case event records. Codes become words; personal data is never quoted. */
export function describeCaseEvent(event: RecordedCaseEvent, names: HistoryNames): string {
  const d = event.data;
  const task = `tugas “${taskTitle(d.type)}” (${String(d.taskId)})`;
  switch (event.type) {
    case 'CASE_OPENED': {
      const source = d.source as { channel?: string; reference?: string } | undefined;
      const channel = source?.channel && source.channel in REPORT_SOURCE_LABELS ? REPORT_SOURCE_LABELS[source.channel as keyof typeof REPORT_SOURCE_LABELS] : source?.channel;
      const category = typeof d.category === 'string' && d.category in ATS_CATEGORY_LABELS ? ATS_CATEGORY_LABELS[d.category as keyof typeof ATS_CATEGORY_LABELS] : d.category;
      return `Kasus dibuka dari laporan ${channel ?? 'tanpa sumber'}${source?.reference ? ` (${source.reference})` : ''}, kategori ${String(category)}.`;
    }
    case 'CASE_REOPENED':
      return 'Kasus dibuka kembali karena ada laporan baru.';
    case 'REPORT_ADDED':
      return `Laporan tambahan diterima (laporan ke-${String(d.reportCount)})${Array.isArray(d.differingFields) && d.differingFields.length > 0 ? `; data yang berbeda: ${d.differingFields.join(', ')}` : ''}.`;
    case 'IDENTITY_CONFIRMED':
      return `Data kependudukan anak dinyatakan ${d.identityStatus === 'CONFIRMED' ? 'cocok dengan Dukcapil' : d.identityStatus === 'CORRECTED' ? 'sudah diperbaiki' : d.identityStatus === 'REGISTERED' ? 'sudah terdaftar' : String(d.identityStatus)}.`;
    case 'IDENTITY_MISMATCH':
      return `Data laporan berbeda dengan Dukcapil pada: ${Array.isArray(d.fields) ? d.fields.join(', ') : 'beberapa kolom'}.`;
    case 'IDENTITY_NOT_FOUND':
      return 'NIK anak tidak ditemukan di Dukcapil.';
    case 'REGISTRY_UNAVAILABLE':
      return `Layanan ${d.registry === 'DINSOS' ? 'Dinsos' : d.registry === 'DAPODIK' ? 'Dapodik' : 'Dukcapil'} tidak dapat dihubungi; sistem mencoba lagi otomatis.`;
    case 'SYSTEM_FAULT':
      return `Proses kasus tertahan oleh gangguan sistem: ${systemFaultLabel(String(d.reason))}; sistem mencoba lagi otomatis.`;
    case 'WELFARE_CHECKED':
      return d.status === 'REGISTERED'
        ? `Keluarga terdaftar di DTSEN Dinsos${typeof d.decile === 'number' ? ` (desil ${d.decile})` : ''}${d.pipCandidate ? ', calon penerima PIP/KIP' : ''}.`
        : d.status === 'NOT_REGISTERED' ? 'Keluarga tidak terdaftar di DTSEN Dinsos.' : 'Status kesejahteraan keluarga tidak dapat dipastikan.';
    case 'TASK_OPENED':
      return `${capitalise(task)} dibuka untuk ${officerLabel(names, d.assigneeOfficerId)}, batas waktu ${due(d.dueAt)}.`;
    case 'TASK_REMINDED':
      return `Pengingat ${task} dikirim; batas waktu ${due(d.dueAt)}.`;
    case 'TASK_ESCALATED':
      return d.cause === 'ASSIGNEE_UNREACHABLE'
        ? `${capitalise(task)} dieskalasi ke ${officerLabel(names, d.recipientOfficerId)} karena email petugas ${officerLabel(names, d.unreachableOfficerId)} tidak dapat dikirim.`
        : `${capitalise(task)} terlambat: dieskalasi (tingkat ${String(d.level)}) ke ${officerLabel(names, d.recipientOfficerId)}.`;
    case 'TASK_COMPLETED':
      return `${capitalise(task)} diselesaikan.`;
    case 'TASK_CANCELLED':
      return `${capitalise(task)} dibatalkan.`;
    case 'TASK_REASSIGNED':
      return `${capitalise(task)} dialihkan dari ${officerLabel(names, d.fromOfficerId)} ke ${officerLabel(names, d.toOfficerId)}, batas waktu baru ${due(d.dueAt)}. Alasan: ${String(d.reason)}`;
    case 'TASK_DECLINED':
      return `${officerLabel(names, d.fromOfficerId)} menolak ${task}; kini dipegang ${officerLabel(names, d.toOfficerId)} sampai dialihkan. Alasan: ${String(d.reason)}`;
    case 'EMAIL_UNDELIVERABLE':
      return `Email ${d.kind === 'CASE_CLOSED' ? 'penutupan kasus' : `untuk ${task}`} kepada ${officerLabel(names, d.recipientOfficerId)} tidak dapat dikirim.`;
    case 'STAGE_CHANGED':
      return `Tahap kasus berpindah dari “${stageLabel(d.from)}” ke “${stageLabel(d.to)}”.`;
    case 'ENROLMENT_CONFIRMED':
      return `Pendaftaran sekolah dikonfirmasi (NPSN ${String(d.npsn)}, kelas ${String(d.grade)}); Dapodik akan diperiksa ${Array.isArray(d.checksDueAt) ? d.checksDueAt.map((at) => due(at)).join(' dan ') : 'kemudian'}.`;
    case 'SCHOOL_ROLL_CHECKED':
      return `Pemeriksaan Dapodik ke-${String(d.check)} dari ${String(d.of)}: ${rollFindingText(d)}.`;
    case 'LEFT_SCHOOL_AGAIN':
      return `Anak keluar lagi dari sekolah (menurut ${d.seenBy === 'OFFICER' ? 'petugas' : 'Dapodik'}); kunjungan rumah dibuka kembali.`;
    case 'CASE_CLOSED':
      if (d.outcome === 'RETAINED') return `Kasus selesai: anak tetap bersekolah setelah masa pemantauan (NPSN ${String(d.npsn)}, kelas ${String(d.grade)}).`;
      return d.outcome === 'ENROLLED'
        ? `Kasus selesai: anak kembali bersekolah (NPSN ${String(d.npsn)}, kelas ${String(d.grade)}).`
        : `Kasus ditutup: ${typeof d.reason === 'string' && d.reason in CLOSE_REASON_LABELS ? CLOSE_REASON_LABELS[d.reason as CloseReason] : String(d.reason)}.`;
    default:
      return `Peristiwa ${event.type}.`;
  }
}

/** What a look at the school roll found, with the school it names. */
export function rollFindingText(d: Record<string, unknown>): string {
  const label = typeof d.finding === 'string' && d.finding in ROLL_FINDING_LABELS ? ROLL_FINDING_LABELS[d.finding as RollFinding] : String(d.finding);
  const school = typeof d.schoolName === 'string' ? ` ${d.finding === 'LEFT_SCHOOL' ? 'dari' : 'di'} ${d.schoolName}` : '';
  const exit = typeof d.exitDate === 'string' ? ` pada ${indonesianDay(d.exitDate)}${typeof d.exitType === 'string' ? ` (${d.exitType})` : ''}` : '';
  return `${label.charAt(0).toLowerCase()}${label.slice(1)}${school}${exit}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
