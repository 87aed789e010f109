import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvFile, child as csvChild } from '../imports/csv-files.js';
import { eventually, report, startApiTestbed, type ApiTestbed } from './testbed.js';

/**
 * Input the system cannot use, sent by mistake or on purpose: each is refused with a clear 4xx in
 * the one error shape (or the officers' own page), in Indonesian, and leaves nothing half-done.
 */
let bed: ApiTestbed;
let coordinator: string;
let admin: string;

beforeAll(async () => {
  bed = await startApiTestbed({ worker: true });
  [coordinator, admin] = await Promise.all([bed.keyFor('COORDINATOR'), bed.keyFor('ADMIN')]);
});

afterAll(async () => {
  await bed?.close();
});

const as = (key: string) => ({ authorization: `Bearer ${key}` });

function postReport(body: unknown) {
  return bed.app.inject({ method: 'POST', url: '/api/v1/cases', headers: as(coordinator), payload: body as object });
}

function submitForm(path: string, fields: [string, string][]) {
  return bed.app.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
}

const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

const CONTROL_MESSAGE = 'Mengandung karakter kontrol yang tidak boleh ada dalam teks.';
const refusedText = (field: string) => ({ error: { code: 'VALIDATION_FAILED', message: 'Data tidak valid.', fields: [{ field, message: CONTROL_MESSAGE }] } });

async function openCase(): Promise<string> {
  const response = await postReport(report());
  expect(response.statusCode).toBe(201);
  return response.json().caseId;
}

async function workflowsOnOurQueue(): Promise<number> {
  return (await bed.temporal.workflow.count(`TaskQueue = '${bed.taskQueue}'`)).count;
}

/** Case rows and workflows before and after: a refused request must leave both as they were. */
async function nothingStarted<T>(work: () => Promise<T>): Promise<T> {
  const [cases, workflows] = await Promise.all([bed.prisma.case.count(), workflowsOnOurQueue()]);
  const result = await work();
  expect(await bed.prisma.case.count()).toBe(cases);
  expect(await workflowsOnOurQueue()).toBe(workflows);
  return result;
}

describe('a coordinator’s report with a misspelt field', () => {
  it('is refused naming the unknown field, inside the child and every other part, instead of opening a case without it', async () => {
    const valid = report();
    const { nik, ...childWithoutNik } = valid.child;
    const stories: [string, unknown, string, string][] = [
      ['nikk instead of nik', { ...valid, child: { ...childWithoutNik, nikk: nik } }, 'child', 'Kolom tidak dikenal: nikk.'],
      ['a guardian’s telepon', { ...valid, guardian: { name: 'Rahmawati', telepon: '081234567890' } }, 'guardian', 'Kolom tidak dikenal: telepon.'],
      ['the last school’s kelas', { ...valid, lastSchool: { ...valid.lastSchool, kelas: 5 } }, 'lastSchool', 'Kolom tidak dikenal: kelas.'],
      ['the source’s referensi', { ...valid, source: { channel: 'VILLAGE', referensi: 'SIPBM-1' } }, 'source', 'Kolom tidak dikenal: referensi.'],
      ['an unknown top-level field, as before', { ...valid, colour: 'red' }, '(isi)', 'Kolom tidak dikenal: colour.'],
    ];
    await nothingStarted(async () => {
      for (const [story, body, field, message] of stories) {
        const response = await postReport(body);
        expect(response.statusCode, story).toBe(400);
        expect(response.json(), story).toEqual({ error: { code: 'VALIDATION_FAILED', message: 'Data tidak valid.', fields: [{ field, message }] } });
      }
    });
  });

  it('opens nothing when dozens of such reports arrive at once', async () => {
    const responses = await nothingStarted(() =>
      Promise.all(
        Array.from({ length: 40 }, () => {
          const { nik, ...child } = report().child;
          return postReport({ ...report(), child: { ...child, nikk: nik } });
        }),
      ),
    );
    expect(new Set(responses.map((response) => response.statusCode))).toEqual(new Set([400]));
  });
});

