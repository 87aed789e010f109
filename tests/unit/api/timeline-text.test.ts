import { describe, expect, it } from 'vitest';
import { CASE_EVENT_TYPES, type CaseEventType } from '../../../activities/contract.js';
import { describeEvent, officersNamedIn } from '../../../api/cases/timeline-text.js';

const officers = new Map([
  ['disdik-fo-640804', 'Siti Nurhaliza'],
  ['disdik-spv-640804', 'Bambang Sutrisno'],
]);

/** What each event carries, as the workflow records it. */
const SAMPLES: Record<CaseEventType, Record<string, unknown>> = {
  CASE_OPENED: { category: 'DO', reasons: ['ECONOMIC', 'WORKING'], source: { channel: 'SIPBM' }, notes: 'Dilaporkan oleh kader desa.' },
  CASE_REOPENED: {},
  REPORT_ADDED: { channel: 'VILLAGE', reportCount: 2 },
  IDENTITY_CONFIRMED: { identityStatus: 'CORRECTED' },
  IDENTITY_MISMATCH: { fields: ['fullName', 'birthDate'] },
  IDENTITY_NOT_FOUND: { registry: 'DUKCAPIL' },
  REGISTRY_UNAVAILABLE: { registry: 'DINSOS' },
  SYSTEM_FAULT: { reason: 'NoOfficerAvailable' },
  WELFARE_CHECKED: { status: 'REGISTERED', decile: 2, pipCandidate: true },
  TASK_OPENED: { taskId: 'visit-scheduling-1', type: 'VISIT_SCHEDULING', assigneeOfficerId: 'disdik-fo-640804', dueAt: '2026-12-07T09:00:00.000Z' },
  TASK_REMINDED: { taskId: 'visit-scheduling-1', type: 'VISIT_SCHEDULING' },
  TASK_ESCALATED: { taskId: 'visit-scheduling-1', type: 'VISIT_SCHEDULING', level: 1, to: 'SUPERVISOR', recipientOfficerId: 'disdik-spv-640804' },
  TASK_COMPLETED: { taskId: 'visit-scheduling-1', type: 'VISIT_SCHEDULING' },
  TASK_CANCELLED: { taskId: 'visit-report-1', type: 'VISIT_REPORT' },
  TASK_REASSIGNED: { taskId: 'visit-scheduling-1', type: 'VISIT_SCHEDULING', fromOfficerId: 'disdik-spv-640804', toOfficerId: 'disdik-fo-640804', reason: 'Petugas cuti.', dueAt: '2026-12-09T09:00:00.000Z' },
  TASK_DECLINED: { taskId: 'visit-scheduling-1', type: 'VISIT_SCHEDULING', fromOfficerId: 'disdik-fo-640804', toOfficerId: 'disdik-spv-640804', reason: 'Sedang sakit.' },
  EMAIL_UNDELIVERABLE: { recipientOfficerId: 'disdik-fo-640804' },
  STAGE_CHANGED: { from: 'CHECKING_WELFARE', to: 'HOME_VISIT' },
  CASE_CLOSED: { outcome: 'CLOSED', reason: 'MOVED', note: 'Pindah ke Bontang.' },
  CASE_NOTE_ADDED: { note: 'Ibu minta dihubungi sore hari.' },
  ENROLMENT_CONFIRMED: { npsn: '30400002', schoolName: 'SD Negeri 002 Sangatta Utara', enrolmentDate: '2027-01-06', grade: 5, checksDueAt: ['2027-02-05T00:00:00.000Z', '2027-04-06T00:00:00.000Z'] },
  SCHOOL_ROLL_CHECKED: { check: 1, of: 2, finding: 'LEFT_SCHOOL', npsn: '30400002', schoolName: 'SD Negeri 002 Sangatta Utara', exitType: 'DO', exitDate: '2027-01-28' },
  LEFT_SCHOOL_AGAIN: { seenBy: 'DAPODIK', npsn: '30400002', schoolName: 'SD Negeri 002 Sangatta Utara', exitType: 'DO', exitDate: '2027-01-28' },
};

describe('the case timeline in Indonesian', () => {
  it.each(CASE_EVENT_TYPES)('tells what a %s event means, in a sentence', (type) => {
    const { text } = describeEvent({ type, data: SAMPLES[type] }, officers);
    expect(text).not.toMatch(/^Peristiwa /);
    expect(text).toMatch(/\.$/);
    expect(text).not.toMatch(/undefined|null|\[object/);
  });

  it('names the officers an event mentions and quotes what people wrote', () => {
    const reassigned = describeEvent({ type: 'TASK_REASSIGNED', data: SAMPLES.TASK_REASSIGNED }, officers);
    expect(reassigned).toEqual({
      text: 'Tugas “Jadwalkan kunjungan rumah” dialihkan dari Bambang Sutrisno kepada Siti Nurhaliza, batas waktu baru Rabu, 9 Desember 2026 pukul 17.00 WITA.',
      quote: 'Petugas cuti.',
    });
    expect(describeEvent({ type: 'CASE_NOTE_ADDED', data: SAMPLES.CASE_NOTE_ADDED }, officers)).toEqual({ text: 'Catatan ditambahkan.', quote: 'Ibu minta dihubungi sore hari.' });
    expect(describeEvent({ type: 'CASE_CLOSED', data: { outcome: 'ENROLLED', npsn: '30401234', grade: 5 } }, officers).text).toBe(
      'Kasus selesai: anak kembali bersekolah (NPSN 30401234, kelas 5).',
    );
    expect(officersNamedIn({ type: 'TASK_REASSIGNED', data: SAMPLES.TASK_REASSIGNED })).toEqual(['disdik-spv-640804', 'disdik-fo-640804']);
  });

  it('tells the outcome of a duplicate review, recorded beside the case workflow’s own events', () => {
    expect(describeEvent({ type: 'DUPLICATE_MERGED', data: { note: 'Nama sama, desa sama.' } }, officers)).toEqual({
      text: 'Tinjauan duplikat: laporan anak tanpa NIK digabungkan ke kasus ini.',
      quote: 'Nama sama, desa sama.',
    });
    expect(describeEvent({ type: 'DUPLICATE_KEPT_APART', data: { separateCaseId: 'ats-123', note: 'Tanggal lahir berbeda.' } }, officers).text).toContain('kasus ats-123');
  });

  it('still shows an event type it does not know yet, by its code', () => {
    expect(describeEvent({ type: 'CASES_MERGED', data: {} }, officers).text).toBe('Peristiwa CASES_MERGED.');
  });
});
