import { describe, expect, it } from 'vitest';
import { caseOutcomeEmail, tasksCancelledEmail } from '../../../emails/case-closed.js';
import { taskAssignedEmail, type TaskEmailFacts } from '../../../emails/task-assigned.js';
import { taskDeclinedEmail } from '../../../emails/task-declined.js';
import { taskEscalatedEmail, type TaskEscalatedFacts } from '../../../emails/task-escalated.js';
import { taskReassignedEmail } from '../../../emails/task-reassigned.js';
import { taskReminderEmail } from '../../../emails/task-reminder.js';

// Friday 4 December 2026, 17:00 WITA.
const DUE = Date.parse('2026-12-04T09:00:00Z');
const MY_TASKS = 'https://ats.example.test/petugas/MyTasks_123';
const REASSIGN = 'https://ats.example.test/penyelia/Reassign_456';

const facts: TaskEmailFacts = {
  officerName: 'Siti Nurhaliza',
  taskType: 'VISIT_SCHEDULING',
  childFullName: 'Budi Santoso Wijaya',
  desa: 'Swarga Bara',
  kecamatan: '640804',
  dueAt: DUE,
  link: 'https://ats.example.test/tasks/AbC-123_xyz',
  myTasksLink: MY_TASKS,
};

const escalation: TaskEscalatedFacts = {
  recipientName: 'Bambang Sutrisno',
  to: 'SUPERVISOR',
  taskType: 'VISIT_REPORT',
  caseId: 'ats-abcdefghij0123456789',
  desa: 'Swarga Bara',
  kecamatan: '640804',
  assigneeName: 'Siti Nurhaliza',
  dueAt: DUE,
  reassignLink: REASSIGN,
  myTasksLink: MY_TASKS,
};

const bodies = (email: { subject: string; text: string; html: string }) => [email.subject, email.text, email.html];

describe('every task email', () => {
  it('carries the officer’s own list of open tasks', () => {
    for (const email of [taskAssignedEmail(facts), taskReminderEmail(facts), taskEscalatedEmail(escalation)]) {
      expect(email.text).toContain(`Daftar semua tugas Anda:\n${MY_TASKS}\n`);
      expect(email.html).toContain(`href="${MY_TASKS}"`);
    }
  });
});

describe('the escalation to a supervisor', () => {
  it('carries the supervisor’s link to reassign the task, and still no link to its form', () => {
    const email = taskEscalatedEmail(escalation);
    expect(email.text).toContain(`Alihkan tugas:\n${REASSIGN}\n`);
    expect(email.text).toContain('dengan tautan ini Anda dapat mengalihkan tugas kepada petugas lain');
    expect(email.html).not.toContain('/tasks/');
  });

  it('says at once, and in the subject, when the officer cannot be reached by email, and by when to act', () => {
    const email = taskEscalatedEmail({ ...escalation, cause: 'UNREACHABLE' });
    expect(email.subject).toBe('[ATS Kutim] Petugas tidak dapat dihubungi: Laporan kunjungan rumah (Siti Nurhaliza) — alihkan sebelum Jumat, 4 Desember 2026');
    expect(email.text).toContain('Surel tugas untuk Siti Nurhaliza ditolak oleh server surel');
    expect(email.text).toContain('alihkan tugas ini kepada petugas lain');
    expect(email.text).toContain(REASSIGN);
  });
});

describe('the email to a supervisor who now holds a declined task', () => {
  const email = taskDeclinedEmail({ ...facts, officerName: 'Bambang Sutrisno', declinedByName: 'Siti Nurhaliza', reason: 'Cuti sampai 10 Desember.', reassignLink: REASSIGN });

  it('says what to do and by when, who declined and why', () => {
    expect(email.subject).toBe('[ATS Kutim] Perlu dialihkan: Jadwalkan kunjungan rumah — batas Jumat, 4 Desember 2026');
    expect(email.text).toContain('Siti Nurhaliza tidak dapat mengerjakan tugas berikut, dengan alasan: “Cuti sampai 10 Desember.”');
    expect(email.text).toContain('sebelum Jumat, 4 Desember 2026 pukul 17.00 WITA');
  });

  it('links to reassigning it first, to doing it oneself second', () => {
    expect(email.text.indexOf(REASSIGN)).toBeLessThan(email.text.indexOf(facts.link));
    expect(email.text).toContain(`Kerjakan sendiri:\n${facts.link}`);
  });
});

