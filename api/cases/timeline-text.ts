import { CASE_STAGE_LABELS, CLOSE_REASON_LABELS, type CaseStage, type CloseReason } from '../../domain/case.js';
import { systemFaultLabel } from '../../domain/case-health.js';
import { ATS_CATEGORY_LABELS, REASON_LABELS, REPORT_SOURCE_LABELS, type ReasonCode } from '../../domain/intake.js';
import { rollFindingText } from '../../domain/case-history.js';
import { TASK_TITLES, type TaskType } from '../../domain/tasks.js';
import { formatDeadline } from '../../emails/format.js';

/** One stored case event, as much of it as the timeline reads. */
export interface StoredEvent {
  type: string;
  data: unknown;
}

/** Officers' names by id, for the people an event mentions. */
export type OfficerNames = ReadonlyMap<string, string>;

/** The ids of the officers an event names in its data (assignee, the officer a task moved from or to, …). */
export function officersNamedIn(event: StoredEvent): string[] {
  const data = record(event.data);
  return ['assigneeOfficerId', 'fromOfficerId', 'toOfficerId', 'recipientOfficerId', 'unreachableOfficerId']
    .map((key) => data[key])
    .filter((id): id is string => typeof id === 'string');
}

const IDENTITY_LABELS: Record<string, string> = {
  CONFIRMED: 'sesuai dengan data Dukcapil',
  CORRECTED: 'diperbaiki sesuai data Dukcapil',
  REGISTERED: 'anak telah terdaftar di Dukcapil',
};
const REGISTRY_LABELS: Record<string, string> = { DUKCAPIL: 'Dukcapil', DINSOS: 'Dinsos', DAPODIK: 'Dapodik' };
const FIELD_LABELS: Record<string, string> = {
  fullName: 'nama', birthDate: 'tanggal lahir', sex: 'jenis kelamin', noKk: 'nomor KK', nik: 'NIK',
};
const ESCALATION_LABELS: Record<string, string> = { SUPERVISOR: 'penyelia', COORDINATOR: 'koordinator', HEAD: 'kepala dinas' };

/**
 * What happened, in one Indonesian sentence a coordinator reads on the case page. Free text people
 * wrote (a note, a reason) is returned apart, so the page can show it as a quotation. An event type
 * this file does not know yet still shows, by its code.
 */
