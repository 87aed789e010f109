import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, report, startApiTestbed, type ApiTestbed } from '../api/testbed.js';
import { csvFile } from './csv-files.js';

/**
 * A school list names a child without NIK whom a village survey already reported under another
 * spelling: the import does not open a second case, the row waits for the coordinator's review.
 * The child is this file's own: files share the Temporal server and the testbed's CASE_KEY_SECRET,
 * so a child another file reported names a case whose worker has gone.
 */
let bed: ApiTestbed;
let headers: Record<string, string>;

beforeAll(async () => {
  bed = await startApiTestbed({ worker: true });
  headers = { authorization: `Bearer ${await bed.keyFor('COORDINATOR')}` };
});
afterAll(async () => bed?.close());

describe('an imported row that is likely a child already known', () => {
  it('goes to duplicate review instead of opening a second case, and the report says which review', async () => {
    const surveyed = report({
      child: { nik: undefined, fullName: 'Djoko Santoso Wibowo', birthDate: '2012-08-20', sex: 'L', desa: 'Singa Gembara' },
      source: { channel: 'SIPBM', reference: 'SIPBM-A' },
    });
    const first = await bed.app.inject({ method: 'POST', url: '/api/v1/cases', headers, payload: surveyed });
    expect(first.statusCode).toBe(201);
    const { caseId } = first.json<{ caseId: string }>();
    await eventually(() => bed.prisma.child.findUnique({ where: { caseId } }), 'the surveyed child');

    const file = csvFile([
      {
        nama_lengkap: 'Joko Santoso Wibowo', tanggal_lahir: '22/08/2012', jenis_kelamin: 'L', kecamatan: 'Sangatta Utara', desa: 'Desa Singa Gembara',
        alamat: 'Jl. Poros Sangatta RT 12', kategori: 'DO', sekolah_terakhir: 'SD Negeri 001 Sangatta Utara', jenjang_sekolah_terakhir: 'SD',
        alasan: 'Ekonomi', sumber: 'Dapodik', referensi_sumber: 'DAPODIK-B',
      },
    ]);
    const accepted = await bed.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...headers, 'content-type': 'text/csv' }, payload: file });
    expect(accepted.statusCode).toBe(202);
    const { importId } = accepted.json<{ importId: string }>();
    const done = await eventually(async () => {
      const view = (await bed.app.inject({ url: `/api/v1/imports/${importId}`, headers })).json<{ status: string; counts: Record<string, number> }>();
      return view.status === 'DONE' ? view : undefined;
    }, 'the import to finish');

    expect(done.counts).toEqual({ created: 0, joined: 0, reopened: 0, review: 1, rejected: 0 });
    const rows = (await bed.app.inject({ url: `/api/v1/imports/${importId}/rows`, headers })).json<{ items: { outcome: string; reviewId: string; caseId: string | null }[] }>();
    expect(rows.items).toEqual([expect.objectContaining({ outcome: 'REVIEW', reviewId: expect.stringMatching(/^dup-/), caseId: null })]);
    expect(await bed.prisma.case.count()).toBe(1);
    const review = await bed.app.inject({ url: `/api/v1/duplicate-reviews/${rows.items[0]!.reviewId}`, headers });
    expect(review.statusCode).toBe(200);
  });
});
