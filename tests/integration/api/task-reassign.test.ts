import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officerLinks } from '../../../activities/officer-links.js';
import { createActivities } from '../../../activities/index.js';
import { DEFAULT_DEADLINE_POLICY } from '../../../domain/deadline-policy.js';
import { officerIds } from '../../../infra/seed.js';
import { eventually, report, startApiTestbed, type ApiTestbed } from './testbed.js';

let bed: ApiTestbed;
let coordinator: string;

const SANGATTA_UTARA = '640804';
const BENGALON = '640809';
const FIELD_OFFICER = officerIds.fieldOfficer(SANGATTA_UTARA);
const COLLEAGUE = 'disdik-fo-640804-colleague';

beforeAll(async () => {
  bed = await startApiTestbed({ worker: true });
  coordinator = await bed.keyFor('COORDINATOR');
  await bed.prisma.officer.create({
    data: { id: COLLEAGUE, name: 'Yusuf Hamdani', email: 'yusuf@kutaitimurkab.go.id.test', agency: 'DISDIKBUD', role: 'FIELD_OFFICER', kecamatan: SANGATTA_UTARA },
  });
});

afterAll(async () => {
  await bed?.close();
});

async function caseWithVisitToSchedule(): Promise<{ caseId: string; link: string }> {
  const response = await bed.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { authorization: `Bearer ${coordinator}` }, payload: report() });
  expect(response.statusCode).toBe(201);
  const caseId = response.json().caseId as string;
  return { caseId, link: await bed.taskLinkFor(caseId, 'VISIT_SCHEDULING') };
}

