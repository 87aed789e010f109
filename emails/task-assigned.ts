import { kecamatanName } from '../domain/kecamatan.js';
import type { TaskType } from '../domain/tasks.js';
import { firstName, formatDay, formatDeadline } from './format.js';
import { type EmailLanguage, taskTitle } from './language.js';
import { renderEmail, type EmailContent, type RenderedEmail } from './layout.js';
import { taskInstruction } from './task-instructions.js';

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
  /** The officer's personal list of open tasks. */
  myTasksLink?: string;
  language?: EmailLanguage;
}

export const LINK_NOTE = 'Tautan ini khusus untuk Anda: jangan diteruskan kepada orang lain. Tautan tidak berlaku lagi setelah tugas selesai.';

const TEXTS = {
  id: {
    greeting: (name: string) => `Yth. ${name},`,
    task: 'Tugas', child: 'Anak', place: 'Lokasi', due: 'Batas waktu',
    location: (desa: string, kecamatan: string) => `Desa ${desa}, Kecamatan ${kecamatan}`,
    linkNote: LINK_NOTE,
    myTasks: 'Daftar semua tugas Anda',
    assigned: {
      subject: (title: string, day: string) => `[ATS Kutim] ${title} — batas ${day}`,
      intro: 'Anda mendapat tugas baru dalam penanganan anak tidak sekolah (ATS) di Kabupaten Kutai Timur.',
      action: 'Buka tugas',
    },
    reminder: {
      subject: (title: string, day: string) => `[ATS Kutim] Pengingat: ${title} — batas ${day}`,
      intro: (deadline: string) =>
        `Tugas berikut belum diselesaikan dan batas waktunya adalah ${deadline}. Bila tidak diselesaikan tepat waktu, tugas ini akan diteruskan kepada atasan Anda.`,
      action: 'Selesaikan tugas',
    },
  },
  en: {
    greeting: (name: string) => `Dear ${name},`,
    task: 'Task', child: 'Child', place: 'Location', due: 'Due',
    location: (desa: string, kecamatan: string) => `Desa ${desa}, Kecamatan ${kecamatan}`,
    linkNote: 'This link is for you only: do not forward it. It stops working once the task is done.',
    myTasks: 'All your tasks',
    assigned: {
      subject: (title: string, day: string) => `[ATS Kutim] ${title} — due ${day}`,
      intro: 'You have a new task in the work on out-of-school children (ATS) in Kutai Timur.',
      action: 'Open the task',
    },
    reminder: {
      subject: (title: string, day: string) => `[ATS Kutim] Reminder: ${title} — due ${day}`,
      intro: (deadline: string) => `The task below is not done yet and is due ${deadline}. If it is late, it goes to your supervisor.`,
      action: 'Complete the task',
    },
  },
} as const;

export function taskTexts(language: EmailLanguage = 'id') {
  return TEXTS[language];
}

export function taskFacts(facts: Omit<TaskEmailFacts, 'link' | 'officerName'>): { label: string; value: string }[] {
  const language = facts.language ?? 'id';
  const t = TEXTS[language];
  return [
    { label: t.task, value: taskTitle(facts.taskType, language) },
    ...(facts.childFullName ? [{ label: t.child, value: firstName(facts.childFullName) }] : []),
    { label: t.place, value: t.location(facts.desa, kecamatanName(facts.kecamatan)) },
    { label: t.due, value: formatDeadline(facts.dueAt, language) },
  ];
}

/** The link to the officer's own list of open tasks, which every task email carries. */
export function myTasksLinks(url: string | undefined, language: EmailLanguage = 'id'): Pick<EmailContent, 'links'> {
  return url ? { links: [{ label: TEXTS[language].myTasks, url }] } : {};
}

export function taskAssignedEmail(facts: TaskEmailFacts): RenderedEmail {
  const language = facts.language ?? 'id';
  const t = TEXTS[language];
  return renderEmail({
    language,
    subject: t.assigned.subject(taskTitle(facts.taskType, language), formatDay(facts.dueAt, language)),
    greeting: t.greeting(facts.officerName),
    paragraphs: [t.assigned.intro, taskInstruction(facts.taskType, language)],
    facts: taskFacts(facts),
    action: { label: t.assigned.action, url: facts.link, note: t.linkNote },
    ...myTasksLinks(facts.myTasksLink, language),
  });
}
