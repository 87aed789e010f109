import { formatDay, formatDeadline } from './format.js';
import { taskTitle } from './language.js';
import { renderEmail, type RenderedEmail } from './layout.js';
import { taskFacts, taskTexts, type TaskEmailFacts } from './task-assigned.js';
import { reassignLinkTexts } from './task-escalated.js';

/** The supervisor who now holds a task its officer declined: who declined, why, and the links to reassign it or do it. */
export interface TaskDeclinedFacts extends TaskEmailFacts {
  declinedByName: string;
  reason: string;
  reassignLink: string;
}

const TEXTS = {
  id: {
    subject: (title: string, day: string) => `[ATS Kutim] Perlu dialihkan: ${title} — batas ${day}`,
    intro: (who: string, reason: string) => `${who} tidak dapat mengerjakan tugas berikut, dengan alasan: “${reason}”.`,
    request: (deadline: string) =>
      `Tugas ini sekarang dipegang oleh Anda sampai dialihkan. Mohon alihkan kepada petugas lain, atau kerjakan sendiri, sebelum ${deadline}.`,
    doItYourself: 'Kerjakan sendiri',
  },
  en: {
    subject: (title: string, day: string) => `[ATS Kutim] Needs reassigning: ${title} — due ${day}`,
    intro: (who: string, reason: string) => `${who} cannot do the task below. Their reason: “${reason}”.`,
    request: (deadline: string) => `You now hold this task until it is reassigned. Please reassign it to another officer, or do it yourself, before ${deadline}.`,
    doItYourself: 'Do it yourself',
  },
} as const;

export function taskDeclinedEmail(facts: TaskDeclinedFacts): RenderedEmail {
  const language = facts.language ?? 'id';
  const t = TEXTS[language];
  const reassign = reassignLinkTexts(language);
  return renderEmail({
    language,
    subject: t.subject(taskTitle(facts.taskType, language), formatDay(facts.dueAt, language)),
    greeting: taskTexts(language).greeting(facts.officerName),
    paragraphs: [t.intro(facts.declinedByName, facts.reason), t.request(formatDeadline(facts.dueAt, language))],
    facts: taskFacts(facts),
    action: { label: reassign.label, url: facts.reassignLink, note: reassign.note },
    links: [
      { label: t.doItYourself, url: facts.link },
      ...(facts.myTasksLink ? [{ label: taskTexts(language).myTasks, url: facts.myTasksLink }] : []),
    ],
  });
}
