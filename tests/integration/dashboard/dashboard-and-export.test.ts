import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { witaDay } from '../../../domain/period.js';
import { createStaffUser, signInWithInject } from '../../support/staff.js';
import { startApiTestbed, type ApiTestbed } from '../api/testbed.js';
import { KNOWN_CASES, writeKnownCases } from './known-cases.js';

let bed: ApiTestbed;
let coordinator: string;
let admin: string;
let sangkulirangSupervisor: string;

beforeAll(async () => {
  bed = await startApiTestbed({ worker: false });
  await writeKnownCases(bed.prisma);
  [coordinator, admin, sangkulirangSupervisor] = await Promise.all([bed.keyFor('COORDINATOR'), bed.keyFor('ADMIN'), bed.keyFor('SUPERVISOR', ['640805'])]);
});
afterAll(async () => bed?.close());

const as = (key: string) => ({ authorization: `Bearer ${key}` });
const get = (url: string, key = coordinator) => bed.app.inject({ url, headers: as(key) });

describe('GET /api/v1/dashboard', () => {
  it('answers the dashboard’s figures for the whole district', async () => {
    const response = await get('/api/v1/dashboard');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.totals).toEqual({ cases: 8, open: 4, overdue: 1, enrolled: 3, closed: 1 });
    expect(body.funnel.map((stage: { cases: number }) => stage.cases)).toEqual([1, 0, 0, 0, 2, 0, 1, 0, 4]);
    expect(body.kecamatan).toHaveLength(18);
    expect(body.reportToHomeVisit).toEqual({ days: 5, cases: 4 });
    expect(body.reportToEnrolment).toEqual({ days: 20, cases: 3 });
    expect(body.tasks.open).toBe(5);
    expect(body.enrolledThisMonth.month).toBe(witaDay(new Date()).slice(0, 7));
  });

  it('applies kecamatan, category and period together', async () => {
    const body = (await get('/api/v1/dashboard?kecamatan=640804&category=DO&from=2026-11-01&to=2026-11-30')).json();
    expect(body.filter).toEqual({ kecamatan: '640804', category: 'DO', from: '2026-11-01', to: '2026-11-30' });
    expect(body.totals).toEqual({ cases: 2, open: 2, overdue: 1, enrolled: 0, closed: 0 });
    expect(body.kecamatan.map((k: { code: string }) => k.code)).toEqual(['640804']);
  });

  it('keeps a supervisor to their kecamatan, whatever they ask for', async () => {
    const own = (await get('/api/v1/dashboard', sangkulirangSupervisor)).json();
    expect(own.scope).toEqual(['640805']);
    expect(own.kecamatan.map((k: { code: string }) => k.code)).toEqual(['640805']);
    expect(own.totals.cases).toBe(2);
    const other = (await get('/api/v1/dashboard?kecamatan=640804', sangkulirangSupervisor)).json();
    expect(other.totals).toEqual({ cases: 0, open: 0, overdue: 0, enrolled: 0, closed: 0 });
    expect(other.tasks.byOfficer).toEqual([]);
  });

  it('explains wrong filters field by field', async () => {
    const wrong = await get('/api/v1/dashboard?kecamatan=640899&category=XX&from=2026-02-30');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['category', 'from', 'kecamatan']);
    const backwards = await get('/api/v1/dashboard?from=2026-12-10&to=2026-12-01');
    expect(backwards.json().error.fields).toEqual([{ field: 'to', message: 'Tanggal akhir tidak boleh sebelum tanggal awal.' }]);
  });
});

type Row = Record<string, string>;

async function exportOf(query: string, key = coordinator): Promise<{ status: number; headers: Record<string, unknown>; body: string; rows: Row[] }> {
  const response = await get(`/api/v1/cases/export.csv${query}`, key);
  const body = response.body;
  const rows = response.statusCode === 200 ? (parse(body, { columns: true, bom: true }) as Row[]) : [];
  return { status: response.statusCode, headers: response.headers, body, rows };
}

