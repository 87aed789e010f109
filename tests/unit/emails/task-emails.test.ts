import { describe, expect, it } from 'vitest';
import { taskAssignedEmail, type TaskEmailFacts } from '../../../emails/task-assigned.js';
import { taskEscalatedEmail } from '../../../emails/task-escalated.js';
import { taskReminderEmail } from '../../../emails/task-reminder.js';

// Friday 4 December 2026, 17:00 WITA: the end of a working day in Kutai Timur.
const DUE = Date.parse('2026-12-04T09:00:00Z');

const facts: TaskEmailFacts = {
  officerName: 'Siti Nurhaliza',
  taskType: 'VISIT_SCHEDULING',
  childFullName: 'Budi Santoso Wijaya',
  desa: 'Swarga Bara',
  kecamatan: '640804',
  dueAt: DUE,
  link: 'https://ats.example.test/tasks/AbC-123_xyz',
};

describe('the email an officer receives when a task is assigned', () => {
  const email = taskAssignedEmail(facts);

  it('says in the subject what to do and by when, in Indonesian', () => {
    expect(email.subject).toBe('[ATS Kutim] Jadwalkan kunjungan rumah — batas Jumat, 4 Desember 2026');
  });

  it('greets the officer and gives the task, the place and the deadline in WITA, in HTML and in plain text', () => {
    for (const body of [email.text, email.html]) {
      expect(body).toContain('Yth. Siti Nurhaliza,');
      expect(body).toContain('Jadwalkan kunjungan rumah');
      expect(body).toContain('Desa Swarga Bara, Kecamatan Sangatta Utara');
      expect(body).toContain('Jumat, 4 Desember 2026 pukul 17.00 WITA');
      expect(body).toContain('Tentukan tanggal kunjungan ke rumah keluarga anak.');
    }
  });

  it('names the child by first name only', () => {
    for (const body of [email.subject, email.text, email.html]) {
      expect(body).not.toContain('Santoso');
      expect(body).not.toContain('Wijaya');
    }
    expect(email.text).toMatch(/Anak\s+: Budi\n/);
    expect(email.html).toContain('>Budi<');
  });

  it('carries the officer’s personal link, with a warning not to pass it on', () => {
    expect(email.text).toContain(`\n${facts.link}\n`);
    expect(email.html).toContain(`href="${facts.link}"`);
    expect(email.text).toContain('Tautan ini khusus untuk Anda');
  });

  it('is a self-contained HTML document: inline styles, no stylesheet, no remote images or scripts', () => {
    expect(email.html).toMatch(/^<!DOCTYPE html>/);
    expect(email.html).toContain('<html lang="id">');
    expect(email.html).not.toMatch(/<style|<link|<img|<script|src=/i);
  });

  it('leaves the child line out when the name is not recorded', () => {
    const { childFullName: _omitted, ...withoutChild } = facts;
    expect(taskAssignedEmail(withoutChild).text).not.toMatch(/Anak\s+:/);
  });

  it('escapes names that look like markup', () => {
    const html = taskAssignedEmail({ ...facts, officerName: 'Rina <b>"Ina"</b> & Co' }).html;
    expect(html).toContain('Yth. Rina &#60;b&#62;&#34;Ina&#34;&#60;/b&#62; &#38; Co,');
    expect(html).not.toContain('<b>');
  });
});

describe('the reminder before the deadline', () => {
  const email = taskReminderEmail(facts);

  it('is recognisable as a reminder in the subject, with the deadline', () => {
    expect(email.subject).toBe('[ATS Kutim] Pengingat: Jadwalkan kunjungan rumah — batas Jumat, 4 Desember 2026');
  });

  it('warns that the task goes to the supervisor if it is late, and still carries the link', () => {
    expect(email.text).toContain('akan diteruskan kepada atasan Anda');
    expect(email.text).toContain(facts.link);
    expect(email.html).toContain(`href="${facts.link}"`);
  });
});

describe('the escalation email to a supervisor', () => {
  const email = taskEscalatedEmail({
    recipientName: 'Bambang Sutrisno',
    to: 'SUPERVISOR',
    taskType: 'VISIT_REPORT',
    caseId: 'ats-abcdefghij0123456789',
    desa: 'Swarga Bara',
    kecamatan: '640804',
    assigneeName: 'Siti Nurhaliza',
    dueAt: DUE,
  });

  it('names the late officer and the deadline that passed', () => {
    expect(email.subject).toBe('[ATS Kutim] Terlambat: Laporan kunjungan rumah (Siti Nurhaliza) — lewat batas Jumat, 4 Desember 2026');
    expect(email.text).toContain('belum diselesaikan oleh Siti Nurhaliza sejak batas waktunya, Jumat, 4 Desember 2026 pukul 17.00 WITA');
    expect(email.text).toContain('mohon hubungi petugas tersebut');
  });

  it('gives the case reference but neither a task link nor the child’s name', () => {
    expect(email.text).toContain('ats-abcdefghij0123456789');
    expect(email.html).not.toContain('href=');
    expect(email.text).not.toMatch(/Anak\s+:/);
  });

  it('is phrased for a coordinator when it reaches the coordinator', () => {
    const toCoordinator = taskEscalatedEmail({
      recipientName: 'Irwan Syahputra',
      to: 'COORDINATOR',
      taskType: 'VISIT_REPORT',
      caseId: 'ats-abcdefghij0123456789',
      desa: 'Swarga Bara',
      kecamatan: '640804',
      assigneeName: 'Siti Nurhaliza',
      dueAt: DUE,
    });
    expect(toCoordinator.text).toContain('Sebagai koordinator');
  });
});
