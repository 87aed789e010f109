import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_HEADERS } from '../../../domain/csv-import.js';
import { CASE_WORKFLOW_TYPE } from '../../../use-cases/intake.js';
import { eventually, startApiTestbed, type ApiTestbed } from '../api/testbed.js';
import { child, csvFile, type CsvRow } from './csv-files.js';

/**
 * A coordinator brings in 2,000 rows as one CSV: new children, rows broken in different ways, and
 * rows that repeat a child already in the file (with NIK, and without NIK by the same name, birth
 * date and desa). The per-row report says exactly what became of each
 * row; uploading the same file again changes nothing; the progress can be watched while it runs.
 */
let bed: ApiTestbed;
let coordinator: Record<string, string>;

beforeAll(async () => {
  bed = await startApiTestbed({ worker: true });
  coordinator = { authorization: `Bearer ${await bed.keyFor('COORDINATOR')}` };
});
afterAll(async () => {
  await bed?.close();
});

interface ImportBody {
  importId: string;
  status: string;
  duplicateOf: string | null;
  progress: { total: number; done: number; percent: number };
  counts: { created: number; joined: number; reopened: number; review: number; rejected: number };
}
interface RowBody {
  rowNumber: number;
  childName: string | null;
  outcome: string | null;
  caseId: string | null;
  errors: { column: string; message: string }[];
}

const ROWS = 2000;
/** Broken rows, each kind a few times: what people get wrong in spreadsheets. */
const BROKEN: Record<string, (row: CsvRow) => CsvRow> = {
  'date not in the calendar': (row) => ({ ...row, tanggal_lahir: '31-02-2013' }),
  'kecamatan outside Kutai Timur': (row) => ({ ...row, kecamatan: 'Samarinda Ulu' }),
  'no name': (row) => ({ ...row, nama_lengkap: '' }),
  'drop-out without last school': (row) => ({ ...row, kategori: 'DO' }),
  'NIK too short': (row) => ({ ...row, nik: '640804123' }),
  'unknown reason': (row) => ({ ...row, alasan: 'malas sekolah' }),
  'NIK as Excel number': (row) => ({ ...row, nik: '6,40804E+15' }),
};
const BROKEN_COLUMN: Record<string, string> = {
  'date not in the calendar': 'tanggal_lahir', 'kecamatan outside Kutai Timur': 'kecamatan', 'no name': 'nama_lengkap',
  'drop-out without last school': 'sekolah_terakhir', 'NIK too short': 'nik', 'unknown reason': 'alasan', 'NIK as Excel number': 'nik',
};

interface Planned {
  row: CsvRow;
  expect: 'CREATED' | 'JOINED' | 'REJECTED';
  /** For a repeat: the index of the row whose case it joins. */
  sameAs?: number;
  brokenAs?: string;
}

/**
 * Two lists merged into one file, as coordinators do: the first thousand rows are a village survey,
 * the second thousand the school roll, which names again every child of the survey who has a
 * record (those with NIK with a newer address, those without NIK exactly as the survey wrote them).
 * Every fifth row of both is broken, cycling through the kinds of mistakes.
 */
function survey(): Planned[] {
  const planned: Planned[] = [];
  const kinds = Object.keys(BROKEN);
  for (let i = 0; i < ROWS; i += 1) {
    if (i % 5 === 4) {
      const kind = kinds[Math.floor(i / 5) % kinds.length]!;
      planned.push({ row: BROKEN[kind]!(child(i, i % 2 === 0)), expect: 'REJECTED', brokenAs: kind });
    } else if (i < ROWS / 2) {
      planned.push({ row: child(i, i % 2 === 0), expect: 'CREATED' });
    } else {
      const original = i - ROWS / 2;
      const first = planned[original]!.row;
      const again = first.nik ? { ...first, alamat: `${first.alamat} (pindah)`, sumber: 'DAPODIK', referensi_sumber: `DAPO-${i}` } : { ...first };
      planned.push({ row: again, expect: 'JOINED', sameAs: original });
    }
  }
  return planned;
}

const countOf = (planned: Planned[], outcome: Planned['expect']) => planned.filter((p) => p.expect === outcome).length;

async function caseWorkflowCount(): Promise<number> {
  return (await bed.temporal.workflow.count(`WorkflowType = "${CASE_WORKFLOW_TYPE}" AND TaskQueue = "${bed.taskQueue}"`)).count;
}

async function upload(file: Buffer, headers = coordinator) {
  return bed.app.inject({ method: 'POST', url: '/api/v1/imports?fileName=sipbm-2026.csv', headers: { ...headers, 'content-type': 'text/csv' }, payload: file });
}

