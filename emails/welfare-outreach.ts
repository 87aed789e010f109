import { maskNik } from '../domain/nik.js';
import { OUTREACH_LINK_DAYS } from '../domain/welfare-outreach.js';
import { renderEmail, type RenderedEmail } from './layout.js';
import type { EmailLanguage } from './language.js';

/** The desa's officer learns which poor families with children in school to visit before they drop out. */
export interface WelfareOutreachFacts {
  language?: EmailLanguage;
  officerName: string;
  kecamatanName: string;
  /** The officer's page of open visits, where each visit is recorded. */
  link: string;
  /** The families have waited since an earlier email: the officer is reminded of them. */
  reminder?: boolean;
  households: { desa: string; noKk: string; decile: number; children: number; programmes: string[] }[];
}

const TEXTS = {
  id: {
    subject: (n: number, kecamatan: string) => `[ATS Kutim] Kunjungan pencegahan: ${n} keluarga di Kecamatan ${kecamatan}`,
    reminderSubject: (n: number, kecamatan: string) => `[ATS Kutim] Pengingat kunjungan pencegahan: ${n} keluarga masih menunggu di Kecamatan ${kecamatan}`,
    greeting: (name: string) => `Yth. ${name},`,
    intro: 'Keluarga berikut terdaftar di Dinsos pada desil termiskin dan anaknya masih bersekolah. Mereka berisiko menarik anak dari sekolah.',
    reminderIntro: 'Keluarga berikut masih menunggu kunjungan Anda. Mereka terdaftar di Dinsos pada desil termiskin dan anaknya masih bersekolah.',
    request: 'Mohon kunjungi keluarga ini dalam waktu dekat: pastikan anak tetap bersekolah dan bantu keluarga mengurus PIP/KIP bila belum menerimanya.',
    household: (h: WelfareOutreachFacts['households'][number]) =>
      `Desa ${h.desa}, KK ${maskNik(h.noKk)}: desil ${h.decile}, ${h.children} anak bersekolah${h.programmes.includes('PIP') || h.programmes.includes('KIP') ? '' : ', belum menerima PIP/KIP'}`,
    count: 'Jumlah keluarga',
    action: 'Catat kunjungan',
    linkNote: `Tautan ini khusus untuk Anda: jangan diteruskan. Setelah mengunjungi keluarga, catat tanggal dan hasil kunjungan di halaman ini. Tautan berlaku ${OUTREACH_LINK_DAYS} hari.`,
  },
  en: {
    subject: (n: number, kecamatan: string) => `[ATS Kutim] Preventive visits: ${n} families in Kecamatan ${kecamatan}`,
    reminderSubject: (n: number, kecamatan: string) => `[ATS Kutim] Reminder, preventive visits: ${n} families still waiting in Kecamatan ${kecamatan}`,
    greeting: (name: string) => `Dear ${name},`,
    intro: 'The families below are in the poorest Dinsos deciles and their children are still in school. They are at risk of taking them out.',
    reminderIntro: 'The families below are still waiting for your visit. They are in the poorest Dinsos deciles and their children are still in school.',
    request: 'Please visit these families soon: make sure the children stay in school and help the family apply for PIP/KIP if they do not receive it.',
    household: (h: WelfareOutreachFacts['households'][number]) =>
      `Desa ${h.desa}, KK ${maskNik(h.noKk)}: decile ${h.decile}, ${h.children} children in school${h.programmes.includes('PIP') || h.programmes.includes('KIP') ? '' : ', no PIP/KIP yet'}`,
    count: 'Families',
    action: 'Record visits',
    linkNote: `This link is yours alone: do not forward it. After visiting a family, record the date and the outcome on this page. It works for ${OUTREACH_LINK_DAYS} days.`,
  },
} as const;

export function welfareOutreachEmail(facts: WelfareOutreachFacts): RenderedEmail {
  const language = facts.language ?? 'id';
  const t = TEXTS[language];
  return renderEmail({
    language,
    subject: (facts.reminder ? t.reminderSubject : t.subject)(facts.households.length, facts.kecamatanName),
    greeting: t.greeting(facts.officerName),
    paragraphs: [facts.reminder ? t.reminderIntro : t.intro, t.request, ...facts.households.map(t.household)],
    facts: [{ label: t.count, value: String(facts.households.length) }],
    action: { label: t.action, url: facts.link, note: t.linkNote },
  });
}
