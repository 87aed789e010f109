import { CLOSE_REASON_LABELS, type CaseOutcome, type CloseReason } from '../domain/case.js';
import { kecamatanName } from '../domain/kecamatan.js';
import type { TaskType } from '../domain/tasks.js';
import { firstName } from './format.js';
import { type EmailLanguage, taskTitle } from './language.js';
import { renderEmail, type RenderedEmail } from './layout.js';
import { myTasksLinks, taskTexts } from './task-assigned.js';

/** How a case ended, as its closing emails tell it. */
export interface CaseClosedFacts {
  recipientName: string;
  caseId: string;
  /** The child's full name as recorded; the email shows the first name only. */
  childFullName?: string;
  desa: string;
  kecamatan: string;
  outcome: CaseOutcome;
  closeReason?: CloseReason;
  /** The school the child went back to, when enrolled. */
  schoolName?: string;
  myTasksLink?: string;
  language?: EmailLanguage;
}

const CLOSE_REASON_LABELS_EN: Record<CloseReason, string> = {
  MOVED: 'Moved out of the district',
  AGED_OUT: 'Past school age',
  DECEASED: 'Deceased',
  DUPLICATE: 'Duplicate case',
  REFUSED: 'Refused after every effort',
  WHEREABOUTS_UNKNOWN: 'Whereabouts unknown',
};

const TEXTS = {
  id: {
    cancelled: {
      subject: (titles: string) => `[ATS Kutim] Tugas dibatalkan: ${titles} — kasus ditutup, tidak perlu tindakan`,
      intro: 'Kasus anak berikut sudah ditutup, sehingga tugas Anda untuk kasus ini dibatalkan. Anda tidak perlu mengerjakannya lagi, dan tautan tugasnya tidak berlaku lagi.',
    },
    outcome: {
      enrolled: (desa: string) => `[ATS Kutim] Kasus selesai: anak kembali bersekolah (Desa ${desa}) — tidak perlu tindakan`,
      retained: (desa: string) => `[ATS Kutim] Kasus selesai: anak tetap bersekolah (Desa ${desa}) — tidak perlu tindakan`,
      closed: (reason: string, desa: string) => `[ATS Kutim] Kasus ditutup: ${reason} (Desa ${desa}) — tidak perlu tindakan`,
      introEnrolled: 'Anak dalam kasus berikut sudah terdaftar kembali di sekolah. Kasus ini selesai.',
      introRetained: 'Anak dalam kasus berikut masih bersekolah setelah masa pemantauan. Kasus ini selesai.',
      introClosed: 'Kasus berikut sudah ditutup tanpa anak kembali bersekolah.',
    },
    facts: { caseId: 'Nomor kasus', child: 'Anak', place: 'Lokasi', tasks: 'Tugas dibatalkan', result: 'Hasil', school: 'Sekolah', reason: 'Alasan' },
    enrolled: 'Kembali bersekolah',
    retained: 'Tetap bersekolah',
    closed: 'Ditutup',
    reasons: CLOSE_REASON_LABELS,
  },
  en: {
    cancelled: {
      subject: (titles: string) => `[ATS Kutim] Task cancelled: ${titles} — case closed, no action needed`,
      intro: 'The child’s case below has been closed, so your task for it is cancelled. You no longer need to do it, and its link no longer works.',
    },
    outcome: {
      enrolled: (desa: string) => `[ATS Kutim] Case completed: child back in school (Desa ${desa}) — no action needed`,
      retained: (desa: string) => `[ATS Kutim] Case completed: child stayed in school (Desa ${desa}) — no action needed`,
      closed: (reason: string, desa: string) => `[ATS Kutim] Case closed: ${reason} (Desa ${desa}) — no action needed`,
      introEnrolled: 'The child in the case below is enrolled in school again. The case is complete.',
      introRetained: 'The child in the case below is still in school after the monitoring period. The case is complete.',
      introClosed: 'The case below has been closed without the child returning to school.',
    },
    facts: { caseId: 'Case number', child: 'Child', place: 'Location', tasks: 'Cancelled tasks', result: 'Outcome', school: 'School', reason: 'Reason' },
    enrolled: 'Back in school',
    retained: 'Stayed in school',
    closed: 'Closed',
    reasons: CLOSE_REASON_LABELS_EN,
  },
} as const;

function caseFacts(facts: CaseClosedFacts): { label: string; value: string }[] {
  const t = TEXTS[facts.language ?? 'id'];
  return [
    { label: t.facts.caseId, value: facts.caseId },
    ...(facts.childFullName ? [{ label: t.facts.child, value: firstName(facts.childFullName) }] : []),
    { label: t.facts.place, value: `Desa ${facts.desa}, Kecamatan ${kecamatanName(facts.kecamatan)}` },
  ];
}

/** To an officer whose open tasks the close cancelled. */
export function tasksCancelledEmail(facts: CaseClosedFacts & { cancelledTasks: TaskType[] }): RenderedEmail {
  const language = facts.language ?? 'id';
  const t = TEXTS[language];
  const titles = facts.cancelledTasks.map((type) => taskTitle(type, language)).join(', ');
  return renderEmail({
    language,
    subject: t.cancelled.subject(titles),
    greeting: taskTexts(language).greeting(facts.recipientName),
    paragraphs: [t.cancelled.intro],
    facts: [...caseFacts(facts), { label: t.facts.tasks, value: titles }],
    ...myTasksLinks(facts.myTasksLink, language),
  });
}

/** To the coordinator: how the case ended. */
export function caseOutcomeEmail(facts: CaseClosedFacts): RenderedEmail {
  const language = facts.language ?? 'id';
  const t = TEXTS[language];
  const enrolled = facts.outcome !== 'CLOSED';
  const retained = facts.outcome === 'RETAINED';
  const reason = facts.closeReason ? t.reasons[facts.closeReason] : t.closed;
  return renderEmail({
    language,
    subject: retained ? t.outcome.retained(facts.desa) : enrolled ? t.outcome.enrolled(facts.desa) : t.outcome.closed(reason, facts.desa),
    greeting: taskTexts(language).greeting(facts.recipientName),
    paragraphs: [retained ? t.outcome.introRetained : enrolled ? t.outcome.introEnrolled : t.outcome.introClosed],
    facts: [
      ...caseFacts(facts),
      { label: t.facts.result, value: retained ? t.retained : enrolled ? t.enrolled : t.closed },
      ...(enrolled && facts.schoolName ? [{ label: t.facts.school, value: facts.schoolName }] : []),
      ...(!enrolled && facts.closeReason ? [{ label: t.facts.reason, value: reason }] : []),
    ],
    ...myTasksLinks(facts.myTasksLink, language),
  });
}