async function allRows(importId: string): Promise<RowBody[]> {
  const rows: RowBody[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = (await bed.app.inject({ url: `/api/v1/imports/${importId}/rows?limit=500&offset=${offset}`, headers: coordinator })).json() as { items: RowBody[]; total: number };
    rows.push(...page.items);
    if (rows.length >= page.total) return rows;
  }
}

describe('importing a survey of 2,000 children', () => {
  const planned = survey();
  const file = csvFile(planned.map((p) => p.row));
  let importId: string;

  it('accepts the file at once, shows its progress while it runs, and ends with an exact per-row report', async () => {
    const accepted = await upload(file);
    expect(accepted.statusCode).toBe(202);
    const body = accepted.json() as ImportBody;
    importId = body.importId;
    expect(accepted.headers.location).toBe(`/api/v1/imports/${importId}`);
    expect(body).toMatchObject({ duplicateOf: null, progress: { total: ROWS } });

    const seen: ImportBody[] = [];
    const finished = await eventually(async () => {
      const progress = (await bed.app.inject({ url: `/api/v1/imports/${importId}`, headers: coordinator })).json() as ImportBody;
      seen.push(progress);
      return progress.status === 'DONE' ? progress : undefined;
    }, 'the import to finish', 2_400_000);

    // Watched while running: rows done grew step by step, never past the total.
    const midway = seen.filter((p) => p.status === 'RUNNING' && p.progress.done > 0 && p.progress.done < ROWS && p.counts.created > 0);
    expect(midway.length).toBeGreaterThan(0);
    const done = seen.map((p) => p.progress.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));

    expect(finished.progress).toEqual({ total: ROWS, done: ROWS, percent: 100 });
    expect(finished.counts).toEqual({
      created: countOf(planned, 'CREATED'), joined: countOf(planned, 'JOINED'), reopened: 0, review: 0, rejected: countOf(planned, 'REJECTED'),
    });
    expect(finished.counts).toMatchObject({ joined: 800, rejected: 400, created: 800 });

    const rows = await allRows(importId);
    expect(rows.map((r) => r.rowNumber)).toEqual(planned.map((_, i) => i + 2));
    const wrong = rows.filter((r, i) => r.outcome !== planned[i]!.expect).map((r) => `${r.rowNumber}: ${r.outcome} ${JSON.stringify(r.errors)}`);
    expect(wrong).toEqual([]);
    for (const [i, p] of planned.entries()) {
      const row = rows[i]!;
      if (p.sameAs !== undefined) expect(row.caseId, `row ${row.rowNumber}`).toBe(rows[p.sameAs]!.caseId);
      if (p.brokenAs) expect(row.errors.map((e) => e.column), `row ${row.rowNumber} (${p.brokenAs})`).toEqual([BROKEN_COLUMN[p.brokenAs]]);
      if (p.expect === 'CREATED') expect(row.caseId, `row ${row.rowNumber}`).toMatch(/^ats-/);
    }
    // Every created row is its own child.
    const created = rows.filter((r) => r.outcome === 'CREATED').map((r) => r.caseId);
    expect(new Set(created).size).toBe(created.length);

    // A few rows as the coordinator reads them.
    expect(rows[4]).toMatchObject({ rowNumber: 6, outcome: 'REJECTED', errors: [{ column: 'tanggal_lahir', message: 'Tanggal tidak ada di kalender.' }] });
    expect(planned[1000]!.row.nik).not.toBe('');
    expect(rows[1000]).toMatchObject({ rowNumber: 1002, outcome: 'JOINED', childName: planned[0]!.row.nama_lengkap, caseId: rows[0]!.caseId });
    expect(planned[1001]!.row.nik).toBe('');
    expect(rows[1001]).toMatchObject({ rowNumber: 1003, outcome: 'JOINED', caseId: rows[1]!.caseId });

    const rejected = (await bed.app.inject({ url: `/api/v1/imports/${importId}/rows?outcome=REJECTED&limit=500`, headers: coordinator })).json() as { items: RowBody[]; total: number };
    expect(rejected.total).toBe(400);
    expect(rejected.items.every((r) => r.outcome === 'REJECTED' && r.errors.length > 0)).toBe(true);

    const report = await bed.app.inject({ url: `/api/v1/imports/${importId}/report.csv`, headers: coordinator });
    expect(report.headers['content-type']).toMatch(/^text\/csv/);
    const lines = report.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(ROWS + 1);
    expect(lines[0]).toBe('baris;nama_lengkap;hasil;keterangan_hasil;alasan_penolakan;id_kasus;id_tinjauan');
    expect(lines[5]).toMatch(/^6;.*;REJECTED;Ditolak;tanggal_lahir: Tanggal tidak ada di kalender\.;;$/);
  }, 2_500_000);

  it('creates nothing when the same file is uploaded again, and answers with the first import', async () => {
    // Every case of the import has reported itself to the read model before we count.
    await eventually(async () => ((await bed.prisma.case.count()) === 800 ? true : undefined), 'the case rows of the import', 120_000);
    const before = { cases: await bed.prisma.case.count(), workflows: await caseWorkflowCount(), batches: await bed.prisma.importBatch.count(), rows: await bed.prisma.importRow.count() };
    expect(before).toEqual({ cases: 800, workflows: 800, batches: 1, rows: ROWS });

    const again = await upload(file);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ importId, duplicateOf: importId, status: 'DONE', counts: { created: 800 } });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const after = { cases: await bed.prisma.case.count(), workflows: await caseWorkflowCount(), batches: await bed.prisma.importBatch.count(), rows: await bed.prisma.importRow.count() };
    expect(after).toEqual(before);
  }, 180_000);
});