export function describeEvent(event: StoredEvent, officers: OfficerNames): { text: string; quote?: string } {
  const data = record(event.data);
  const officer = (key: string) => {
    const id = data[key];
    return typeof id === 'string' ? (officers.get(id) ?? id) : 'petugas';
  };
  const task = `tugas “${TASK_TITLES[data.type as TaskType] ?? String(data.type ?? '')}”`;
  const quote = (key: string) => (typeof data[key] === 'string' && data[key] !== '' ? { quote: data[key] as string } : {});
  switch (event.type) {
    case 'CASE_OPENED': {
      const source = record(data.source);
      const channel = REPORT_SOURCE_LABELS[source.channel as keyof typeof REPORT_SOURCE_LABELS] ?? String(source.channel ?? '');
      const reasons = Array.isArray(data.reasons) ? data.reasons.map((r) => REASON_LABELS[r as ReasonCode] ?? String(r)).join(', ') : '';
      const category = ATS_CATEGORY_LABELS[data.category as keyof typeof ATS_CATEGORY_LABELS] ?? '';
      return { text: `Kasus dibuka dari laporan ${channel}${category ? `: ${category}` : ''}${reasons ? `; alasan: ${reasons}` : ''}.`, ...quote('notes') };
    }
    case 'CASE_REOPENED':
      return { text: 'Kasus dibuka kembali karena ada laporan baru.' };
    case 'REPORT_ADDED':
      return { text: `Laporan tambahan diterima (${REPORT_SOURCE_LABELS[data.channel as keyof typeof REPORT_SOURCE_LABELS] ?? String(data.channel)}); kini ${String(data.reportCount)} laporan.` };
    case 'IDENTITY_CONFIRMED':
      return { text: `Data kependudukan ${IDENTITY_LABELS[String(data.identityStatus)] ?? 'dikonfirmasi'}.` };
    case 'IDENTITY_MISMATCH': {
      const fields = Array.isArray(data.fields) ? data.fields.map((f) => FIELD_LABELS[String(f)] ?? String(f)).join(', ') : '';
      return { text: `Data laporan berbeda dengan data Dukcapil${fields ? ` (${fields})` : ''}.` };
    }
    case 'IDENTITY_NOT_FOUND':
      return { text: 'Anak tidak ditemukan di data Dukcapil.' };
    case 'REGISTRY_UNAVAILABLE':
      return { text: `Layanan ${REGISTRY_LABELS[String(data.registry)] ?? String(data.registry)} tidak dapat dihubungi; sistem mencoba lagi otomatis.` };
    case 'SYSTEM_FAULT':
      return { text: `Proses kasus tertahan: ${systemFaultLabel(String(data.reason))}; sistem mencoba lagi otomatis dan memberi tahu admin bila berlanjut.` };
    case 'WELFARE_CHECKED':
      if (data.status === 'REGISTERED') {
        return { text: `Keluarga terdaftar di DTSEN, desil ${String(data.decile ?? '?')}${data.pipCandidate === true ? '; calon penerima PIP/KIP' : ''}.` };
      }
      return { text: data.status === 'NOT_REGISTERED' ? 'Keluarga tidak terdaftar di DTSEN.' : 'Status kesejahteraan keluarga tidak dapat diperiksa.' };
    case 'TASK_OPENED':
      return { text: `${capital(task)} diberikan kepada ${officer('assigneeOfficerId')}, batas waktu ${dueOf(data.dueAt)}.` };
    case 'TASK_REMINDED':
      return { text: `Pengingat ${task} dikirim.` };
    case 'TASK_ESCALATED':
      return {
        text: `${capital(task)} ${data.cause === 'ASSIGNEE_UNREACHABLE' ? 'tidak dapat disampaikan kepada petugas' : 'melewati batas waktu'}; diteruskan ke ${ESCALATION_LABELS[String(data.to)] ?? 'atasan'} ${officer('recipientOfficerId')}.`,
      };
    case 'TASK_COMPLETED':
      return { text: `${capital(task)} diselesaikan.` };
    case 'TASK_CANCELLED':
      return { text: `${capital(task)} dibatalkan.` };
    case 'TASK_REASSIGNED':
      return { text: `${capital(task)} dialihkan dari ${officer('fromOfficerId')} kepada ${officer('toOfficerId')}, batas waktu baru ${dueOf(data.dueAt)}.`, ...quote('reason') };
    case 'TASK_DECLINED':
      return { text: `${capital(task)} ditolak oleh ${officer('fromOfficerId')}; kini dipegang ${officer('toOfficerId')} untuk dialihkan.`, ...quote('reason') };
    case 'EMAIL_UNDELIVERABLE':
      return { text: `Surel kepada ${officer('recipientOfficerId')} tidak dapat dikirim.` };
    case 'STAGE_CHANGED':
      return { text: `Tahap: ${stageLabel(data.from)} → ${stageLabel(data.to)}.` };
    case 'ENROLMENT_CONFIRMED':
      return { text: `Pendaftaran sekolah dikonfirmasi (NPSN ${String(data.npsn ?? '-')}, kelas ${String(data.grade ?? '-')}); anak dipantau melalui Dapodik.` };
    case 'SCHOOL_ROLL_CHECKED':
      return { text: `Pemeriksaan Dapodik ke-${String(data.check)}: ${rollFindingText(data)}.` };
    case 'LEFT_SCHOOL_AGAIN':
      return { text: `Anak keluar lagi dari sekolah (menurut ${data.seenBy === 'OFFICER' ? 'petugas' : 'Dapodik'}); kunjungan rumah tindak lanjut dijadwalkan.` };
    case 'CASE_CLOSED':
      if (data.outcome === 'RETAINED') return { text: `Kasus selesai: anak tetap bersekolah setelah masa pemantauan (NPSN ${String(data.npsn ?? '-')}).` };
      if (data.outcome === 'ENROLLED') return { text: `Kasus selesai: anak kembali bersekolah (NPSN ${String(data.npsn ?? '-')}, kelas ${String(data.grade ?? '-')}).` };
      return { text: `Kasus ditutup: ${CLOSE_REASON_LABELS[data.reason as CloseReason] ?? String(data.reason ?? '')}.`, ...quote('note') };
    case 'CASE_NOTE_ADDED':
      return { text: 'Catatan ditambahkan.', ...quote('note') };
    case 'DUPLICATE_MERGED':
      return { text: 'Tinjauan duplikat: laporan anak tanpa NIK digabungkan ke kasus ini.', ...quote('note') };
    case 'DUPLICATE_KEPT_APART':
      return {
        text: typeof data.separateCaseId === 'string'
          ? `Tinjauan duplikat: laporan lain yang mirip ditetapkan sebagai anak yang berbeda (kasus ${data.separateCaseId}).`
          : 'Tinjauan duplikat: anak ini ditetapkan berbeda dari kasus yang mirip; kasus sendiri dibuka.',
        ...quote('note'),
      };
    case 'CASE_REPAIRED':
      return { text: repairText(data) };
    default:
      return { text: `Peristiwa ${event.type}.` };
  }
}

/** The watchdog's repairs, as the admin asked for them (api/health/case-repair.ts). */
function repairText(data: Record<string, unknown>): string {
  if (data.action === 'RESET') return 'Perbaikan oleh admin: proses kasus dijalankan kembali dari titik terakhir yang baik.';
  if (data.action === 'RESTART') return 'Perbaikan oleh admin: proses kasus dimulai ulang dari laporan yang tercatat; tugas lama dibatalkan.';
  return `Perbaikan oleh admin: tugas ${String(data.taskId ?? '')} dialihkan dari petugas yang tidak aktif.`;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function stageLabel(stage: unknown): string {
  return CASE_STAGE_LABELS[stage as CaseStage] ?? String(stage);
}

function dueOf(iso: unknown): string {
  const ms = typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(ms) ? '-' : formatDeadline(ms);
}
