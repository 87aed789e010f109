import { VIOLATION_LABELS, type ViolationKind } from '../domain/case-health.js';
import { kecamatanName } from '../domain/kecamatan.js';
import { formatDeadline } from './format.js';
import { renderEmail, type RenderedEmail } from './layout.js';

/** What the watchdog found in one run that no email has told of yet: ids and codes only, never a child's name. */
export interface CaseHealthFacts {
  adminName: string;
  violations: { caseId: string; kind: ViolationKind; kecamatan: string; firstSeenAt: Date }[];
  /** The admin page's list of violations, with the repair buttons. */
  link: string;
}

/** Admins read Indonesian; the system's staff pages are Indonesian only. */
export function caseHealthEmail(facts: CaseHealthFacts): RenderedEmail {
  const n = facts.violations.length;
  return renderEmail({
    language: 'id',
    subject: `[ATS Kutim] Pengawas sistem: ${n} masalah pada kasus terbuka perlu diperbaiki`,
    greeting: `Yth. ${facts.adminName},`,
    paragraphs: [
      `Pemeriksaan berkala menemukan ${n} masalah baru pada kasus yang masih terbuka: kasus tanpa proses yang berjalan, tugas tanpa petugas aktif, kasus tanpa penanggung jawab atau tanpa tenggat berikutnya. Selama masalah ini belum diperbaiki, anak dalam kasus tersebut tidak ditangani oleh siapa pun.`,
      'Buka halaman admin untuk memperbaiki setiap kasus: jalankan kembali prosesnya dari titik terakhir yang baik, mulai ulang dari laporan yang tercatat, atau alihkan tugas kepada petugas aktif. Email ini dikirim sekali untuk setiap masalah.',
    ],
    facts: facts.violations.map((v) => ({
      label: v.caseId,
      value: `${VIOLATION_LABELS[v.kind]} · Kecamatan ${kecamatanName(v.kecamatan)} · sejak ${formatDeadline(v.firstSeenAt.getTime())}`,
    })),
    action: { label: 'Buka daftar masalah kasus', url: facts.link, note: 'Halaman ini memerlukan masuk dengan akun admin.' },
  });
}

