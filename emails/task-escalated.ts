import { kecamatanName } from '../domain/kecamatan.js';
import type { EscalationTarget } from '../domain/deadline-policy.js';
import { TASK_TITLES, type TaskType } from '../domain/tasks.js';
import { formatDay, formatDeadline } from './format.js';
import { renderEmail, type RenderedEmail } from './layout.js';

/**
 * What an escalation email is built from. The recipient does not hold the task, so the email
 * carries no task link and no child's name: the case reference lets them follow it up.
 */
export interface TaskEscalatedFacts {
  recipientName: string;
  /** The role the email escalates to, which decides how it is phrased. */
  to: EscalationTarget;
  taskType: TaskType;
  caseId: string;
  desa: string;
  kecamatan: string;
  /** The officer who holds the task and is late. */
  assigneeName: string;
  dueAt: number;
}

const ESCALATION_REQUEST: Record<EscalationTarget, string> = {
  SUPERVISOR: 'Sebagai supervisor, mohon hubungi petugas tersebut dan pastikan tugas ini segera diselesaikan.',
  COORDINATOR: 'Tugas ini telah melewati batas waktu meskipun sudah diteruskan kepada supervisor. Sebagai koordinator, mohon tindak lanjuti.',
  HEAD: 'Tugas ini telah melewati batas waktu. Mohon arahan Bapak/Ibu untuk tindak lanjutnya.',
};

export function taskEscalatedEmail(facts: TaskEscalatedFacts): RenderedEmail {
  return renderEmail({
    subject: `[ATS Kutim] Terlambat: ${TASK_TITLES[facts.taskType]} (${facts.assigneeName}) — lewat batas ${formatDay(facts.dueAt)}`,
    greeting: `Yth. ${facts.recipientName},`,
    paragraphs: [
      `Tugas penanganan anak tidak sekolah berikut belum diselesaikan oleh ${facts.assigneeName} sejak batas waktunya, ${formatDeadline(facts.dueAt)}.`,
      ESCALATION_REQUEST[facts.to],
    ],
    facts: [
      { label: 'Tugas', value: TASK_TITLES[facts.taskType] },
      { label: 'Petugas', value: facts.assigneeName },
      { label: 'Batas waktu', value: formatDeadline(facts.dueAt) },
      { label: 'Nomor kasus', value: facts.caseId },
      { label: 'Lokasi', value: `Desa ${facts.desa}, Kecamatan ${kecamatanName(facts.kecamatan)}` },
    ],
  });
}
