import { actorOf, officerLabel, taskTitle, type HistoryEntry, type HistoryNames } from '../../domain/case-history.js';
import type { CaseRun, DecodedHistoryEvent } from '../../infra/workflow-history.js';

/**
 * The steps of one workflow run as history entries: the run's start, every activity (registry
 * checks, tasks, emails) with how it ended, every timer that fired (reminders, escalations), every
 * request a person sent into the case (submissions, reassignments, declines, closes) and the run's
 * end. Workflow-task bookkeeping, search-attribute upserts and the audit-log writes themselves
 * (the case events carry those) are left out; `raw` keeps the decoded event.
 */
export function workflowEntries(run: CaseRun, names: HistoryNames): HistoryEntry[] {
  const byId = new Map(run.events.map((event) => [event.eventId, event]));
  const outcomes = new Map<string, DecodedHistoryEvent>();
  for (const event of run.events) {
    const scheduledId = (attributes(event) as { scheduledEventId?: string }).scheduledEventId;
    if (event.eventType.startsWith('EVENT_TYPE_ACTIVITY_TASK_') && scheduledId && !event.eventType.endsWith('_STARTED')) outcomes.set(scheduledId, event);
  }
  const timersStarted = new Map<string, DecodedHistoryEvent>();
  const entries: HistoryEntry[] = [];
  const entry = (event: DecodedHistoryEvent, kind: string, description: string, who: Pick<HistoryEntry, 'actor' | 'channel'>, raw: unknown = event): void => {
    entries.push({ at: millisecondTime(event.eventTime), source: 'WORKFLOW', ref: `${run.runId}#${event.eventId}`, kind, description, ...who, raw });
  };
  const system = actorOf({ kind: 'SYSTEM', id: 'workflow' }, names);

  for (const event of run.events) {
    const a = attributes(event) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    switch (event.eventType) {
      case 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED': {
        const input = a.input?.payloads?.[0] as { reportedBy?: { kind: string; id: string } } | undefined;
        const who = input?.reportedBy ? actorOf(input.reportedBy, names) : system;
        entry(event, 'WORKFLOW_STARTED', `Workflow kasus dimulai (run ${run.runId}) dengan laporan awal.`, who);
        break;
      }
      case 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED': {
        const name = String(a.activityType?.name);
        if (name === 'recordCaseEvent') break;
        const outcome = outcomes.get(event.eventId);
        const input = a.input?.payloads?.[0] as Record<string, unknown> | undefined;
        entry(event, `ACTIVITY:${name}`, `${describeActivity(name, input ?? {}, names)} ${describeOutcome(name, outcome)}`, system, { scheduled: event, outcome });
        break;
      }
      case 'EVENT_TYPE_TIMER_STARTED':
        timersStarted.set(event.eventId, event);
        break;
      case 'EVENT_TYPE_TIMER_FIRED': {
        const started = timersStarted.get(String(a.startedEventId)) ?? byId.get(String(a.startedEventId));
        const summary = (started?.userMetadata as { summary?: unknown } | undefined)?.summary;
        entry(event, 'TIMER_FIRED', `Waktu tunggu habis${typeof summary === 'string' ? `: ${describeTimer(summary)}` : ''}.`, { ...system, channel: 'SYSTEM_TIMER' }, { started, fired: event });
        break;
      }
      case 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED': {
        const request = a.acceptedRequest?.input as { name?: string; args?: { payloads?: unknown[] } } | undefined;
        const described = describeUpdate(String(request?.name), request?.args?.payloads ?? [], names);
        entry(event, `UPDATE:${String(request?.name)}`, described.description, described.who);
        break;
      }
      case 'EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED':
        entry(event, `SIGNAL:${String(a.signalName)}`, `Sinyal “${String(a.signalName)}” diterima.`, system);
        break;
      case 'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED':
        entry(event, 'WORKFLOW_COMPLETED', 'Workflow kasus selesai.', system);
        break;
      case 'EVENT_TYPE_WORKFLOW_EXECUTION_FAILED':
        entry(event, 'WORKFLOW_FAILED', 'Workflow kasus berhenti karena kegagalan.', system);
        break;
      case 'EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED':
        entry(event, 'WORKFLOW_TERMINATED', `Workflow kasus dihentikan paksa oleh operator${a.reason ? `: ${String(a.reason)}` : ''}.`, system);
        break;
      case 'EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW':
        entry(event, 'WORKFLOW_CONTINUED_AS_NEW', 'Workflow kasus berlanjut sebagai run baru.', system);
        break;
      default:
        break;
    }
  }
  return entries;
}

/** Temporal writes nanoseconds; the history speaks in milliseconds like the audit events (raw keeps the original). */
function millisecondTime(eventTime: string): string {
  const ms = Date.parse(eventTime);
  return Number.isNaN(ms) ? eventTime : new Date(ms).toISOString();
}

function attributes(event: DecodedHistoryEvent): Record<string, unknown> {
  const key = Object.keys(event).find((k) => k.endsWith('EventAttributes'));
  return (key ? event[key] : {}) as Record<string, unknown>;
}

const EMAIL_KINDS: Record<string, string> = {
  ASSIGNED: 'penugasan',
  REMINDER: 'pengingat',
  ESCALATION: 'eskalasi',
  UNREACHABLE: 'petugas tidak dapat dihubungi',
  DECLINED: 'penolakan tugas',
  REASSIGNED: 'pengalihan tugas',
};