describe('GET /api/v1/cases/export.csv', () => {
  it('gives the filtered case list as a CSV file named with today’s date, Indonesian headers, NIK masked', async () => {
    const csv = await exportOf('?kecamatan=640804');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="kasus-ats-${witaDay(new Date())}.csv"`);
    expect(csv.body.startsWith('\ufeffNomor kasus,Nama anak,NIK,Jenis kelamin,Tanggal lahir,Kecamatan,Desa,Kategori,Tahap,Terlambat,Jumlah laporan,Dilaporkan (WITA),Selesai (WITA),Hasil,Alasan penutupan,Sekolah tujuan,NPSN\n')).toBe(true);
    // Newest report first.
    expect(csv.rows.map((row) => row['Nomor kasus'])).toEqual(['ats-su-4', 'ats-su-1', 'ats-su-2', 'ats-su-3', 'ats-su-5']);
    expect(csv.rows[1]).toEqual({
      'Nomor kasus': 'ats-su-1', 'Nama anak': 'Rahmat Hidayat', NIK: '6408••••••••••01', 'Jenis kelamin': 'Laki-laki', 'Tanggal lahir': '2012-05-15',
      Kecamatan: 'Sangatta Utara', Desa: 'Singa Gembara', Kategori: 'Putus sekolah (DO)', Tahap: 'Kunjungan rumah', Terlambat: 'Ya',
      'Jumlah laporan': '1', 'Dilaporkan (WITA)': '2026-11-02 08:00', 'Selesai (WITA)': '', Hasil: '', 'Alasan penutupan': '', 'Sekolah tujuan': '', NPSN: '',
    });
    expect(csv.rows.find((row) => row['Nomor kasus'] === 'ats-su-5')).toMatchObject({ Hasil: 'Ditutup', 'Alasan penutupan': 'Pindah ke luar daerah' });
    expect(csv.rows.find((row) => row['Nomor kasus'] === 'ats-su-3')).toMatchObject({ NIK: '', Hasil: 'Kembali sekolah' });
    for (const known of KNOWN_CASES) if (known.child.nik) expect(csv.body).not.toContain(known.child.nik);
  });

  it('shows the NIK in full to an administrator', async () => {
    const csv = await exportOf('?kecamatan=640804', admin);
    expect(csv.rows.find((row) => row['Nomor kasus'] === 'ats-su-1')?.NIK).toBe('6408041505120001');
  });

  it('takes the case list’s filters and the report period, within the caller’s area', async () => {
    expect((await exportOf('?stage=CLOSED')).rows.map((row) => row['Nomor kasus']).sort()).toEqual(['ats-sk-2', 'ats-su-3', 'ats-su-4', 'ats-su-5']);
    expect((await exportOf('?overdue=true')).rows.map((row) => row['Nomor kasus'])).toEqual(['ats-su-1']);
    expect((await exportOf('?category=BPB&from=2026-11-01')).rows.map((row) => row['Nomor kasus'])).toEqual(['ats-sk-2']);
    // 01:00 WITA on 15 December is the 15th, though UTC still says the 14th.
    expect((await exportOf('?from=2026-12-15&to=2026-12-15')).rows.map((row) => row['Nomor kasus'])).toEqual(['ats-bg-1']);
    expect((await exportOf('', sangkulirangSupervisor)).rows.map((row) => row['Nomor kasus'])).toEqual(['ats-sk-1', 'ats-sk-2']);
    expect((await exportOf('?kecamatan=640804', sangkulirangSupervisor)).rows).toEqual([]);
  });

  it('refuses wrong filters with the usual error, and no one without a key or session', async () => {
    const wrong = await exportOf('?stage=LOST&from=kemarin');
    expect(wrong.status).toBe(400);
    expect(JSON.parse(wrong.body).error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['from', 'stage']);
    expect((await bed.app.inject({ url: '/api/v1/cases/export.csv' })).statusCode).toBe(401);
  });

  it('downloads with a signed-in session, as the dashboard’s “Unduh CSV” link does', async () => {
    const user = await createStaffUser(bed.prisma, { role: 'SUPERVISOR', scope: ['640805'] });
    const session = await signInWithInject(bed.app, user.email);
    const page = await bed.app.inject({ url: '/dasbor?category=BPB', headers: { cookie: session.cookie } });
    const href = /href="([^"]+)" download>Unduh CSV/.exec(page.body)?.[1]?.replaceAll('&amp;', '&');
    expect(href).toBe('/api/v1/cases/export.csv?category=BPB');
    const csv = await bed.app.inject({ url: href!, headers: { cookie: session.cookie } });
    expect(csv.statusCode).toBe(200);
    expect((parse(csv.body, { columns: true, bom: true }) as Row[]).map((row) => row['Nomor kasus'])).toEqual(['ats-sk-2']);
  });
});

describe('the dashboard page', () => {
  it('shows a field’s error beside it and still applies the filters that were right', async () => {
    const user = await createStaffUser(bed.prisma, { role: 'COORDINATOR' });
    const session = await signInWithInject(bed.app, user.email);
    const page = await bed.app.inject({ url: '/dasbor?kecamatan=640805&from=2026-02-30', headers: { cookie: session.cookie } });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('id="filter-from-error">Tanggal tidak ada di kalender.</p>');
    expect(page.body).toMatch(/<option value="640805" selected>Sangkulirang<\/option>/);
    // The kecamatan filter held: Sangkulirang's two cases, not the district's eight.
    expect(page.body).toMatch(/<div class="figure">2<\/div><div class="figure-label">Kasus<\/div>/);
  });
});

describe('the API documentation', () => {
  it('describes what the pages offer: the dashboard, the export, notes, the timeline and whom a task may go to', async () => {
    const spec = (await bed.app.inject({ url: '/docs/json' })).json();
    const dashboard = spec.paths['/api/v1/dashboard'].get;
    expect(dashboard.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['category', 'from', 'kecamatan', 'to']);
    expect(JSON.stringify(spec.components.schemas.Dashboard.examples)).toContain('Desember 2026');
    expect(spec.paths['/api/v1/cases/export.csv'].get.description).toContain('Nomor kasus, Nama anak, NIK');
    expect(spec.paths['/api/v1/cases/{caseId}/notes'].post.requestBody.content['application/json'].example).toEqual({ note: expect.any(String) });
    expect(spec.paths['/api/v1/cases/{caseId}/timeline'].get.responses['200']).toBeDefined();
    expect(spec.paths['/api/v1/cases/{caseId}/tasks/{taskId}/candidates'].get.responses['200']).toBeDefined();
    expect(spec.paths['/api/v1/cases'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['from', 'to']));
  });
});
