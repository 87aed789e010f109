import type { EscalationTarget } from '../domain/deadline-policy.js';
import { kecamatanName } from '../domain/kecamatan.js';
import type { TaskType } from '../domain/tasks.js';
import { formatDay, formatDeadline } from './format.js';
import { type EmailLanguage, taskTitle } from './language.js';
import { renderEmail, type RenderedEmail } from './layout.js';
import { myTasksLinks } from './task-assigned.js';

/**
 * What an escalation email is built from. The recipient does not hold the task, so the email carries
 * no link to its form and no child's name: the case reference lets them follow it up, and their own
 * link lets them hand the task to another officer.
 */
export interface TaskEscalatedFacts {
  recipientName: string;
  /** The role the email escalates to, which decides how it is phrased. */
  to: EscalationTarget;
  taskType: TaskType;
  caseId: string;
  desa: string;
  kecamatan: string;
  /** The officer who holds the task and is late, or cannot be reached. */
  assigneeName: string;
  dueAt: number;
  /** OVERDUE (the default): the due date passed. UNREACHABLE: the assignee's email address bounces. */
  cause?: 'OVERDUE' | 'UNREACHABLE';
  /** The recipient's personal link to reassign the task. */
  reassignLink?: string;
  myTasksLink?: string;
  language?: EmailLanguage;
}

const TEXTS = {
  id: {
    greeting: (name: string) => `Yth. ${name},`,
    overdue: {
      subject: (title: string, who: string, day: string) => `[ATS Kutim] Terlambat: ${title} (${who}) — lewat batas ${day}`,
      intro: (who: string, deadline: string) => `Tugas penanganan anak tidak sekolah berikut belum diselesaikan oleh ${who} sejak batas waktunya, ${deadline}.`,
    },
    unreachable: {
      subject: (title: string, who: string, day: string) => `[ATS Kutim] Petugas tidak dapat dihubungi: ${title} (${who}) — alihkan sebelum ${day}`,
      intro: (who: string, deadline: string) =>
        `Surel tugas untuk ${who} ditolak oleh server surel, sehingga petugas tersebut tidak dapat dihubungi melalui surel. Tugas berikut berbatas waktu ${deadline}.`,
      request: 'Mohon hubungi petugas tersebut dengan cara lain, atau alihkan tugas ini kepada petugas lain.',
    },
    request: {
      SUPERVISOR: 'Sebagai supervisor, mohon hubungi petugas tersebut dan pastikan tugas ini segera diselesaikan.',
      COORDINATOR: 'Tugas ini telah melewati batas waktu meskipun sudah diteruskan kepada supervisor. Sebagai koordinator, mohon tindak lanjuti.',
      HEAD: 'Tugas ini telah melewati batas waktu. Mohon arahan Bapak/Ibu untuk tindak lanjutnya.',
    } satisfies Record<EscalationTarget, string>,
    facts: { task: 'Tugas', officer: 'Petugas', due: 'Batas waktu', caseId: 'Nomor kasus', place: 'Lokasi' },
    location: (desa: string, kecamatan: string) => `Desa ${desa}, Kecamatan ${kecamatan}`,
    reassign: {
      label: 'Alihkan tugas',
      note: 'Tautan ini khusus untuk Anda: dengan tautan ini Anda dapat mengalihkan tugas kepada petugas lain. Jangan diteruskan kepada orang lain.',
    },
  },
  en: {
    greeting: (name: string) => `Dear ${name},`,
    overdue: {
      subject: (title: string, who: string, day: string) => `[ATS Kutim] Overdue: ${title} (${who}) — was due ${day}`,
      intro: (who: string, deadline: string) => `${who} has not completed the out-of-school child task below, which was due ${deadline}.`,
    },
    unreachable: {
      subject: (title: string, who: string, day: string) => `[ATS Kutim] Officer unreachable: ${title} (${who}) — reassign before ${day}`,
      intro: (who: string, deadline: string) =>
        `The mail server refused the task email for ${who}, so this officer cannot be reached by email. The task below is due ${deadline}.`,
      request: 'Please reach the officer another way, or reassign the task to another officer.',
    },
    request: {
      SUPERVISOR: 'As supervisor, please contact the officer and make sure the task is done soon.',
      COORDINATOR: 'The task is overdue even though the supervisor was told. As coordinator, please follow it up.',
      HEAD: 'The task is overdue. Please advise how to follow it up.',
    } satisfies Record<EscalationTarget, string>,
    facts: { task: 'Task', officer: 'Officer', due: 'Due', caseId: 'Case number', place: 'Location' },
    location: (desa: string, kecamatan: string) => `Desa ${desa}, Kecamatan ${kecamatan}`,
    reassign: {
      label: 'Reassign the task',
      note: 'This link is for you only: it lets you hand the task to another officer. Do not forward it.',
    },
  },
} as const;

export function taskEscalatedEmail(facts: TaskEscalatedFacts): RenderedEmail {
  const language = facts.language ?? 'id';
  const t = TEXTS[language];
  const title = taskTitle(facts.taskType, language);
  const day = formatDay(facts.dueAt, language);
  const deadline = formatDeadline(facts.dueAt, language);
  const unreachable = facts.cause === 'UNREACHABLE';
  return renderEmail({
    language,
    subject: unreachable ? t.unreachable.subject(title, facts.assigneeName, day) : t.overdue.subject(title, facts.assigneeName, day),
    greeting: t.greeting(facts.recipientName),
    paragraphs: unreachable
      ? [t.unreachable.intro(facts.assigneeName, deadline), t.unreachable.request]
      : [t.overdue.intro(facts.assigneeName, deadline), t.request[facts.to]],
    facts: [
      { label: t.facts.task, value: title },
      { label: t.facts.officer, value: facts.assigneeName },
      { label: t.facts.due, value: deadline },
      { label: t.facts.caseId, value: facts.caseId },
      { label: t.facts.place, value: t.location(facts.desa, kecamatanName(facts.kecamatan)) },
    ],
    ...(facts.reassignLink ? { action: { label: t.reassign.label, url: facts.reassignLink, note: t.reassign.note } } : {}),
    ...myTasksLinks(facts.myTasksLink, language),
  });
}

export function reassignLinkTexts(language: EmailLanguage) {
  return TEXTS[language].reassign;
}
