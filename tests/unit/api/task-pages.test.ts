import { describe, expect, it } from 'vitest';
import { closedTaskPage, confirmationPage, declinedPage, taskFormPage, unknownLinkPage, type TaskFormPageInput } from '../../../api/tasks/html/pages.js';
import { reassignedPage, reassignFormPage, type ReassignFormPageInput } from '../../../api/tasks/html/reassign-pages.js';
import { taskPageInfo } from '../../../api/tasks/task-links.js';
import { TASK_TYPES, type TaskContexts, type TaskType } from '../../../domain/tasks.js';
import { firstName } from '../../../emails/format.js';

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
  RETENTION_CHECK: { schoolName: 'SD Negeri 002 Sangatta Utara', npsn: '30400002', enrolmentDate: '2027-01-06', rollFinding: 'NOT_YET_ON_ROLL' },
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
    expect(html).toMatch(
      /<section class="card summary" role="alert" tabindex="-1" autofocus>.*<ul><li><a href="#f-npsn">NPSN sekolah: NPSN harus terdiri dari 8 angka\.<\/a><\/li><li><a href="#f-grade">Kelas: Kelas harus berupa angka\.<\/a><\/li><\/ul><\/section>/,
    );
    expect(html).toMatch(/<p class="error" id="f-npsn-error">NPSN harus terdiri dari 8 angka\.<\/p><input type="text" id="f-npsn" name="npsn" value="123"[^>]*aria-invalid="true" aria-describedby="f-npsn-hint f-npsn-error">/);
    expect(html).toContain('value="SD &lt;Negeri&gt; 5"');
    expect(html).toMatch(/id="f-grade-error">Kelas harus berupa angka\./);
  });

  it('links a summary error about a choice to its first option, where the officer picks', () => {
    const html = formFor('VISIT_REPORT', { submitted: { values: {}, errors: [{ field: 'reasonsConfirmed.0', message: 'Pilih minimal satu.' }] } });
    expect(html).toMatch(/<li><a href="#f-reasonsConfirmed-0">[^<:]+: Pilih minimal satu\.<\/a><\/li>/);
    expect(html).toContain('id="f-reasonsConfirmed-0"');
  });

  it('asks for a date the way the phone’s date picker shows one, not as a format to type', () => {
    const html = formFor('VISIT_SCHEDULING');
    expect(html).toMatch(/<input type="date" id="f-visitDate"/);
    expect(html).toContain('Pilih tanggal pada kalender, misalnya 14 Mei 2026.');
    expect(html).not.toContain('TTTT');
  });

  it('writes the deadline as the assignment email does, without a leading zero', () => {
    const html = formFor('VISIT_SCHEDULING', { info: { ...info, dueAt: new Date('2026-12-03T09:00:00Z') } });
    expect(html).toContain('<dt>Batas waktu</dt><dd>Kamis, 3 Desember 2026 pukul 17.00 WITA</dd>');
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

  it('shows no deadline once the task is no longer the reader’s to do', () => {
    const pages = [
      confirmationPage(info),
      declinedPage(info, 'Bambang Sutrisno'),
      closedTaskPage('REASSIGNED', info, undefined),
      closedTaskPage('DECLINED', info, undefined),
      reassignedPage(info, 'Yusuf Hamdani', new Date('2026-12-20T09:00:00Z')),
    ];
    for (const html of pages) {
      expect(html).toContain('<dt>Anak</dt>');
      expect(html).not.toContain('Batas waktu');
    }
  });
});

describe('the supervisor’s page to reassign a task', () => {
  const base: ReassignFormPageInput = {
    info,
    assigneeName: 'Bambang Sutrisno',
    heldByViewer: false,
    candidates: [{ id: 'o-2', name: 'Yusuf Hamdani', role: 'FIELD_OFFICER', desa: 'Singa Gembara' }],
    csrfField: { name: '_csrf', value: 'csrf-value' },
  };

  it('names the holder to a supervisor who does not hold the task', () => {
    expect(reassignFormPage(base)).toContain('Saat ini tugas ini dipegang oleh <strong>Bambang Sutrisno</strong>.');
  });

  it('speaks to the supervisor who holds a declined task, and says who declined it and why', () => {
    const html = reassignFormPage({ ...base, heldByViewer: true, declined: { officerName: 'Rina Wati', reason: 'Saya cuti <sampai> Januari.' } });
    expect(html).toContain('Tugas ini sekarang Anda pegang.');
    expect(html).not.toContain('dipegang oleh');
    expect(html).toContain('<strong>Rina Wati</strong> tidak dapat mengerjakan tugas ini, dengan alasan: “Saya cuti &lt;sampai&gt; Januari.”');
  });

  it('comes back with each error linked to its field', () => {
    const html = reassignFormPage({ ...base, submitted: { values: {}, errors: [{ field: 'officerId', message: 'Wajib diisi.' }, { field: 'reason', message: 'Wajib diisi.' }] } });
    expect(html).toContain('<section class="card summary" role="alert" tabindex="-1" autofocus><h2>Tugas belum dialihkan</h2>');
    expect(html).toContain('<li><a href="#f-officerId-0">Alihkan kepada: Wajib diisi.</a></li><li><a href="#f-reason">Alasan pengalihan: Wajib diisi.</a></li>');
  });
});

describe('the child’s first name on pages and in emails', () => {
  it('skips titles and initials, and keeps the first word when there is nothing else', () => {
    expect(firstName('H. Fransiskus Lawing')).toBe('Fransiskus');
    expect(firstName('M Rizky Pratama')).toBe('Rizky');
    expect(firstName('  Siti   Aminah ')).toBe('Siti');
    expect(firstName('Hj. A.')).toBe('Hj.');
  });

  it('is the name a task page shows', () => {
    const row = { kecamatan: '640801', dueAt: info.dueAt, case: { desa: 'Singa Gembara', child: { fullName: 'H. Fransiskus Lawing', desa: 'Singa Gembara' } } };
    expect(taskPageInfo('VISIT_SCHEDULING', row).childFirstName).toBe('Fransiskus');
  });
});
