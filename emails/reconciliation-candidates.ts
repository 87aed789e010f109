import { renderEmail, type RenderedEmail } from './layout.js';
import type { EmailLanguage } from './language.js';

/** The coordinator learns that last night's reconciliation found children to review in their kecamatan. */
export interface CandidatesFacts {
  language?: EmailLanguage;
  coordinatorName: string;
  kecamatanName: string;
  newCandidates: number;
  /** All candidates of the kecamatan still waiting for a decision, the new ones included. */
  waiting: number;
  /** The staff page listing them: /rekonsiliasi?kecamatan=… */
  link: string;
}

const TEXTS = {
  id: {
    subject: (n: number, kecamatan: string) => `[ATS Kutim] ${n} anak perlu ditinjau: rekonsiliasi data Kecamatan ${kecamatan}`,
    greeting: (name: string) => `Yth. ${name},`,
    intro: (n: number) =>
      `Rekonsiliasi data Disdukcapil dengan Dapodik menemukan ${n} anak usia sekolah yang tidak tercatat bersekolah dan belum memiliki kasus.`,
    request: 'Mohon tinjau setiap anak: buka kasus, atau abaikan dengan alasan (misalnya bersekolah di luar kabupaten atau di pesantren tanpa NISN).',
    kecamatan: 'Kecamatan',
    fresh: 'Anak baru',
    waiting: 'Menunggu keputusan',
    action: 'Tinjau daftar anak',
    note: 'Halaman ini memerlukan masuk dengan akun staf.',
  },
  en: {
    subject: (n: number, kecamatan: string) => `[ATS Kutim] ${n} children to review: data reconciliation of Kecamatan ${kecamatan}`,
    greeting: (name: string) => `Dear ${name},`,
    intro: (n: number) => `The reconciliation of the civil registry with Dapodik found ${n} school-age children who are not recorded in school and have no case.`,
    request: 'Please review each child: start a case, or dismiss them with a reason (such as schooled outside the district or at a pesantren without NISN).',
    kecamatan: 'Kecamatan',
    fresh: 'New children',
    waiting: 'Waiting for a decision',
    action: 'Review the list',
    note: 'The page needs a staff sign-in.',
  },
} as const;

export function reconciliationCandidatesEmail(facts: CandidatesFacts): RenderedEmail {
  const language = facts.language ?? 'id';
  const t = TEXTS[language];
  return renderEmail({
    language,
    subject: t.subject(facts.newCandidates, facts.kecamatanName),
    greeting: t.greeting(facts.coordinatorName),
    paragraphs: [t.intro(facts.newCandidates), t.request],
    facts: [
      { label: t.kecamatan, value: facts.kecamatanName },
      { label: t.fresh, value: String(facts.newCandidates) },
      { label: t.waiting, value: String(facts.waiting) },
    ],
    action: { label: t.action, url: facts.link, note: t.note },
  });
}
