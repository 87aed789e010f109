import { describe, expect, it } from 'vitest';
import { casePageBody, type CasePageInput } from '../../../api/cases/html/case-page.js';
import type { CaseDetail } from '../../../api/cases/schemas.js';

const watching: CaseDetail = {
  caseId: 'ats-monitoring-1', stage: 'MONITORING', stageLabel: 'Pemantauan setelah kembali bersekolah', kecamatan: '640804', kecamatanName: 'Sangatta Utara',
  desa: 'Swarga Bara', category: 'DO', overdue: false, reportCount: 1, openedAt: '2026-11-02T01:00:00.000Z', live: true, tasks: [],
  enrolment: { npsn: '30401234', schoolName: 'SD Negeri 010 Sangatta Utara', enrolmentDate: '2026-12-07', grade: 5 },
  monitoring: {
    checks: [
      { dueAt: '2027-01-05T16:00:00.000Z', checkedAt: '2027-01-05T16:00:02.000Z', finding: 'ON_ROLL' },
      { dueAt: '2027-03-06T16:00:00.000Z' },
    ],
  },
};

function page(detail: CaseDetail): string {
  const input: CasePageInput = {
    detail, timeline: [], openTasks: [], canAct: false, csrfToken: 'csrf', noteForm: { id: 'note', values: {}, errors: [] }, closeForm: { id: 'close', values: {}, errors: [] }, submissionId: 'once', now: new Date('2027-01-10T00:00:00Z'),
  };
  return casePageBody(input);
}

describe('the case page of a child back in school', () => {
  it('names the school and each look at the school roll, done or still ahead, while the case is watched', () => {
    const html = page(watching);
    expect(html).toContain('<dt>Sekolah</dt><dd>SD Negeri 010 Sangatta Utara (NPSN 30401234), kelas 5</dd>');
    expect(html).toMatch(/<dt>Pemantauan Dapodik<\/dt><dd><ol><li>[^<]+: Tercatat aktif di Dapodik<\/li><li>[^<]+: dijadwalkan<\/li><\/ol><\/dd>/);
    expect(html).not.toContain('<dt>Hasil</dt>');
  });

  it('says the child stayed in school once the case closed as retained', () => {
    const html = page({ ...watching, stage: 'CLOSED', stageLabel: 'Selesai', outcome: 'RETAINED', closedAt: '2027-03-06T16:00:03.000Z' });
    expect(html).toContain('<dt>Hasil</dt><dd>Tetap bersekolah setelah pemantauan: SD Negeri 010 Sangatta Utara (NPSN 30401234), kelas 5</dd>');
    expect(html).not.toContain('Pemantauan Dapodik');
  });
});

describe('the case page of a case that cannot move on', () => {
  const held = { ...watching, stage: 'HOME_VISIT', stageLabel: 'Kunjungan rumah', enrolment: undefined, monitoring: undefined } satisfies CaseDetail;

  it('says which registry it waits for', () => {
    const html = page({ ...held, waitingFor: { registry: 'DUKCAPIL', since: '2027-01-09T01:00:00.000Z', failedAttempts: 2, nextAttemptAt: '2027-01-09T01:03:00.000Z' } });
    expect(html).toMatch(/<p class="notice card">Menunggu layanan Dukcapil sejak [^;]+; dicoba lagi [^<]+\.<\/p>/);
  });

  it('says when a fault of the system holds it, and what the fault is, without the fault’s message', () => {
    const html = page({ ...held, waitingFor: { registry: 'SYSTEM', reason: 'NoOfficerAvailable', since: '2027-01-09T01:00:00.000Z', failedAttempts: 3, nextAttemptAt: '2027-01-09T01:07:00.000Z' } });
    expect(html).toMatch(/<p class="notice card">Tertahan oleh gangguan sistem \(tidak ada petugas aktif di direktori yang mencakup wilayah kasus\) sejak [^;]+; dicoba lagi [^<]+\.<\/p>/);
  });
});
