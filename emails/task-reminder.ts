import { TASK_TITLES } from '../domain/tasks.js';
import { formatDay, formatDeadline } from './format.js';
import { renderEmail, type RenderedEmail } from './layout.js';
import { LINK_NOTE, taskFacts, type TaskEmailFacts } from './task-assigned.js';
import { TASK_INSTRUCTIONS } from './task-instructions.js';

export function taskReminderEmail(facts: TaskEmailFacts): RenderedEmail {
  return renderEmail({
    subject: `[ATS Kutim] Pengingat: ${TASK_TITLES[facts.taskType]} — batas ${formatDay(facts.dueAt)}`,
    greeting: `Yth. ${facts.officerName},`,
    paragraphs: [
      `Tugas berikut belum diselesaikan dan batas waktunya adalah ${formatDeadline(facts.dueAt)}. Bila tidak diselesaikan tepat waktu, tugas ini akan diteruskan kepada atasan Anda.`,
      TASK_INSTRUCTIONS[facts.taskType],
    ],
    facts: taskFacts(facts),
    action: { label: 'Selesaikan tugas', url: facts.link, note: LINK_NOTE },
  });
}
