import { formatDay, formatDeadline } from './format.js';
import { taskTitle } from './language.js';
import { renderEmail, type RenderedEmail } from './layout.js';
import { myTasksLinks, taskFacts, taskTexts, type TaskEmailFacts } from './task-assigned.js';
import { taskInstruction } from './task-instructions.js';

export function taskReminderEmail(facts: TaskEmailFacts): RenderedEmail {
  const language = facts.language ?? 'id';
  const t = taskTexts(language);
  return renderEmail({
    language,
    subject: t.reminder.subject(taskTitle(facts.taskType, language), formatDay(facts.dueAt, language)),
    greeting: t.greeting(facts.officerName),
    paragraphs: [t.reminder.intro(formatDeadline(facts.dueAt, language)), taskInstruction(facts.taskType, language)],
    facts: taskFacts(facts),
    action: { label: t.reminder.action, url: facts.link, note: t.linkNote },
    ...myTasksLinks(facts.myTasksLink, language),
  });
}
