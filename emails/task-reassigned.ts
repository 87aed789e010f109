import { taskTitle } from './language.js';
import { renderEmail, type RenderedEmail } from './layout.js';
import { myTasksLinks, taskFacts, taskTexts, type TaskEmailFacts } from './task-assigned.js';

/** The officer who no longer holds a task: it went to someone else, and their link is dead. */
export interface TaskReassignedFacts extends Omit<TaskEmailFacts, 'link'> {
  newAssigneeName: string;
}

const TEXTS = {
  id: {
    subject: (title: string) => `[ATS Kutim] Tugas dialihkan: ${title} — tidak perlu dikerjakan lagi`,
    intro: (who: string) => `Tugas berikut sudah dialihkan kepada ${who}. Anda tidak perlu mengerjakannya lagi, dan tautan tugas yang pernah Anda terima tidak berlaku lagi.`,
  },
  en: {
    subject: (title: string) => `[ATS Kutim] Task reassigned: ${title} — no further action needed`,
    intro: (who: string) => `The task below has been reassigned to ${who}. You no longer need to do it, and the task links you received no longer work.`,
  },
} as const;

export function taskReassignedEmail(facts: TaskReassignedFacts): RenderedEmail {
  const language = facts.language ?? 'id';
  const t = TEXTS[language];
  return renderEmail({
    language,
    subject: t.subject(taskTitle(facts.taskType, language)),
    greeting: taskTexts(language).greeting(facts.officerName),
    paragraphs: [t.intro(facts.newAssigneeName)],
    facts: taskFacts(facts),
    ...myTasksLinks(facts.myTasksLink, language),
  });
}