function reassign(key: string, caseId: string, body: unknown, taskId = 'visit-scheduling-1') {
  return bed.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/tasks/${taskId}/reassign`,
    headers: { authorization: `Bearer ${key}` },
    payload: body as Record<string, unknown>,
  });
}

describe('a coordinator reassigns a task through the API', () => {
  it('hands it to an eligible officer, who gets the task by email, and the old link says it moved on', async () => {
    const { caseId, link } = await caseWithVisitToSchedule();
    const response = await reassign(coordinator, caseId, { officerId: COLLEAGUE, reason: 'Siti sedang pelatihan di Samarinda.' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ taskId: 'visit-scheduling-1', assignee: { officerId: COLLEAGUE, name: 'Yusuf Hamdani' } });

    const email = await eventually(() => bed.sentEmails.find((e) => e.to === 'yusuf@kutaitimurkab.go.id.test'), 'the new officer’s email');
    expect(email.subject).toContain('Jadwalkan kunjungan rumah');
    const old = await bed.app.inject({ url: link });
    expect(old.statusCode).toBe(410);
    expect(old.body).toContain('Tugas ini dialihkan');
    const event = await bed.prisma.caseEvent.findFirstOrThrow({ where: { caseId, type: 'TASK_REASSIGNED' } });
    expect(event).toMatchObject({ actorKind: 'STAFF', data: { fromOfficerId: FIELD_OFFICER, toOfficerId: COLLEAGUE, reason: 'Siti sedang pelatihan di Samarinda.' } });
  });

  it('refuses an officer who may not take it, the officer who already has it, a missing reason, and a task that is done', async () => {
    const { caseId, link } = await caseWithVisitToSchedule();
    const dukcapil = await reassign(coordinator, caseId, { officerId: officerIds.dukcapilFieldOfficer(), reason: 'Salah instansi.' });
    expect(dukcapil.statusCode).toBe(400);
    expect(dukcapil.json().error.fields).toEqual([{ field: 'officerId', message: 'Petugas ini tidak dapat menerima tugas ini. Pilih petugas dari daftar.' }]);
    const elsewhere = await reassign(coordinator, caseId, { officerId: officerIds.fieldOfficer(BENGALON), reason: 'Salah kecamatan.' });
    expect(elsewhere.statusCode).toBe(400);
    const same = await reassign(coordinator, caseId, { officerId: FIELD_OFFICER, reason: 'Tetap Siti saja.' });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.fields).toEqual([{ field: 'officerId', message: 'Tugas ini sudah ditangani oleh petugas tersebut.' }]);
    const noReason = await reassign(coordinator, caseId, { officerId: COLLEAGUE });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toEqual([{ field: 'reason', message: 'Wajib diisi.' }]);

    const page = await bed.app.inject({ url: link });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const done = await bed.app.inject({
      method: 'POST', url: link, headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, visitDate: '2026-12-07' }).toString(),
    });
    expect(done.statusCode).toBe(200);
    const late = await reassign(coordinator, caseId, { officerId: COLLEAGUE, reason: 'Sudah selesai ternyata.' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ code: 'TASK_CLOSED', message: 'Tugas ini sudah selesai.' });
  });

  it('is for coordinators and supervisors within their kecamatan: an auditor or an admin is refused, another kecamatan sees nothing', async () => {
    const { caseId } = await caseWithVisitToSchedule();
    const body = { officerId: COLLEAGUE, reason: 'Dialihkan oleh pengguna lain.' };
    expect((await reassign(await bed.keyFor('AUDITOR'), caseId, body)).statusCode).toBe(403);
    expect((await reassign(await bed.keyFor('ADMIN'), caseId, body)).statusCode).toBe(403);
    expect((await reassign(await bed.keyFor('SUPERVISOR', [BENGALON]), caseId, body)).statusCode).toBe(404);
    expect((await reassign(coordinator, caseId, body, 'visit-scheduling-9')).statusCode).toBe(404);
    expect((await reassign('ats_nokey', caseId, body)).statusCode).toBe(401);
    expect((await reassign(await bed.keyFor('SUPERVISOR', [SANGATTA_UTARA]), caseId, body)).statusCode).toBe(200);
  });
});

describe('links of one kind', () => {
  it('open nothing on another kind’s page: a supervisor’s reassignment link is no task link, and the reverse', async () => {
    const { caseId, link } = await caseWithVisitToSchedule();
    const task = await bed.prisma.task.findFirstOrThrow({ where: { caseId } });
    const links = officerLinks(bed.prisma, 'http://ats.test');
    const reassignPath = new URL((await links.reassign(task.id, officerIds.supervisor(SANGATTA_UTARA)))!).pathname;
    expect((await bed.app.inject({ url: reassignPath })).statusCode).toBe(200);
    expect((await bed.app.inject({ url: reassignPath.replace('/penyelia/', '/tasks/') })).statusCode).toBe(404);
    expect((await bed.app.inject({ url: link.replace('/tasks/', '/penyelia/') })).statusCode).toBe(404);
  });
});

describe('an officer declining through JSON', () => {
  it('hands the task to the supervisor, like the page does', async () => {
    const { link } = await caseWithVisitToSchedule();
    const short = await bed.app.inject({ method: 'POST', url: `${link}/tolak`, payload: { reason: 'no' } });
    expect(short.statusCode).toBe(400);
    const declined = await bed.app.inject({ method: 'POST', url: `${link}/tolak`, payload: { reason: 'Saya dipindahtugaskan ke Bengalon.' } });
    expect(declined.statusCode).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'DECLINED', assignee: { officerId: officerIds.supervisor(SANGATTA_UTARA) } });
    expect((await bed.app.inject({ url: link })).statusCode).toBe(410);
  });
});

describe('an officer’s list of tasks', () => {
  it('lists their open tasks soonest first and marks the late ones', async () => {
    const activities = createActivities({
      prisma: bed.prisma,
      mailer: { send: async () => undefined },
      dukcapil: { verify: () => Promise.reject(new Error('unused')) },
      dinsos: { status: () => Promise.reject(new Error('unused')) },
      dapodik: { findPupil: () => Promise.reject(new Error('unused')) },
      settings: { publicUrl: 'http://ats.test', welfareMaxDecile: 4, deadlinePolicy: DEFAULT_DEADLINE_POLICY, caseKeySecret: 'unused', monitoringChecks: [30 * 86_400_000, 90 * 86_400_000] },
    });
    const officer = await bed.prisma.officer.create({
      data: { id: 'disdik-fo-list', name: 'Agustina Ping', email: 'agustina@kutaitimurkab.go.id.test', agency: 'DISDIKBUD', role: 'FIELD_OFFICER', kecamatan: BENGALON, desa: 'Sepaso' },
    });
    const DAY = 86_400_000;
    for (const [caseId, daysAgo] of [['list-case-recent', 0], ['list-case-old', 20]] as const) {
      await activities.recordCaseEvent({
        caseId, eventId: `${caseId}/1`, type: 'CASE_OPENED', actor: { kind: 'STAFF', id: 'k' }, occurredAt: Date.now() - daysAgo * DAY, data: {},
        snapshot: { stage: 'HOME_VISIT', kecamatan: BENGALON, desa: 'Sepaso', category: 'DO', overdue: false, openedAt: Date.now() - daysAgo * DAY },
        child: { fullName: daysAgo ? 'Intan Permata Sari' : 'Rudi Hartono', birthDate: '2014-02-02', sex: 'P', kecamatan: BENGALON, desa: 'Sepaso', address: 'Jl. Poros' },
      });
      await activities.openTask({ caseId, taskId: 'visit-1', type: 'VISIT_SCHEDULING', kecamatan: BENGALON, desa: 'Sepaso', openedAt: Date.now() - daysAgo * DAY, context: { attempt: 1 } });
    }
    const path = new URL(await officerLinks(bed.prisma, 'http://ats.test').myTasks(officer.id)).pathname;
    const page = await bed.app.inject({ url: path });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const items = [...page.body.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((match) => match[1]!);
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('Anak: Intan');
    expect(items[0]).toContain('<span class="overdue">Terlambat — batas');
    expect(items[1]).toContain('Anak: Rudi');
    expect(items[1]).not.toContain('Terlambat');
    expect(page.body).toContain('1 terlambat');
    expect(page.body).not.toContain('Permata');

    await bed.prisma.officerLink.updateMany({ where: { officerId: officer.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await bed.app.inject({ url: path })).statusCode).toBe(410);
  });
});

describe('guessing links', () => {
  it('is throttled on the officers’ pages like on the task pages', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 35; attempt += 1) {
      statuses.push((await bed.app.inject({ url: `/petugas/${'A'.repeat(42)}${attempt % 10}` })).statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    expect(statuses).toContain(429);
    expect((await bed.app.inject({ url: `/penyelia/${'B'.repeat(43)}` })).statusCode).toBe(429);
  });
});