describe('what a coordinator sees around an import', () => {
  const BENGALON = '640809';

  it('downloads the template with the Indonesian headers', async () => {
    const response = await bed.app.inject({ url: '/api/v1/imports/template.csv', headers: coordinator });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('templat-impor-ats.csv');
    expect(response.body).toBe(`\uFEFF${IMPORT_HEADERS.join(';')}\r\n`);
  });

  it('refuses a file whose headers are not the template’s, listing them, and stores nothing', async () => {
    const batches = await bed.prisma.importBatch.count();
    const response = await upload(Buffer.from('nama;tanggal_lahir;kelamin\nSiti;2013-05-14;P\n'));
    expect(response.statusCode).toBe(400);
    const { error } = response.json() as { error: { code: string; message: string; fields: { field: string; message: string }[] } };
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain('Tidak dikenal: nama, kelamin.');
    expect(error.fields).toContainEqual({ field: 'nama_lengkap', message: 'Kolom wajib tidak ada.' });
    expect(await bed.prisma.importBatch.count()).toBe(batches);
  });

  it('takes a multipart upload from the field "berkas" and refuses other kinds of body', async () => {
    const boundary = '----ats-uji';
    const csv = csvFile([child(5001, true)]);
    const multipart = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="berkas"; filename="satu-anak.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      csv,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const accepted = await bed.app.inject({
      method: 'POST', url: '/api/v1/imports', headers: { ...coordinator, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: multipart,
    });
    expect(accepted.statusCode).toBe(202);
    expect(accepted.json()).toMatchObject({ fileName: 'satu-anak.csv', progress: { total: 1 } });

    const json = await bed.app.inject({ method: 'POST', url: '/api/v1/imports', headers: coordinator, payload: { rows: [] } });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const tooLarge = await upload(Buffer.alloc(6 * 1024 * 1024, 'a'));
    expect(tooLarge.statusCode).toBe(413);
  });

  it('keeps imports within the uploader’s area: rows outside it are rejected, other areas’ imports are not found', async () => {
    const bengalon = { authorization: `Bearer ${await bed.keyFor('COORDINATOR', [BENGALON])}` };
    const inBengalon = { ...child(6001, true), kecamatan: 'Bengalon', nik: '' };
    const inSangatta = child(6002, false);
    const response = await upload(csvFile([inBengalon, inSangatta]), bengalon);
    expect(response.statusCode).toBe(202);
    const { importId } = response.json() as ImportBody;
    await eventually(async () => {
      const view = (await bed.app.inject({ url: `/api/v1/imports/${importId}`, headers: bengalon })).json() as ImportBody;
      return view.status === 'DONE' ? view : undefined;
    }, 'the Bengalon import to finish');
    const rows = (await bed.app.inject({ url: `/api/v1/imports/${importId}/rows`, headers: bengalon })).json() as { items: RowBody[] };
    expect(rows.items.map((r) => [r.rowNumber, r.outcome, r.errors])).toEqual([
      [2, 'CREATED', []],
      [3, 'REJECTED', [{ column: 'kecamatan', message: 'Kecamatan ini di luar wilayah Anda.' }]],
    ]);

    // The district's big import is not Bengalon's business.
    const districtImport = (await bed.prisma.importBatch.findFirstOrThrow({ where: { totalRows: ROWS } })).id;
    for (const url of [`/api/v1/imports/${districtImport}`, `/api/v1/imports/${districtImport}/rows`, `/api/v1/imports/${districtImport}/report.csv`]) {
      expect((await bed.app.inject({ url, headers: bengalon })).statusCode, url).toBe(404);
    }
    const listed = (await bed.app.inject({ url: '/api/v1/imports', headers: bengalon })).json() as { items: ImportBody[] };
    expect(listed.items.map((i) => i.importId)).toEqual([importId]);
    const districtList = (await bed.app.inject({ url: '/api/v1/imports', headers: coordinator })).json() as { items: ImportBody[] };
    expect(districtList.items.map((i) => i.importId)).toContain(districtImport);
    expect(districtList.items.map((i) => i.importId)).toContain(importId);
  });
});
