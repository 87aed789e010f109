import { WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../../api/auth/api-keys.js';
import { caseIdFor, identityKeys } from '../../../infra/case-identity.js';
import { CASE_KEY_SECRET, eventually, report, startApiTestbed, type ApiTestbed } from './testbed.js';

let bed: ApiTestbed;
let coordinator: string;
let admin: string;
let auditor: string;
let bengalonOnly: string;

beforeAll(async () => {
  bed = await startApiTestbed({ worker: true });
  [coordinator, admin, auditor, bengalonOnly] = await Promise.all([
    bed.keyFor('COORDINATOR'),
    bed.keyFor('ADMIN'),
    bed.keyFor('AUDITOR'),
    bed.keyFor('COORDINATOR', ['640809']),
  ]);
});

afterAll(async () => {
  await bed?.close();
});

const as = (key: string) => ({ authorization: `Bearer ${key}` });

function postReport(body: unknown, key = coordinator, headers: Record<string, string> = {}) {
  return bed.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { ...as(key), ...headers }, payload: body as object });
}

async function workflowsOnOurQueue(): Promise<number> {
  return (await bed.temporal.workflow.count(`TaskQueue = '${bed.taskQueue}'`)).count;
}

describe('a coordinator reports a child who is out of school', () => {
  it('refuses wrong reports field by field, in Indonesian, and starts nothing', async () => {
    const before = await workflowsOnOurQueue();
    const tooOld = report({ child: { birthDate: '1995-01-01' } });
    const stories: [string, unknown, string, RegExp][] = [
      ['a NIK with letters', report({ child: { nik: '64080452031X0001' } }), 'child.nik', /NIK harus terdiri dari 16 angka/],
      ['a kecamatan outside Kutai Timur', report({ child: { kecamatan: '640899' as never } }), 'child.kecamatan', /Kecamatan tidak dikenal/],
      ['a child too old for school', tooOld, 'child.birthDate', /Usia anak harus antara 5 dan 21 tahun/],
      ['no name', { ...report(), child: { ...report().child, fullName: undefined } }, 'child.fullName', /Wajib diisi/],
      ['no reason', report({ reasons: [] }), 'reasons', /Pilih minimal 1/],
    ];
    for (const [story, body, field, message] of stories) {
      const response = await postReport(body);
      expect(response.statusCode, story).toBe(400);
      const { error } = response.json();
      expect(error.code, story).toBe('VALIDATION_FAILED');
      expect(error.message, story).toBe('Data tidak valid.');
      expect(error.fields, story).toContainEqual({ field, message: expect.stringMatching(message) });
    }
    const wouldBeCaseId = caseIdFor(identityKeys(tooOld.child, CASE_KEY_SECRET));
    await expect(bed.temporal.workflow.getHandle(wouldBeCaseId).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
    expect(await workflowsOnOurQueue()).toBe(before);
  });

  it('refuses a report far too large to be one (413) before reading it', async () => {
    const response = await postReport(report({ notes: 'x'.repeat(150_000) }));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) } });
  });

  it('asks for an API key: none, a malformed one and a revoked one are all turned away', async () => {
    const revoked = await bed.keyFor('COORDINATOR');
    await bed.prisma.apiKey.update({ where: { keyHash: hashApiKey(revoked) }, data: { revokedAt: new Date() } });
    for (const headers of [{}, { authorization: 'Bearer ats_nothing' }, { authorization: `Bearer ${revoked}` }, { 'x-api-key': 'wrong' }]) {
      const response = await bed.app.inject({ method: 'POST', url: '/api/v1/cases', headers, payload: report() });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Kunci API tidak valid atau tidak ada.' } });
    }
    const viaHeader = await bed.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { 'x-api-key': coordinator } });
    expect(viaHeader.statusCode).toBe(200);
  });

  it('opens one case per child: the same child reported again joins it', async () => {
    const first = report();
    const created = await postReport(first);
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ status: 'CREATED', case: { stage: 'VERIFYING_IDENTITY', kecamatan: '640804', kecamatanName: 'Sangatta Utara' } });
    expect(created.headers.location).toBe(`/api/v1/cases/${body.caseId}`);
    expect(JSON.stringify(body)).not.toContain(first.child.nik);

    const again = await postReport(report({ child: { nik: first.child.nik, fullName: 'SITI AMINAH' }, source: { channel: 'DAPODIK' } }));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ caseId: body.caseId, status: 'JOINED_EXISTING', reportCount: 2 });
  });

  it('recognises a child without a NIK whose name and village are written differently', async () => {
    const withoutNik = { nik: undefined, fullName: "Muhammad  Nur'Alim", birthDate: '2012-07-01', sex: 'L' as const, desa: 'Desa Sangatta Utara' };
    const created = await postReport(report({ child: withoutNik }));
    expect(created.statusCode).toBe(201);
    const again = await postReport(report({ child: { ...withoutNik, fullName: 'muhammad nuralim', desa: 'sangatta utara' } }));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ caseId: created.json().caseId, status: 'JOINED_EXISTING' });
  });

  it('joins a report that brings the NIK to the case opened before the child had one', async () => {
    const withoutNik = { nik: undefined, fullName: 'Dewi Kartika Sari', birthDate: '2011-05-20', sex: 'P' as const, desa: 'Swarga Bara' };
    const created = await postReport(report({ child: withoutNik }));
    const { caseId } = created.json();
    await eventually(async () => (await bed.prisma.caseAlias.count({ where: { caseId } })) > 0, 'the case to be findable by name');
    const withNik = await postReport(report({ child: { ...withoutNik, nik: '6408046005110003' } }));
    expect(withNik.json()).toMatchObject({ caseId, status: 'JOINED_EXISTING', reportCount: 2 });
  });

  it('adds a retried request (same x-request-id) only once', async () => {
    const child = report();
    const { caseId } = (await postReport(child)).json();
    const retry = { 'x-request-id': `retry-${caseId}` };
    const first = await postReport(report({ child: { nik: child.child.nik } }), coordinator, retry);
    const second = await postReport(report({ child: { nik: child.child.nik } }), coordinator, retry);
    expect(first.headers['x-request-id']).toBe(`retry-${caseId}`);
    expect(first.json()).toEqual({ caseId, status: 'JOINED_EXISTING', reportCount: 2 });
    expect(second.json()).toEqual({ caseId, status: 'JOINED_EXISTING', reportCount: 2 });
  });

  it('keeps auditors to reading', async () => {
    const response = await postReport(report(), auditor);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN');
  });
});

