import { kecamatanName } from '../domain/kecamatan.js';
import { formatDay, formatDeadline } from './format.js';
import { renderEmail, type RenderedEmail } from './layout.js';

/**
 * The coordinator is asked to decide whether a new report is a child who already has a case; the
 * reminder and the head's escalation say the same with more urgency. No child's name: the review page
 * behind the link shows the two records to signed-in staff only.
 */
export type DuplicateReviewEmailKind = 'ASSIGNED' | 'REMINDER' | 'ESCALATION';

export interface DuplicateReviewEmailFacts {
  kind: DuplicateReviewEmailKind;
  recipientName: string;
  reviewId: string;
  kecamatan: string;
  desa: string;
  candidateCount: number;
  dueAt: number;
  /** The review page, e.g. https://ats.kutaitimurkab.go.id/tinjauan-duplikat/dup-… */
  reviewLink: string;
}

const SUBJECTS: Record<DuplicateReviewEmailKind, (place: string, day: string) => string> = {
  ASSIGNED: (place) => `[ATS Kutim] Tinjau kemungkinan laporan ganda — ${place}`,
  REMINDER: (place, day) => `[ATS Kutim] Pengingat: tinjauan laporan ganda — ${place}, batas ${day}`,
  ESCALATION: (place, day) => `[ATS Kutim] Terlambat: tinjauan laporan ganda — ${place}, lewat batas ${day}`,
};

const INTRO: Record<DuplicateReviewEmailKind, (count: number, deadline: string) => string> = {
  ASSIGNED: (count, deadline) =>
    `Laporan baru tentang anak tanpa NIK tampaknya sama dengan anak yang sudah memiliki kasus (${count} kasus mirip). Laporan ini belum dibuat menjadi kasus. Mohon tinjau dan putuskan sebelum ${deadline}: gabungkan ke kasus yang sudah ada, atau pisahkan bila memang anak yang berbeda.`,
  REMINDER: (count, deadline) =>
    `Tinjauan kemungkinan laporan ganda (${count} kasus mirip) masih menunggu keputusan Anda. Batas waktunya ${deadline}. Selama belum diputuskan, anak dalam laporan ini belum ditangani.`,
  ESCALATION: (count, deadline) =>
    `Tinjauan kemungkinan laporan ganda (${count} kasus mirip) belum diputuskan oleh koordinator sejak batas waktunya, ${deadline}. Selama belum diputuskan, anak dalam laporan ini belum ditangani. Mohon arahan Bapak/Ibu.`,
};

export function duplicateReviewEmail(facts: DuplicateReviewEmailFacts): RenderedEmail {
  const place = `Desa ${facts.desa}, Kecamatan ${kecamatanName(facts.kecamatan)}`;
  const deadline = formatDeadline(facts.dueAt);
  return renderEmail({
    subject: SUBJECTS[facts.kind](place, formatDay(facts.dueAt)),
    greeting: `Yth. ${facts.recipientName},`,
    paragraphs: [INTRO[facts.kind](facts.candidateCount, deadline)],
    facts: [
      { label: 'Nomor tinjauan', value: facts.reviewId },
      { label: 'Lokasi', value: place },
      { label: 'Kasus mirip', value: String(facts.candidateCount) },
      { label: 'Batas waktu', value: deadline },
    ],
    action: {
      label: 'Buka tinjauan',
      url: facts.reviewLink,
      note: 'Halaman ini memerlukan masuk sebagai staf. Kedua data anak ditampilkan berdampingan beserta perbedaannya.',
    },
  });
}
