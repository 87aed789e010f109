import { describe, expect, it } from 'vitest';
import { candidateReviewEmail, type CandidateReviewEmailFacts } from '../../../emails/candidate-review.js';

// Monday 14 December 2026, 17:00 WITA.
const DUE = Date.parse('2026-12-14T09:00:00Z');
const facts: CandidateReviewEmailFacts = {
  kind: 'ESCALATION',
  recipientName: 'Bambang Sutrisno',
  kecamatanName: 'Sangatta Utara',
  dueAt: DUE,
  concerned: 12,
  waiting: 40,
  link: 'https://ats.example.test/rekonsiliasi?kecamatan=640804',
};

describe("the emails of an undecided candidate's review", () => {
  it('tell the head in Bahasa Indonesia how many children passed their deadline, out of how many waiting, with the list', () => {
    const email = candidateReviewEmail(facts);
    expect(email.subject).toBe('[ATS Kutim] Terlambat: 12 anak temuan rekonsiliasi belum diputuskan — Kecamatan Sangatta Utara');
    expect(email.text).toContain('sampai batas waktunya, Senin, 14 Desember 2026 pukul 17.00 WITA');
    expect(email.text).toMatch(/Seluruhnya menunggu keputusan\s+: 40/);
    expect(email.html).toContain('href="https://ats.example.test/rekonsiliasi?kecamatan=640804"');
    expect(email.html).toContain('<html lang="id">');
  });

  it('remind a coordinator whose directory entry asks for English in English', () => {
    const email = candidateReviewEmail({ ...facts, kind: 'REMINDER', language: 'en', recipientName: 'Rina' });
    expect(email.subject).toBe('[ATS Kutim] Reminder: 12 children from the reconciliation await a decision — Kecamatan Sangatta Utara, due Monday, 14 December 2026');
    expect(email.text).toContain('Dear Rina,');
    expect(email.text).toContain('must be decided by Monday, 14 December 2026 at 17:00 WITA');
    expect(email.html).toContain('<html lang="en">');
  });
});
