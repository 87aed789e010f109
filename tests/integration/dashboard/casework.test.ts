import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officerIds } from '../../../infra/seed.js';
import { createStaffUser, signInWithInject, type InjectedSession } from '../../support/staff.js';
import { eventually, report, startApiTestbed, type ApiTestbed } from '../api/testbed.js';

/**
 * A coordinator working a live case: notes through the API and the case page, the page's reassign
 * and close forms, and what other roles and areas see. The real case workflow runs on a worker.
 */
let bed: ApiTestbed;
let coordinatorKey: string;
let auditorKey: string;
let bengalonKey: string;
let coordinator: InjectedSession;
let auditor: InjectedSession;
let admin: InjectedSession;

beforeAll(async () => {
  bed = await startApiTestbed({ worker: true });
  [coordinatorKey, auditorKey, bengalonKey] = await Promise.all([bed.keyFor('COORDINATOR'), bed.keyFor('AUDITOR'), bed.keyFor('SUPERVISOR', ['640809'])]);
  const signedIn = async (role: 'COORDINATOR' | 'AUDITOR' | 'ADMIN', name?: string) =>
    signInWithInject(bed.app, (await createStaffUser(bed.prisma, { role, ...(name ? { name } : {}) })).email);
  [coordinator, auditor, admin] = await Promise.all([signedIn('COORDINATOR', 'Irwan Syahputra'), signedIn('AUDITOR'), signedIn('ADMIN')]);
});
afterAll(async () => bed?.close());

const as = (key: string) => ({ authorization: `Bearer ${key}` });

/** Reports a child in Sangatta Utara and waits until the home visit is being scheduled. */
async function caseAtHomeVisit(): Promise<{ caseId: string; nik: string }> {
  const body = report();
  const response = await bed.app.inject({ method: 'POST', url: '/api/v1/cases', headers: as(coordinatorKey), payload: body });
  expect(response.statusCode).toBe(201);
  const { caseId } = response.json() as { caseId: string };
  // The task is in the history (not only in the task table) before the story acts on the case.
  await eventually(
    () => bed.prisma.caseEvent.findFirst({ where: { caseId, type: 'TASK_OPENED', data: { path: ['type'], equals: 'VISIT_SCHEDULING' } } }),
    'the visit scheduling task in the case history',
  );
  return { caseId, nik: body.child.nik! };
}

function postNote(caseId: string, note: unknown, key = coordinatorKey) {
  return bed.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/notes`, headers: as(key), payload: { note } });
}

async function timeline(caseId: string, key = coordinatorKey) {
  const response = await bed.app.inject({ url: `/api/v1/cases/${caseId}/timeline`, headers: as(key) });
  return { status: response.statusCode, items: (response.statusCode === 200 ? response.json().items : []) as { type: string; text: string; quote?: string; actor: { name: string } }[] };
}

/** A form posted from a staff page, with the session's cookie and (unless told otherwise) its form token. */
function postForm(session: InjectedSession, url: string, fields: Record<string, string>, withToken = true) {
  return bed.app.inject({
    method: 'POST',
    url,
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...(withToken ? { _csrf: session.csrfToken } : {}), ...fields }).toString(),
  });
}

const pageOf = (session: InjectedSession, url: string) => bed.app.inject({ url, headers: { cookie: session.cookie } });

describe('notes through the API', () => {
  it('adds a note to the case history, shown in the timeline with who wrote it', async () => {
    const { caseId } = await caseAtHomeVisit();
    const added = await postNote(caseId, '  Ibu anak minta dihubungi sore hari.  ');
    expect(added.statusCode).toBe(201);
    expect(added.json()).toEqual({ caseId, addedAt: expect.any(String) });

    const { items } = await timeline(caseId);
    expect(items[0]).toMatchObject({ type: 'CASE_NOTE_ADDED', text: 'Catatan ditambahkan.', quote: 'Ibu anak minta dihubungi sore hari.', actor: { name: 'test COORDINATOR (kunci API)' } });
    expect(items.at(-1)).toMatchObject({ type: 'CASE_OPENED' });
    expect(items.map((item) => item.text)).toContain('Data kependudukan sesuai dengan data Dukcapil.');
    const verify = await bed.app.inject({ url: `/api/v1/cases/${caseId}/events/verify`, headers: as(auditorKey) });
    expect(verify.json()).toMatchObject({ caseId, valid: true, events: items.length });
  });

  it('refuses an empty or overlong note, an auditor, and a supervisor of another kecamatan', async () => {
    const { caseId } = await caseAtHomeVisit();
    const empty = await postNote(caseId, '   ');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields).toEqual([{ field: 'note', message: 'Catatan wajib diisi.' }]);
    expect((await postNote(caseId, 'x'.repeat(2001))).json().error.fields).toEqual([{ field: 'note', message: 'Maksimal 2000 karakter.' }]);
    expect((await postNote(caseId, 'Auditor tidak boleh menulis.', auditorKey)).statusCode).toBe(403);
    expect((await postNote(caseId, 'Di luar wilayah saya.', bengalonKey)).statusCode).toBe(404);
    expect((await timeline(caseId, bengalonKey)).status).toBe(404);
    expect((await timeline(caseId)).items.filter((item) => item.type === 'CASE_NOTE_ADDED')).toEqual([]);
  });

  it('refuses a note on a closed case: 409', async () => {
    const { caseId } = await caseAtHomeVisit();
    const closed = await bed.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/close`, headers: as(coordinatorKey), payload: { reason: 'MOVED', note: 'Keluarga pindah ke Bontang.' } });
    expect(closed.statusCode).toBe(200);
    const refused = await postNote(caseId, 'Terlambat.');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toEqual({ code: 'CASE_ALREADY_CLOSED', message: 'Kasus ini sudah ditutup.' });
  });
});