describe('text with a control character in it (a NUL PostgreSQL cannot store, an escape, a bell)', () => {
  it('is refused in a report, field by field, and opens no case; tabs and line breaks are still text', async () => {
    const stories: [string, unknown, string][] = [
      ['a NUL in the child’s name', report({ child: { fullName: 'Siti\u0000Aminah' } }), 'child.fullName'],
      ['an escape in the address', report({ child: { address: 'Jl. Poros \u001b[31mRT 12' } }), 'child.address'],
      ['a bell in the guardian’s name', report({ guardian: { name: 'Rahma\u0007wati' } }), 'guardian.name'],
      ['a DEL in the source reference', report({ source: { channel: 'VILLAGE', reference: 'SIPBM\u007f-1' } }), 'source.reference'],
      ['a NUL in the notes', report({ notes: 'Anak bekerja\u0000 di kebun' }), 'notes'],
    ];
    await nothingStarted(async () => {
      for (const [story, body, field] of stories) {
        const response = await postReport(body);
        expect(response.statusCode, story).toBe(400);
        expect(response.json(), story).toEqual(refusedText(field));
      }
    });
    const withLayout = await postReport(report({ notes: 'Catatan desa:\n\tAnak bekerja di kebun.\r\nIbu setuju.' }));
    expect(withLayout.statusCode).toBe(201);
  });

  it('opens nothing when dozens of such reports arrive at once', async () => {
    const responses = await nothingStarted(() =>
      Promise.all(Array.from({ length: 40 }, (_, i) => postReport(report({ child: { fullName: `Anak\u0000${i}` }, notes: `Laporan ${i}\u0000` })))),
    );
    expect(new Set(responses.map((response) => response.statusCode))).toEqual(new Set([400]));
  });

  it('is refused in a row of an imported file, which is rejected with the column named while the other rows open cases', async () => {
    const file = csvFile([
      { ...csvChild(90_001, false), nama_lengkap: 'Budi\u0001Santoso' },
      { ...csvChild(90_002, false), catatan: 'Pindah\u001b ke kebun' },
      csvChild(90_003, false),
    ]);
    const upload = await bed.app.inject({
      method: 'POST',
      url: '/api/v1/imports?fileName=survei.csv',
      headers: { ...as(coordinator), 'content-type': 'text/csv' },
      payload: file,
    });
    expect(upload.statusCode).toBe(202);
    const { importId } = upload.json();
    await eventually(async () => {
      const progress = (await bed.app.inject({ url: `/api/v1/imports/${importId}`, headers: as(coordinator) })).json();
      return progress.status === 'DONE' ? progress : undefined;
    }, 'the import to finish');
    const rows = (await bed.app.inject({ url: `/api/v1/imports/${importId}/rows`, headers: as(coordinator) })).json().items;
    expect(rows.map((row: { outcome: string; errors: unknown[] }) => [row.outcome, row.errors])).toEqual([
      ['REJECTED', [{ column: 'nama_lengkap', message: CONTROL_MESSAGE }]],
      ['REJECTED', [{ column: 'catatan', message: CONTROL_MESSAGE }]],
      ['CREATED', []],
    ]);
  });

  it('is refused in an officer’s task form, beside the field, and in the same form sent as JSON', async () => {
    const caseId = await openCase();
    const path = await bed.taskLinkFor(caseId, 'VISIT_SCHEDULING');
    const csrf = csrfIn((await bed.app.inject({ url: path })).body);

    const fromBrowser = await submitForm(path, [['_csrf', csrf], ['visitDate', '2026-12-07'], ['note', 'Pagi\u0000hari']]);
    expect(fromBrowser.statusCode).toBe(400);
    expect(fromBrowser.body).toContain(`<p class="error" id="f-note-error">${CONTROL_MESSAGE}</p>`);

    const declined = await submitForm(`${path}/tolak`, [['_csrf', csrf], ['reason', 'Sedang cuti\u0000 sampai Senin']]);
    expect(declined.statusCode).toBe(400);
    expect(declined.body).toContain(CONTROL_MESSAGE);

    const fromIntegration = await bed.app.inject({ method: 'POST', url: path, payload: { visitDate: '2026-12-07', note: 'Pagi\u0000hari' } });
    expect(fromIntegration.statusCode).toBe(400);
    expect(fromIntegration.json()).toEqual(refusedText('note'));

    // The task is still open for the officer's corrected form.
    const done = await submitForm(path, [['_csrf', csrf], ['visitDate', '2026-12-07'], ['note', 'Pagi hari']]);
    expect(done.statusCode).toBe(200);
  });

  it('is refused in what staff write: a note on a case, a reason to close it, an officer in the directory', async () => {
    const caseId = await openCase();
    const note = await bed.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/notes`, headers: as(coordinator), payload: { note: 'Ibu\u0000 minta ditelepon sore' } });
    expect(note.statusCode).toBe(400);
    expect(note.json()).toEqual(refusedText('note'));

    const close = await bed.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/close`, headers: as(coordinator), payload: { reason: 'MOVED', note: 'Pindah\u0000 ke Samarinda' } });
    expect(close.statusCode).toBe(400);
    expect(close.json()).toEqual(refusedText('note'));

    const officer = await bed.app.inject({
      method: 'POST',
      url: '/api/v1/admin/officers',
      headers: as(admin),
      payload: { name: 'Andi\u0000Saputra', email: 'andi.bad-input@kutaitimurkab.go.id', agency: 'DISDIKBUD', role: 'FIELD_OFFICER', kecamatan: '640804' },
    });
    expect(officer.statusCode).toBe(400);
    expect(officer.json()).toEqual(refusedText('name'));
    expect(await bed.prisma.officer.count({ where: { email: 'andi.bad-input@kutaitimurkab.go.id' } })).toBe(0);

    const timeline = (await bed.app.inject({ url: `/api/v1/cases/${caseId}/timeline`, headers: as(coordinator) })).json();
    expect(JSON.stringify(timeline)).not.toContain('\\u0000');
  });
});

