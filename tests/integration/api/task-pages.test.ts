import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../api/plugins/security-headers.js';
import { officerIds } from '../../../infra/seed.js';
import { report, startApiTestbed, uniqueNik, type ApiTestbed } from './testbed.js';

let bed: ApiTestbed;
let coordinator: string;

beforeAll(async () => {
  bed = await startApiTestbed({ worker: true });
  coordinator = await bed.keyFor('COORDINATOR');
});

afterAll(async () => {
  await bed?.close();
});

async function openCase(overrides: Parameters<typeof report>[0] = {}): Promise<{ caseId: string; nik: string }> {
  const body = report(overrides);
  const response = await bed.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { authorization: `Bearer ${coordinator}` }, payload: body });
  expect(response.statusCode).toBe(201);
  return { caseId: response.json().caseId, nik: body.child.nik! };
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

describe('an officer completes a task from the link in their email', () => {
  it('opens the form, explains mistakes beside the field, confirms once, and then says the task is done', async () => {
    const { caseId, nik } = await openCase({ child: { fullName: 'Siti Aminah Lestari' } });
    const path = await bed.taskLinkFor(caseId, 'VISIT_SCHEDULING');

    const page = await bed.app.inject({ url: path });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Jadwalkan kunjungan rumah');
    expect(page.body).toContain('Siti');
    expect(page.body).toContain('Singa Gembara');
    expect(page.body).toMatch(/<label for="f-visitDate">Tanggal kunjungan/);
    expect(page.body).not.toContain('Lestari');
    expect(page.body).not.toContain(nik);
    expect(page.body).not.toContain('<script');
    const csrf = csrfIn(page.body);

    const wrongDate = await submitForm(path, [['_csrf', csrf], ['visitDate', '2026-02-30'], ['note', 'Pagi hari']]);
    expect(wrongDate.statusCode).toBe(400);
    expect(wrongDate.body).toMatch(/<p class="error" id="f-visitDate-error">Tanggal tidak ada di kalender\.<\/p>/);
    expect(wrongDate.body).toContain('value="2026-02-30"');
    expect(wrongDate.body).toContain('Pagi hari');

    const forged = await submitForm(path, [['visitDate', '2026-12-07']]);
    expect(forged.statusCode).toBe(403);

    const done = await submitForm(path, [['_csrf', csrf], ['visitDate', '2026-12-07']]);
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Terima kasih, laporan tersimpan');

    const twice = await submitForm(path, [['_csrf', csrf], ['visitDate', '2026-12-07']]);
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('Tugas ini sudah selesai');

    const reopened = await bed.app.inject({ url: path });
    expect(reopened.statusCode).toBe(410);
    expect(reopened.body).toContain('Tugas ini sudah selesai');
    const supervisor = await bed.prisma.officer.findUniqueOrThrow({ where: { id: officerIds.supervisor('640804') } });
    expect(reopened.body).toContain(supervisor.name);
    expect(reopened.body).toContain(`mailto:${supervisor.email}`);

    // The workflow moved on: the visit itself is now to be reported.
    await bed.taskLinkFor(caseId, 'VISIT_REPORT');
  });

  it('takes the same submission as JSON from an integration, with the same rules', async () => {
    const { caseId } = await openCase();
    const path = await bed.taskLinkFor(caseId, 'VISIT_SCHEDULING');

    const invalid = await bed.app.inject({ method: 'POST', url: path, payload: { visitDate: '07-12-2026' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toEqual({
      error: { code: 'VALIDATION_FAILED', message: 'Data tidak valid.', fields: [{ field: 'visitDate', message: 'Gunakan format tanggal TTTT-BB-HH.' }] },
    });

    const valid = await bed.app.inject({ method: 'POST', url: path, payload: { visitDate: '2026-12-07' } });
    expect(valid.statusCode).toBe(200);
    expect(valid.json()).toMatchObject({ status: 'COMPLETED' });

    const again = await bed.app.inject({ method: 'POST', url: path, payload: { visitDate: '2026-12-07' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('TASK_CLOSED');

    const report = await bed.taskLinkFor(caseId, 'VISIT_REPORT');
    const familyMet = await bed.app.inject({
      method: 'POST',
      url: report,
      payload: { familyMet: true, reasonsConfirmed: [], childWilling: true, parentsWilling: true, agreedPath: 'PAKET_B' },
    });
    expect(familyMet.statusCode).toBe(400);
    expect(familyMet.json().error.fields).toEqual([{ field: 'reasonsConfirmed', message: 'Pilih minimal 1.' }]);
  });

  it('shows Dukcapil the fields that differ, filled in with the registry’s values', async () => {
    const nik = uniqueNik();
    bed.dukcapilAnswers.set(nik, {
      status: 'MISMATCH',
      record: {
        nik, noKk: '6408040101100001', fullName: 'Siti Aminah', birthDate: '2013-03-21', sex: 'P', kecamatanCode: '640804', desa: 'Singa Gembara',
      },
      differences: [{ field: 'birthDate', reported: '2013-03-12', registry: '2013-03-21' }],
    });
    const { caseId } = await openCase({ child: { nik } });
    const path = await bed.taskLinkFor(caseId, 'DUKCAPIL_CORRECTION');
    const page = await bed.app.inject({ url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Perbaikan data kependudukan');
    expect(page.body).toMatch(/<th scope="row">Tanggal lahir<\/th><td>12 Maret 2013<\/td><td>21 Maret 2013<\/td>/);
    expect(page.body).toMatch(/id="f-birthDate" name="birthDate" value="2013-03-21"/);
    expect(page.body).not.toContain(nik);
  });

  it('says so when a link is unknown', async () => {
    const page = await bed.app.inject({ url: '/tasks/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Tautan tidak dikenal');
  });

  it('slows down anyone trying link after link', async () => {
    const guess = (i: number) => bed.app.inject({ url: `/tasks/guess${String(i).padStart(20, '0')}`, remoteAddress: '203.0.113.7' });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) statuses.push((await guess(i)).statusCode);
    expect(new Set(statuses)).toEqual(new Set([404]));
    const limited = await guess(30);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('text/html');
    expect(limited.body).toContain('Terlalu banyak permintaan');
    const someoneElse = await bed.app.inject({ url: '/tasks/guess00000000000000000000', remoteAddress: '203.0.113.8' });
    expect(someoneElse.statusCode).toBe(404);
  });
});