describe('the case page', () => {
  it('shows the child with the NIK masked, the open task with its officer and due date, and the coordinator’s actions', async () => {
    const { caseId, nik } = await caseAtHomeVisit();
    const page = await pageOf(coordinator, `/kasus/${caseId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h2 id="child-heading">Siti Aminah</h2>');
    expect(page.body).not.toContain(nik);
    expect(page.body).toContain(`<dt>NIK</dt><dd>${nik.slice(0, 4)}${'•'.repeat(10)}${nik.slice(14)}</dd>`);
    expect(page.body).toContain('Jadwalkan kunjungan rumah');
    expect(page.body).toMatch(/Batas waktu: \d{1,2} \w{3} \d{4} 17\.00 WITA/);
    for (const action of ['Alihkan tugas', 'Simpan catatan', 'Tutup kasus']) expect(page.body).toContain(action);

    const asAdmin = await pageOf(admin, `/kasus/${caseId}`);
    expect(asAdmin.body).toContain(`<dt>NIK</dt><dd>${nik}</dd>`);
    // Each look at the child's details is in the case access log.
    const looks = await bed.prisma.caseAccess.findMany({ where: { caseId, channel: 'PAGE /kasus/:caseId' } });
    expect(looks.map((look) => [look.action, look.role])).toEqual([['VIEW', 'COORDINATOR'], ['VIEW', 'ADMIN']]);
  });

  it('shows an auditor the case without any action, and a case outside a supervisor’s area as not found', async () => {
    const { caseId } = await caseAtHomeVisit();
    const page = await pageOf(auditor, `/kasus/${caseId}`);
    expect(page.statusCode).toBe(200);
    for (const action of ['Alihkan tugas', 'Simpan catatan', 'Tutup kasus', '<form method="post" action="/kasus']) expect(page.body).not.toContain(action);
    const elsewhere = await bed.app.inject({ url: `/kasus/${caseId}`, headers: as(bengalonKey) });
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.body).toContain('Tidak ditemukan');
  });

  it('adds a note from its form and comes back with a confirmation; an empty note is refused beside its field', async () => {
    const { caseId } = await caseAtHomeVisit();
    const noToken = await postForm(coordinator, `/kasus/${caseId}/catatan`, { note: 'Tanpa token formulir.' }, false);
    expect(noToken.statusCode).toBe(403);

    const empty = await postForm(coordinator, `/kasus/${caseId}/catatan`, { note: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('<p class="error" id="note-note-error">Catatan wajib diisi.</p>');

    const submissionId = 'klik-ganda-0123456789';
    const added = await postForm(coordinator, `/kasus/${caseId}/catatan`, { note: 'Kepala desa bersedia mendampingi kunjungan.', submissionId });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`/kasus/${caseId}?selesai=catatan#timeline-heading`);
    // The same form sent twice (a double click) adds the note once.
    expect((await postForm(coordinator, `/kasus/${caseId}/catatan`, { note: 'Kepala desa bersedia mendampingi kunjungan.', submissionId })).statusCode).toBe(303);
    const back = await pageOf(coordinator, added.headers.location as string);
    expect(back.body).toContain('Catatan tersimpan dalam riwayat kasus.');
    expect(back.body).toContain('<blockquote>Kepala desa bersedia mendampingi kunjungan.</blockquote><div class="muted">oleh Irwan Syahputra</div>');
    expect((await timeline(caseId)).items.filter((item) => item.type === 'CASE_NOTE_ADDED')).toHaveLength(1);
  });

  it('reassigns a task to an eligible officer from its form; anyone else is refused', async () => {
    const { caseId } = await caseAtHomeVisit();
    const task = (await bed.prisma.task.findFirst({ where: { caseId, type: 'VISIT_SCHEDULING', status: 'OPEN' } }))!;
    const url = `/kasus/${caseId}/tugas/${task.taskId}/alihkan`;
    const candidates = await bed.app.inject({ url: `/api/v1/cases/${caseId}/tasks/${task.taskId}/candidates`, headers: as(coordinatorKey) });
    const offered = (candidates.json().items as { officerId: string }[]).map((c) => c.officerId);
    expect(offered).not.toContain(task.assigneeId);
    const newOfficer = offered.find((id) => id !== task.assigneeId)!;

    const dukcapil = await postForm(coordinator, url, { officerId: officerIds.dukcapilFieldOfficer(), reason: 'Salah instansi, harus ditolak.' });
    expect(dukcapil.statusCode).toBe(400);
    expect(dukcapil.body).toContain('Petugas ini tidak dapat menerima tugas ini. Pilih petugas dari daftar.');
    expect(dukcapil.body).toContain('<details open><summary>Alihkan tugas ini</summary>');

    const done = await postForm(coordinator, url, { officerId: newOfficer, reason: 'Petugas sebelumnya sedang cuti.' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/kasus/${caseId}?selesai=dialihkan#tasks-heading`);
    expect((await bed.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).assigneeId).toBe(newOfficer);
    const officerName = (await bed.prisma.officer.findUniqueOrThrow({ where: { id: newOfficer } })).name;
    const back = await pageOf(coordinator, done.headers.location as string);
    expect(back.body).toContain(`<strong data-assignee>${officerName}</strong>`);
    expect(back.body).toContain('<blockquote>Petugas sebelumnya sedang cuti.</blockquote>');
  });

  it('closes the case with a reason from its form; after that the case takes no note, and says why', async () => {
    const { caseId } = await caseAtHomeVisit();
    const noReason = await postForm(coordinator, `/kasus/${caseId}/tutup`, { note: 'x' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('id="close-reason-error">Alasan penutupan tidak dikenal.</p>');
    expect(noReason.body).toContain('id="close-note-error">Minimal 5 karakter.</p>');

    const closed = await postForm(coordinator, `/kasus/${caseId}/tutup`, { reason: 'DUPLICATE', note: 'Sama dengan kasus lain di Bengalon.' });
    expect(closed.statusCode).toBe(303);
    const back = await pageOf(coordinator, closed.headers.location as string);
    expect(back.body).toContain('Kasus ditutup.');
    expect(back.body).toContain('<span class="badge">Selesai</span>');
    expect(back.body).toContain('Kasus ditutup: Kasus ganda.');
    expect(back.body).not.toContain('Simpan catatan');

    const late = await postForm(coordinator, `/kasus/${caseId}/catatan`, { note: 'Catatan setelah ditutup.' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('<div class="card summary" role="alert"><p><strong>Kasus ini sudah ditutup.</strong></p></div>');
  });

  it('lists cases with their children’s names, filtered and paged, each linking to its page', async () => {
    const { caseId } = await caseAtHomeVisit();
    const list = await pageOf(coordinator, '/kasus?stage=HOME_VISIT&kecamatan=640804');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`<a href="/kasus/${caseId}">Siti Aminah</a>`);
    const wrong = await pageOf(coordinator, '/kasus?stage=LOST');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('id="filter-stage-error">Pilihan tidak dikenal.</p>');
  });
});