describe('a coordinator follows a case', () => {
  it('shows the live case with the NIK masked, and in full to an administrator', async () => {
    const child = report();
    const { caseId } = (await postReport(child)).json();
    const shown = await eventually(async () => {
      const response = await bed.app.inject({ url: `/api/v1/cases/${caseId}`, headers: as(coordinator) });
      const body = response.json();
      return response.statusCode === 200 && body.tasks.length > 0 ? body : undefined;
    }, 'the home visit to be scheduled');
    expect(shown).toMatchObject({ caseId, stage: 'HOME_VISIT', live: true, identityStatus: 'CONFIRMED', child: { fullName: 'Siti Aminah' } });
    expect(shown.child.nik).toBe(`6408${'•'.repeat(10)}${child.child.nik!.slice(14)}`);
    expect(shown.tasks).toContainEqual(expect.objectContaining({ type: 'VISIT_SCHEDULING', status: 'OPEN' }));

    const forAdmin = (await bed.app.inject({ url: `/api/v1/cases/${caseId}`, headers: as(admin) })).json();
    expect(forAdmin.child.nik).toBe(child.child.nik);
  });

  it('answers 404 for a case that does not exist, and for a case outside the key’s kecamatan', async () => {
    const unknown = await bed.app.inject({ url: '/api/v1/cases/ats-doesnotexist0000000', headers: as(coordinator) });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });

    const { caseId } = (await postReport(report())).json();
    const outOfScope = await bed.app.inject({ url: `/api/v1/cases/${caseId}`, headers: as(bengalonOnly) });
    expect(outOfScope.statusCode).toBe(404);
    const closeOutOfScope = await bed.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/close`,
      headers: as(bengalonOnly),
      payload: { reason: 'MOVED', note: 'Keluarga pindah ke Samarinda.' },
    });
    expect(closeOutOfScope.statusCode).toBe(404);
    const listed = (await bed.app.inject({ url: '/api/v1/cases', headers: as(bengalonOnly) })).json();
    expect(listed.items.map((item: { caseId: string }) => item.caseId)).not.toContain(caseId);
  });

  it('closes a case once; closing it again is a conflict; a new report reopens it with tasks of its own', async () => {
    const child = report();
    const { caseId } = (await postReport(child)).json();
    const firstRunLink = await bed.taskLinkFor(caseId, 'VISIT_SCHEDULING');
    const close = () =>
      bed.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${caseId}/close`,
        headers: as(coordinator),
        payload: { reason: 'MOVED', note: 'Keluarga pindah ke Samarinda.' },
      });
    const closed = await close();
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toEqual({ caseId, stage: 'CLOSED' });

    const again = await close();
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({ error: { code: 'CASE_ALREADY_CLOSED', message: 'Kasus ini sudah ditutup.' } });

    const badReason = await bed.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/close`,
      headers: as(coordinator),
      payload: { reason: 'BORED', note: 'x' },
    });
    expect(badReason.statusCode).toBe(400);
    expect(badReason.json().error.fields).toEqual(
      expect.arrayContaining([{ field: 'reason', message: 'Alasan penutupan tidak dikenal.' }, { field: 'note', message: 'Minimal 5 karakter.' }]),
    );

    // The process finishes once it has told the officers and the coordinator; from then on the database answers.
    await bed.temporal.workflow.getHandle(caseId).result();
    const fromDatabase = (await bed.app.inject({ url: `/api/v1/cases/${caseId}`, headers: as(coordinator) })).json();
    expect(fromDatabase).toMatchObject({ caseId, stage: 'CLOSED', live: false, closeReason: 'MOVED' });

    const reopened = await postReport(report({ child: { nik: child.child.nik } }));
    expect(reopened.statusCode).toBe(201);
    expect(reopened.json()).toMatchObject({ caseId, status: 'REOPENED' });

    // The reopened case's officer gets a task of its own, with a link that opens the form; the first run's link stays dead.
    const link = await bed.taskLinkFor(caseId, 'VISIT_SCHEDULING');
    expect(link).not.toBe(firstRunLink);
    expect((await bed.app.inject({ url: link })).statusCode).toBe(200);
    expect((await bed.app.inject({ url: firstRunLink })).statusCode).toBe(410);
    const tasks = await bed.prisma.task.findMany({ where: { caseId, type: 'VISIT_SCHEDULING' }, orderBy: { openedAt: 'asc' } });
    expect(tasks.map((task) => [task.taskId, task.status])).toEqual([
      ['visit-scheduling-1', 'CANCELLED'],
      ['visit-scheduling-1-run2', 'OPEN'],
    ]);
  });
});
