import { kecamatanName } from '../domain/kecamatan.js';
import { TASK_TITLES, type TaskType } from '../domain/tasks.js';
import { firstName, formatDay, formatDeadline } from './format.js';
import { renderEmail, type RenderedEmail } from './layout.js';
import { TASK_INSTRUCTIONS } from './task-instructions.js';

/** What an email to the officer who holds a task is built from. */
export interface TaskEmailFacts {
  officerName: string;
  taskType: TaskType;
  /** The child's full name as recorded; the email shows the first name only. */
  childFullName?: string;
  desa: string;
  kecamatan: string;
  dueAt: number;
  /** The officer's personal task link. */
  link: string;
}

export const LINK_NOTE = 'Tautan ini khusus untuk Anda: jangan diteruskan kepada orang lain. Tautan tidak berlaku lagi setelah tugas selesai.';

export function taskFacts(facts: TaskEmailFacts): { label: string; value: string }[] {
  return [
    { label: 'Tugas', value: TASK_TITLES[facts.taskType] },
    ...(facts.childFullName ? [{ label: 'Anak', value: firstName(facts.childFullName) }] : []),
    { label: 'Lokasi', value: `Desa ${facts.desa}, Kecamatan ${kecamatanName(facts.kecamatan)}` },
    { label: 'Batas waktu', value: formatDeadline(facts.dueAt) },
  ];
}

export function taskAssignedEmail(facts: TaskEmailFacts): RenderedEmail {
  return renderEmail({
    subject: `[ATS Kutim] ${TASK_TITLES[facts.taskType]} — batas ${formatDay(facts.dueAt)}`,
    greeting: `Yth. ${facts.officerName},`,
    paragraphs: [
      'Anda mendapat tugas baru dalam penanganan anak tidak sekolah (ATS) di Kabupaten Kutai Timur.',
      TASK_INSTRUCTIONS[facts.taskType],
    ],
    facts: taskFacts(facts),
    action: { label: 'Buka tugas', url: facts.link, note: LINK_NOTE },
  });
}
