import { systemFaultLabel } from '../domain/case-health.js';
import { kecamatanName } from '../domain/kecamatan.js';
import { formatDeadline } from './format.js';
import { renderEmail, type RenderedEmail } from './layout.js';

/** Cases of one kecamatan held up by a fault of the system: ids and fault codes only, never a child's name. */
export interface CaseAttentionFacts {
  recipientName: string;
  kecamatan: string;
  cases: { caseId: string; reason: string; since: Date }[];
  /** Where the recipient sees the cases needing attention. */
  link: string;
  linkNote: string;
}

/** Read by the district's admins and the Disdikbud coordinator, both on Indonesian staff pages. */
export function caseAttentionEmail(facts: CaseAttentionFacts): RenderedEmail {
  const n = facts.cases.length;
  const kecamatan = kecamatanName(facts.kecamatan);
  return renderEmail({
    language: 'id',
    subject: `[ATS Kutim] ${n} kasus di Kecamatan ${kecamatan} tertahan oleh gangguan sistem`,
    greeting: `Yth. ${facts.recipientName},`,
    paragraphs: [
      `${n} kasus anak tidak sekolah di Kecamatan ${kecamatan} tidak dapat melangkah ke tahap berikutnya karena gangguan pada sistem ATS sendiri, bukan karena petugas. Sistem terus mencoba lagi secara otomatis, tetapi gangguan ini sudah berlangsung lebih dari lima belas menit dan perlu ditangani orang.`,
      'Penyebab paling umum: belum ada petugas aktif di direktori petugas untuk kecamatan ini (petugas lapangan, penyelia, koordinator atau kepala dinas). Setelah direktori dilengkapi, kasus berjalan lagi sendiri pada percobaan berikutnya. Email ini dikirim sekali untuk setiap kasus.',
    ],
    facts: facts.cases.map((c) => ({ label: c.caseId, value: `${systemFaultLabel(c.reason)} · sejak ${formatDeadline(c.since.getTime())}` })),
    action: { label: 'Buka daftar kasus yang perlu perhatian', url: facts.link, note: facts.linkNote },
  });
}