function describeActivity(name: string, input: Record<string, unknown>, names: HistoryNames): string {
  const task = `tugas ${String(input.taskId)}`;
  switch (name) {
    case 'verifyIdentity':
      return 'Memeriksa data anak ke Dukcapil.';
    case 'checkWelfare':
      return 'Memeriksa data kesejahteraan keluarga ke Dinsos (DTSEN).';
    case 'openTask':
      return `Membuka tugas “${taskTitle(input.type)}” (${String(input.taskId)}) dan menentukan petugasnya.`;
    case 'sendTaskEmail':
      return `Mengirim email ${EMAIL_KINDS[String(input.kind)] ?? String(input.kind)} ${task} kepada ${officerLabel(names, input.recipientOfficerId)}.`;
    case 'moveTask':
      return `Mengalihkan ${task} dari ${officerLabel(names, input.fromOfficerId)}${input.toOfficerId ? ` ke ${officerLabel(names, input.toOfficerId)}` : ' ke penyelia'}.`;
    case 'closeTask':
      return `Menutup ${task} (${input.status === 'COMPLETED' ? 'selesai' : 'dibatalkan'}).`;
    case 'notifyCaseClosed':
      return 'Memberi tahu petugas dan koordinator bahwa kasus ditutup.';
    case 'linkChildIdentity':
      return 'Mendaftarkan kunci identitas anak (NIK; nama, tanggal lahir dan desa) sebagai penunjuk ke kasus ini.';
    default:
      return `Menjalankan langkah ${name}.`;
  }
}

function describeOutcome(name: string, outcome: DecodedHistoryEvent | undefined): string {
  if (!outcome) return 'Belum selesai.';
  if (outcome.eventType === 'EVENT_TYPE_ACTIVITY_TASK_COMPLETED') {
    const result = (attributes(outcome) as { result?: { payloads?: unknown[] } }).result?.payloads?.[0] as Record<string, unknown> | undefined;
    if (name === 'verifyIdentity' && typeof result?.status === 'string') return `Hasil: ${result.status === 'MATCH' ? 'cocok' : result.status === 'MISMATCH' ? 'berbeda' : result.status}.`;
    if (name === 'checkWelfare' && typeof result?.status === 'string') return `Hasil: ${result.status === 'REGISTERED' ? 'terdaftar' : result.status === 'NOT_REGISTERED' ? 'tidak terdaftar' : result.status}.`;
    if (name === 'sendTaskEmail' && result?.sent === false) return 'Email ini sudah pernah dikirim; tidak dikirim ulang.';
    return 'Berhasil.';
  }
  if (outcome.eventType === 'EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT') return 'Gagal: waktu habis.';
  if (outcome.eventType === 'EVENT_TYPE_ACTIVITY_TASK_CANCELED') return 'Dibatalkan.';
  const failure = (attributes(outcome) as { failure?: { cause?: { applicationFailureInfo?: { type?: string } } } }).failure;
  const type = failure?.cause?.applicationFailureInfo?.type;
  return `Gagal${type ? ` (${type})` : ''}.`;
}

/** Timer summaries are `visit-scheduling-1 reminder 0` (see workflows/human-task.ts). */
function describeTimer(summary: string): string {
  const match = /^(\S+) (reminder|escalation) (\d+)$/.exec(summary);
  if (!match) return summary;
  return match[2] === 'reminder' ? `saatnya mengingatkan tugas ${match[1]}` : `saatnya eskalasi tingkat ${match[3]} tugas ${match[1]}`;
}

function describeUpdate(name: string, args: unknown[], names: HistoryNames): { description: string; who: Pick<HistoryEntry, 'actor' | 'channel'> } {
  const first = (args[0] ?? {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const second = args[1] as { kind: string; id: string } | undefined;
  switch (name) {
    case 'completeTask':
      return {
        description: `${officerLabel(names, first.officerId)} mengirim formulir tugas ${String(first.taskId)}.`,
        who: actorOf({ kind: 'OFFICER', id: String(first.officerId) }, names),
      };
    case 'declineTask':
      return {
        description: `${officerLabel(names, first.officerId)} menolak tugas ${String(first.taskId)}. Alasan: ${String(first.reason)}`,
        who: actorOf({ kind: 'OFFICER', id: String(first.officerId) }, names),
      };
    case 'reassignTask':
      return {
        description: `Permintaan mengalihkan tugas ${String(first.taskId)} ke ${officerLabel(names, first.to?.officerId)}. Alasan: ${String(first.reason)}`,
        who: first.by ? actorOf(first.by, names, { type: 'TASK_REASSIGNED' }) : actorOf({ kind: 'SYSTEM', id: 'workflow' }, names),
      };
    case 'addReport':
      return { description: 'Laporan tambahan tentang anak yang sama diterima.', who: second ? actorOf(second, names) : actorOf({ kind: 'SYSTEM', id: 'workflow' }, names) };
    case 'closeCase':
      return { description: `Permintaan menutup kasus. Catatan: ${String(first.note)}`, who: second ? actorOf(second, names) : actorOf({ kind: 'SYSTEM', id: 'workflow' }, names) };
    default:
      return { description: `Permintaan “${name}” diterima.`, who: actorOf({ kind: 'SYSTEM', id: 'workflow' }, names) };
  }
}
