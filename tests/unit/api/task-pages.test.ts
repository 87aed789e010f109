import { describe, expect, it } from 'vitest';
import { closedTaskPage, confirmationPage, taskFormPage, unknownLinkPage, type TaskFormPageInput } from '../../../api/tasks/html/pages.js';
import { TASK_TYPES, type TaskContexts, type TaskType } from '../../../domain/tasks.js';

const info = {
  title: 'Laporan kunjungan rumah',
  childFirstName: 'Siti',
  desa: 'Singa Gembara',
  kecamatanName: 'Sangatta Utara',
  dueAt: new Date('2026-12-14T09:00:00Z'),
};

const CONTEXTS: TaskContexts = {
  DUKCAPIL_CORRECTION: { differences: [{ field: 'sex', reported: 'L', registry: 'P' }] },
  DUKCAPIL_REGISTRATION: { reason: 'NO_NIK' },
  DINSOS_REFERRAL: { decile: 2, programmes: ['PKH'] },
  VISIT_SCHEDULING: { attempt: 1 },
  VISIT_REPORT: { attempt: 1, visitDate: '2026-12-07' },
  ENROLMENT_CONFIRMATION: { agreedPath: 'PAKET_B', targetSchool: { name: 'PKBM Harapan Bangsa', npsn: '69912345' } },
  COORDINATOR_DECISION: { question: 'FAMILY_NOT_FOUND', visitAttempts: 2 },
};

function formFor(type: TaskType, extra: Partial<TaskFormPageInput> = {}): string {
  return taskFormPage({
    type,
    context: CONTEXTS[type],
    info,
    csrfField: { name: '_csrf', value: 'csrf-value' },
    child: { fullName: 'Siti Aminah', birthDate: '2013-03-12', sex: 'L', noKk: '6408040101100001' },
    ...extra,
  });
}

/** Every visible control, with how a screen reader would name it. */
function controlsWithoutLabel(html: string): string[] {
  const labelled = new Set([...html.matchAll(/<label[^>]*\bfor="([^"]+)"/g)].map((m) => m[1]));
  return [...html.matchAll(/<(input|select|textarea)\b([^>]*)>/g)]
    .filter(([, , attributes]) => !/type="hidden"/.test(attributes!))
    .map(([, , attributes]) => /\bid="([^"]+)"/.exec(attributes!)?.[1] ?? '(no id)')
    .filter((id) => !labelled.has(id));
}

describe('the page an officer fills in for each kind of task', () => {
  it.each(TASK_TYPES)('%s: a small, self-contained form whose every field has a label', (type) => {
    const html = formFor(type);
    expect(Buffer.byteLength(html)).toBeLessThan(50 * 1024);
    expect(html).toMatch(/<html lang="id">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toMatch(/<form method="post"/);
    expect(html).toContain('<input type="hidden" name="_csrf" value="csrf-value">');
    expect(html).toContain('<button type="submit">Kirim laporan</button>');
    expect(controlsWithoutLabel(html)).toEqual([]);
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
    expect(html).toContain('Siti');
    expect(html).toContain('Singa Gembara');
    expect(html).toContain('WITA');
  });

  it('offers the visit report’s reasons as check boxes and the paths back to school as a list', () => {
    const html = formFor('VISIT_REPORT');
    expect(html.match(/type="checkbox" id="f-reasonsConfirmed-\d+" name="reasonsConfirmed"/g)).toHaveLength(10);
    expect(html).toContain('Jarak atau transportasi');
    expect(html).toMatch(/<option value="PAKET_B">Kesetaraan Paket B \(PKBM\)<\/option>/);
    expect(html).toContain('name="targetSchool.name"');
  });

  it('starts the enrolment confirmation from the agreed school', () => {
    const html = formFor('ENROLMENT_CONFIRMATION');
    expect(html).toMatch(/name="schoolName" value="PKBM Harapan Bangsa"/);
    expect(html).toMatch(/name="npsn" value="69912345"/);
    expect(html).toContain('name="enrolmentDate"');
    expect(html).toContain('name="grade"');
  });

  it('comes back with what the officer typed and each message beside its field', () => {
    const html = formFor('ENROLMENT_CONFIRMATION', {
      submitted: {
        values: { npsn: '123', schoolName: 'SD <Negeri> 5', grade: 'empat' },
        errors: [
          { field: 'npsn', message: 'NPSN harus terdiri dari 8 angka.' },
          { field: 'grade', message: 'Kelas harus berupa angka.' },
        ],
      },
    });
    expect(html).toContain('Laporan belum tersimpan');
    expect(html).toMatch(/<p class="error" id="f-npsn-error">NPSN harus terdiri dari 8 angka\.<\/p><input type="text" id="f-npsn" name="npsn" value="123"[^>]*aria-invalid="true" aria-describedby="f-npsn-hint f-npsn-error">/);
    expect(html).toContain('value="SD &lt;Negeri&gt; 5"');
    expect(html).toMatch(/id="f-grade-error">Kelas harus berupa angka\./);
  });

  it('lists at the top an error that belongs to no field', () => {
    const html = formFor('VISIT_SCHEDULING', { submitted: { values: {}, errors: [{ field: '(isi)', message: 'Kolom tidak dikenal: x.' }] } });
    expect(html).toMatch(/<ul><li>Kolom tidak dikenal: x\.<\/li><\/ul>/);
  });

  it('escapes whatever came from a report', () => {
    const html = formFor('VISIT_SCHEDULING', { info: { ...info, childFirstName: '<img src=x onerror=alert(1)>' } });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('pages for a link that no longer opens a form', () => {
  it('says what happened and whom to contact', () => {
    const contact = { name: 'Bambang Sutrisno', email: 'bambang@kutaitimurkab.go.id', kecamatanName: 'Sangatta Utara' };
    expect(closedTaskPage('SUBMITTED', info, contact)).toContain('Tugas ini sudah selesai');
    expect(closedTaskPage('CANCELLED', info, contact)).toContain('Tugas ini dibatalkan');
    const reassigned = closedTaskPage('REASSIGNED', info, contact);
    expect(reassigned).toContain('Tugas ini dialihkan');
    expect(reassigned).toContain('<a href="mailto:bambang@kutaitimurkab.go.id">');
    expect(reassigned).toContain('Bambang Sutrisno');
  });

  it('thanks the officer after a submission and explains an unknown link', () => {
    expect(confirmationPage(info)).toContain('Terima kasih, laporan tersimpan');
    expect(unknownLinkPage()).toContain('Tautan tidak dikenal');
  });
});