describe('the email to the officer who no longer holds a task', () => {
  const email = taskReassignedEmail({ ...facts, newAssigneeName: 'Yusuf Hamdani' });

  it('is short, says no action is needed and carries no task link', () => {
    expect(email.subject).toBe('[ATS Kutim] Tugas dialihkan: Jadwalkan kunjungan rumah — tidak perlu dikerjakan lagi');
    expect(email.text).toContain('sudah dialihkan kepada Yusuf Hamdani');
    expect(email.text).not.toContain('/tasks/');
  });
});

describe('the emails when a case closes', () => {
  const closed = { recipientName: 'Irwan Syahputra', caseId: 'ats-0123', childFullName: 'Budi Santoso Wijaya', desa: 'Swarga Bara', kecamatan: '640804' };

  it('tell an officer that their task is cancelled', () => {
    const email = tasksCancelledEmail({ ...closed, recipientName: 'Siti Nurhaliza', outcome: 'CLOSED', closeReason: 'MOVED', cancelledTasks: ['VISIT_REPORT'] });
    expect(email.subject).toBe('[ATS Kutim] Tugas dibatalkan: Laporan kunjungan rumah — kasus ditutup, tidak perlu tindakan');
    expect(email.text).toMatch(/Tugas dibatalkan\s+: Laporan kunjungan rumah\n/);
  });

  it('tell the coordinator the outcome: back in school, or closed with its reason', () => {
    const enrolled = caseOutcomeEmail({ ...closed, outcome: 'ENROLLED', schoolName: 'SD Negeri 002 Sangatta Utara' });
    expect(enrolled.subject).toBe('[ATS Kutim] Kasus selesai: anak kembali bersekolah (Desa Swarga Bara) — tidak perlu tindakan');
    expect(enrolled.text).toMatch(/Sekolah\s+: SD Negeri 002 Sangatta Utara\n/);
    const gone = caseOutcomeEmail({ ...closed, outcome: 'CLOSED', closeReason: 'WHEREABOUTS_UNKNOWN' });
    expect(gone.subject).toBe('[ATS Kutim] Kasus ditutup: Keberadaan tidak diketahui (Desa Swarga Bara) — tidak perlu tindakan');
  });

  it('name the child by first name only', () => {
    for (const email of [caseOutcomeEmail({ ...closed, outcome: 'ENROLLED' }), tasksCancelledEmail({ ...closed, outcome: 'CLOSED', cancelledTasks: ['VISIT_REPORT'] })]) {
      for (const body of bodies(email)) expect(body).not.toMatch(/Santoso|Wijaya/);
      expect(email.text).toMatch(/Anak\s+: Budi\n/);
    }
  });
});

describe('an officer who reads English', () => {
  it('gets every kind of email in English, dates included', () => {
    const en = { ...facts, language: 'en' as const };
    expect(taskAssignedEmail(en).subject).toBe('[ATS Kutim] Schedule a home visit — due Friday, 4 December 2026');
    expect(taskAssignedEmail(en).text).toContain('Friday, 4 December 2026 at 17:00 WITA');
    expect(taskAssignedEmail(en).html).toContain('<html lang="en">');
    expect(taskReminderEmail(en).subject).toBe('[ATS Kutim] Reminder: Schedule a home visit — due Friday, 4 December 2026');
    expect(taskEscalatedEmail({ ...escalation, language: 'en' }).subject).toBe('[ATS Kutim] Overdue: Home visit report (Siti Nurhaliza) — was due Friday, 4 December 2026');
    expect(taskEscalatedEmail({ ...escalation, language: 'en', cause: 'UNREACHABLE' }).subject).toContain('Officer unreachable');
    expect(taskDeclinedEmail({ ...en, declinedByName: 'Siti', reason: 'On leave.', reassignLink: REASSIGN }).subject).toBe('[ATS Kutim] Needs reassigning: Schedule a home visit — due Friday, 4 December 2026');
    expect(taskReassignedEmail({ ...en, newAssigneeName: 'Yusuf' }).subject).toBe('[ATS Kutim] Task reassigned: Schedule a home visit — no further action needed');
    expect(caseOutcomeEmail({ recipientName: 'Irwan', caseId: 'c', desa: 'Swarga Bara', kecamatan: '640804', outcome: 'CLOSED', closeReason: 'MOVED', language: 'en' }).subject)
      .toBe('[ATS Kutim] Case closed: Moved out of the district (Desa Swarga Bara) — no action needed');
    for (const email of [taskAssignedEmail(en), taskReminderEmail(en)]) {
      expect(email.text).not.toMatch(/Yth\.|Batas waktu|Tautan ini/);
      expect(email.text).toContain('All your tasks:');
    }
  });
});
