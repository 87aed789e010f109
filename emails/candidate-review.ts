import { formatDay, formatDeadline } from './format.js';
import type { EmailLanguage } from './language.js';
import { renderEmail, type RenderedEmail } from './layout.js';

/**
 * Children the reconciliation found still wait for the coordinator's decision: the reminder goes to the
 * coordinator before the deadline, the escalation to the head of Disdikbud after it. One email speaks for
 * all of a kecamatan's waiting children (a run raises them by the dozen), so it gives counts and the list's
 * link, never a child's name: the list shows them to signed-in staff only.
 */
export type CandidateReviewEmailKind = 'REMINDER' | 'ESCALATION';

export interface CandidateReviewEmailFacts {
  kind: CandidateReviewEmailKind;
  language?: EmailLanguage;
  recipientName: string;
  kecamatanName: string;
  /** The deadline the email is about: the one coming (reminder) or the one passed (escalation). */
  dueAt: number;
  /** REMINDER: children due by `dueAt`; ESCALATION: children past their deadline. */
  concerned: number;
  /** All of the kecamatan's children still waiting for a decision. */
  waiting: number;
  /** The staff page listing them: /rekonsiliasi?kecamatan=… */
  link: string;
}

const TEXTS = {
  id: {
    subject: {
      REMINDER: (n: number, kecamatan: string, day: string) => `[ATS Kutim] Pengingat: ${n} anak temuan rekonsiliasi menunggu keputusan — Kecamatan ${kecamatan}, batas ${day}`,
      ESCALATION: (n: number, kecamatan: string) => `[ATS Kutim] Terlambat: ${n} anak temuan rekonsiliasi belum diputuskan — Kecamatan ${kecamatan}`,
    },
    greeting: (name: string) => `Yth. ${name},`,
    intro: {
      REMINDER: (n: number, kecamatan: string, deadline: string) =>
        `${n} anak usia sekolah yang ditemukan rekonsiliasi data di Kecamatan ${kecamatan} harus diputuskan paling lambat ${deadline}: buka kasus, atau abaikan dengan alasan.`,
      ESCALATION: (n: number, kecamatan: string, deadline: string) =>
        `${n} anak usia sekolah yang ditemukan rekonsiliasi data di Kecamatan ${kecamatan} belum diputuskan oleh koordinator sampai batas waktunya, ${deadline}. Mohon arahan Bapak/Ibu.`,
    },
    why: 'Selama belum diputuskan, anak-anak ini belum ditangani.',
    kecamatan: 'Kecamatan',
    concerned: { REMINDER: 'Harus diputuskan', ESCALATION: 'Lewat batas waktu' },
    waiting: 'Seluruhnya menunggu keputusan',
    deadline: 'Batas waktu',
    action: 'Tinjau daftar anak',
    note: 'Halaman ini memerlukan masuk dengan akun staf.',
  },
  en: {
    subject: {
      REMINDER: (n: number, kecamatan: string, day: string) => `[ATS Kutim] Reminder: ${n} children from the reconciliation await a decision — Kecamatan ${kecamatan}, due ${day}`,
      ESCALATION: (n: number, kecamatan: string) => `[ATS Kutim] Overdue: ${n} children from the reconciliation not decided — Kecamatan ${kecamatan}`,
    },
    greeting: (name: string) => `Dear ${name},`,
    intro: {
      REMINDER: (n: number, kecamatan: string, deadline: string) =>
        `${n} school-age children found by the data reconciliation in Kecamatan ${kecamatan} must be decided by ${deadline}: start a case, or dismiss them with a reason.`,
      ESCALATION: (n: number, kecamatan: string, deadline: string) =>
        `${n} school-age children found by the data reconciliation in Kecamatan ${kecamatan} were not decided by the coordinator by their deadline, ${deadline}. Your direction is requested.`,
    },
    why: 'Until they are decided, nobody follows these children up.',
    kecamatan: 'Kecamatan',
    concerned: { REMINDER: 'To be decided', ESCALATION: 'Past the deadline' },
    waiting: 'Waiting for a decision in all',
    deadline: 'Deadline',
    action: 'Review the list',
    note: 'The page needs a staff sign-in.',
  },
} as const;

export function candidateReviewEmail(facts: CandidateReviewEmailFacts): RenderedEmail {
  const language = facts.language ?? 'id';
  const t = TEXTS[language];
  const deadline = formatDeadline(facts.dueAt, language);
  return renderEmail({
    language,
    subject: t.subject[facts.kind](facts.concerned, facts.kecamatanName, formatDay(facts.dueAt, language)),
    greeting: t.greeting(facts.recipientName),
    paragraphs: [t.intro[facts.kind](facts.concerned, facts.kecamatanName, deadline), t.why],
    facts: [
      { label: t.kecamatan, value: facts.kecamatanName },
      { label: t.concerned[facts.kind], value: String(facts.concerned) },
      { label: t.waiting, value: String(facts.waiting) },
      { label: t.deadline, value: deadline },
    ],
    action: { label: t.action, url: facts.link, note: t.note },
  });
}