/** A PNG's first bytes: what a coordinator uploads who picked the screenshot instead of the spreadsheet. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4b40000000049454e44ae426082', 'hex');

function multipartBody(boundary: string, file: { name: string; type: string; data: Buffer }): Buffer {
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="berkas"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

const UNREADABLE_FORM = {
  error: {
    code: 'BAD_REQUEST',
    message: 'Formulir yang dikirim tidak dapat dibaca: data multipart/form-data tidak lengkap atau tanpa pembatas (boundary) yang sah. Kirim ulang formulirnya.',
  },
};

describe('a body the server cannot read', () => {
  it('is a 400 in the one error shape when multipart/form-data has no usable boundary or is cut off, on any route', async () => {
    const cutOff = '--XYZ\r\nContent-Disposition: form-data; name="berkas"; filename="a.csv"\r\n\r\nnama_lengkap';
    const stories: [string, string, string, string][] = [
      ['a report without a boundary', '/api/v1/cases', 'multipart/form-data', 'child=Siti'],
      ['an import without a boundary', '/api/v1/imports', 'multipart/form-data', 'berkas=x'],
      ['an import with an empty boundary', '/api/v1/imports', 'multipart/form-data; boundary=', 'berkas=x'],
      ['an import with a boundary far too long', '/api/v1/imports', `multipart/form-data; boundary=${'b'.repeat(300)}`, 'berkas=x'],
      ['an import cut off in the middle of its file', '/api/v1/imports', 'multipart/form-data; boundary=XYZ', cutOff],
    ];
    const imports = await bed.prisma.importBatch.count();
    await nothingStarted(async () => {
      for (const [story, url, contentType, payload] of stories) {
        const response = await bed.app.inject({ method: 'POST', url, headers: { ...as(coordinator), 'content-type': contentType }, payload });
        expect(response.statusCode, story).toBe(400);
        expect(response.json(), story).toEqual(UNREADABLE_FORM);
      }
    });
    expect(await bed.prisma.importBatch.count()).toBe(imports);
  });

  it('shows an officer the problem page, not a server fault, for such a form sent to a task link', async () => {
    const caseId = await openCase();
    const path = await bed.taskLinkFor(caseId, 'VISIT_SCHEDULING');
    const response = await bed.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'multipart/form-data' }, payload: 'visitDate=2026-12-07' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('Permintaan ditolak');
  });

  it('refuses a picture or any binary file uploaded as the CSV of an import, and stores nothing', async () => {
    const imports = await bed.prisma.importBatch.count();
    const asForm = await bed.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...as(coordinator), 'content-type': 'multipart/form-data; boundary=XYZ' },
      payload: multipartBody('XYZ', { name: 'survei.csv', type: 'text/csv', data: PNG }),
    });
    const asCsv = await bed.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...as(coordinator), 'content-type': 'text/csv' }, payload: PNG });
    const csvWithNul = await bed.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...as(coordinator), 'content-type': 'text/csv' },
      payload: Buffer.concat([csvFile([csvChild(90_101, false)]), Buffer.from([0])]),
    });
    for (const response of [asForm, asCsv, csvWithNul]) {
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('bukan berkas CSV') } });
    }
    const badName = await bed.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...as(coordinator), 'content-type': 'multipart/form-data; boundary=XYZ' },
      payload: multipartBody('XYZ', { name: 'survei\u0001.csv', type: 'text/csv', data: csvFile([csvChild(90_102, false)]) }),
    });
    expect(badName.statusCode).toBe(400);
    expect(badName.json().error.fields).toEqual([{ field: 'berkas', message: CONTROL_MESSAGE }]);
    expect(await bed.prisma.importBatch.count()).toBe(imports);
  });

  it('leaves nothing behind when dozens of unreadable uploads arrive at once', async () => {
    const imports = await bed.prisma.importBatch.count();
    const responses = await nothingStarted(() =>
      Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          bed.app.inject({
            method: 'POST',
            url: '/api/v1/imports',
            headers: { ...as(coordinator), 'content-type': i % 2 === 0 ? 'multipart/form-data' : 'text/csv' },
            payload: i % 2 === 0 ? 'berkas=x' : Buffer.concat([PNG, Buffer.from([i])]),
          }),
        ),
      ),
    );
    expect(new Set(responses.map((response) => response.statusCode))).toEqual(new Set([400]));
    expect(await bed.prisma.importBatch.count()).toBe(imports);
  });
});

describe('an officer’s link a mail client ran on past its end', () => {
  it('shows the page of an unknown link, whatever its length, on every kind of officer link', async () => {
    const caseId = await openCase();
    const real = await bed.taskLinkFor(caseId, 'VISIT_SCHEDULING');
    const runOn = (length: number) => `${real}${'x'.repeat(length)}`.slice(0, '/tasks/'.length + length);
    for (const length of [101, 250, 5_000]) {
      for (const url of [runOn(length), `/petugas/${'A'.repeat(length)}`, `/kunjungan/${'A'.repeat(length)}`, `/penyelia/${'A'.repeat(length)}`]) {
        const page = await bed.app.inject({ url, remoteAddress: `198.51.100.${length % 250}` });
        expect(page.statusCode, `${url.slice(0, 20)}… (${length})`).toBe(404);
        expect(page.headers['content-type']).toContain('text/html');
        expect(page.body).toContain('Tautan tidak dikenal');
      }
    }
    const submitted = await submitForm(runOn(300), [['visitDate', '2026-12-07']]);
    expect(submitted.statusCode).toBe(404);
    expect(submitted.body).toContain('Tautan tidak dikenal');
    const asJson = await bed.app.inject({ method: 'POST', url: runOn(300), payload: { visitDate: '2026-12-07' } });
    expect(asJson.statusCode).toBe(404);
    expect(asJson.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Data tidak ditemukan.' } });
  });

  it('answers an id or a URL the router cannot use in the one error shape', async () => {
    const longCaseId = await bed.app.inject({ url: `/api/v1/cases/${'a'.repeat(500)}`, headers: as(coordinator) });
    expect(longCaseId.statusCode).toBe(400);
    expect(longCaseId.json().error.code).toBe('VALIDATION_FAILED');
    const undecodable = await bed.app.inject({ url: '/api/v1/cases/%zz', headers: as(coordinator) });
    expect(undecodable.statusCode).toBe(400);
    expect(undecodable.json()).toEqual({ error: { code: 'BAD_REQUEST', message: expect.stringMatching(/Permintaan tidak dapat diproses/) } });
  });
});

describe('a NUL where no schema looks for one', () => {
  it('is still the sender’s mistake (400), whether in a path id or in a sign-in email', async () => {
    const officerId = await bed.app.inject({ method: 'PATCH', url: '/api/v1/admin/officers/ab%00cd', headers: as(admin), payload: { active: false } });
    expect(officerId.statusCode).toBe(400);
    expect(officerId.json()).toEqual({ error: { code: 'BAD_REQUEST', message: expect.stringContaining('karakter yang tidak dapat disimpan') } });

    const signIn = await bed.app.inject({
      method: 'POST',
      url: '/masuk',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([['email', 'rahma\u0000@kutaitimurkab.go.id'], ['password', 'kata-sandi-panjang-sekali']]).toString(),
    });
    expect(signIn.statusCode).toBe(400);
    expect(signIn.headers['content-type']).toContain('text/html');
    expect(signIn.body).toContain('karakter yang tidak dapat disimpan');
  });
});
