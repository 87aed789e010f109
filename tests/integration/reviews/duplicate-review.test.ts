import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReviewActivities } from '../../../activities/reviews/index.js';
import { DEFAULT_DEADLINE_POLICY } from '../../../domain/deadline-policy.js';
import type { IntakeReport } from '../../../domain/intake.js';
import type { OutgoingEmail } from '../../../infra/mailer.js';
import { identityKeys } from '../../../infra/case-identity.js';
import { verifyCaseEvents } from '../../../infra/case-event-log.js';
import { officerIds } from '../../../infra/seed.js';
import { createStaffUser, signInWithInject } from '../../support/staff.js';
import { CASE_KEY_SECRET, eventually, report, startApiTestbed, type ApiTestbed } from '../api/testbed.js';

/**
 * Children without NIK reported twice under different spellings: the second report waits for the
 * coordinator, who merges it into the first case or keeps the two apart. Real API, Temporal, PostgreSQL
 * and workflows; the emails are caught in memory.
 */
let bed: ApiTestbed;
let coordinatorKey: string;
let supervisorKey: string;
let otherAreaKey: string;

beforeAll(async () => {
  bed = await startApiTestbed({ worker: true });
  coordinatorKey = await bed.keyFor('COORDINATOR', ['640804']);
  supervisorKey = await bed.keyFor('SUPERVISOR', ['640804']);
  otherAreaKey = await bed.keyFor('COORDINATOR', ['640801']);
});
afterAll(async () => bed?.close());

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

/** A report of a child without NIK or family card in Sangatta Utara. */
function withoutNik(child: Partial<IntakeReport['child']>, source = 'SIPBM-2026-0001'): IntakeReport {
  return report({ child: { nik: undefined, noKk: undefined, ...child }, source: { channel: 'SIPBM', reference: source } });
}

async function send(body: IntakeReport, key = coordinatorKey) {
  return bed.app.inject({ method: 'POST', url: '/api/v1/cases', headers: auth(key), payload: body });
}

/** Reports a child and waits until the case's first event has written the child's row. */
async function caseOf(body: IntakeReport): Promise<string> {
  const response = await send(body);
  expect(response.statusCode).toBe(201);
  const { caseId } = response.json<{ caseId: string }>();
  await eventually(() => bed.prisma.child.findUnique({ where: { caseId } }), `the child of ${caseId}`);
  return caseId;
}

const reviewEmailsFor = (reviewId: string) => bed.sentEmails.filter((email) => email.text.includes(`/tinjauan-duplikat/${reviewId}`));

describe('a child without NIK reported again under another spelling', () => {
  let caseA: string;
  let reviewId: string;
  const first = withoutNik({ fullName: 'Muhammad Rizky Pratama', birthDate: '2013-05-11', desa: 'Singa Gembara', sex: 'L' }, 'SIPBM-A');
  const variant = withoutNik({ fullName: 'Muhamad Rizki Pratama', birthDate: '2013-05-14', desa: 'Desa Singa Gembara', sex: 'L' }, 'DAPODIK-B');

  it('waits for the coordinator instead of opening a second case, and emails them a link to the review', async () => {
    caseA = await caseOf(first);

    const response = await send(variant);
    expect(response.statusCode).toBe(202);
    const body = response.json<{ status: string; reviewId: string; message: string }>();
    expect(body).toMatchObject({ status: 'IN_REVIEW', reviewId: expect.stringMatching(/^dup-[a-z2-7]{20}$/) });
    expect(response.headers.location).toBe(`/api/v1/duplicate-reviews/${body.reviewId}`);
    reviewId = body.reviewId;

    // No second case: the child has exactly one, and the report is not part of it yet.
    expect(await bed.prisma.case.count()).toBe(1);
    const coordinator = await bed.prisma.officer.findUniqueOrThrow({ where: { id: officerIds.coordinator() } });
    const [email] = await eventually(() => (reviewEmailsFor(reviewId).length > 0 ? reviewEmailsFor(reviewId) : undefined), 'the review email');
    expect(email!.to).toBe(coordinator.email);
    expect(email!.subject).toContain('laporan ganda');
    expect(email!.text).toContain(`http://ats.test/tinjauan-duplikat/${reviewId}`);
    // The email names no child: the review page shows them to signed-in staff only.
    expect(email!.text).not.toContain('Rizki');
    expect(email!.text).not.toContain('Rizky');
  });

  it('is one review however often the same report arrives', async () => {
    const again = await send(variant);
    expect(again.statusCode).toBe(202);
    expect(again.json<{ reviewId: string }>().reviewId).toBe(reviewId);
    expect(await bed.prisma.duplicateReview.count({ where: { id: reviewId } })).toBe(1);
    expect(await bed.prisma.case.count()).toBe(1);
  });

  it('lists the review for the coordinator of the kecamatan, pending first, and hides it from another area', async () => {
    const list = await bed.app.inject({ method: 'GET', url: '/api/v1/duplicate-reviews', headers: auth(coordinatorKey) });
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: { reviewId: string; status: string; candidateCount: number }[] }>().items[0]).toMatchObject({
      reviewId, status: 'PENDING', candidateCount: 1, kecamatan: '640804', desa: 'Desa Singa Gembara',
    });

    const elsewhere = await bed.app.inject({ method: 'GET', url: '/api/v1/duplicate-reviews', headers: auth(otherAreaKey) });
    expect(elsewhere.json<{ items: unknown[] }>().items).toEqual([]);
    const notThere = await bed.app.inject({ method: 'GET', url: `/api/v1/duplicate-reviews/${reviewId}`, headers: auth(otherAreaKey) });
    expect(notThere.statusCode).toBe(404);
  });

  it('shows the new report and the case side by side, with what matched and what differs', async () => {
    const response = await bed.app.inject({ method: 'GET', url: `/api/v1/duplicate-reviews/${reviewId}`, headers: auth(supervisorKey) });
    expect(response.statusCode).toBe(200);
    const review = response.json<{
      report: { child: { fullName: string; birthDate: string } };
      candidates: { caseId: string; matched: Record<string, unknown>; differences: string[]; child: { fullName: string } }[];
    }>();
    expect(review.report.child).toMatchObject({ fullName: 'Muhamad Rizki Pratama', birthDate: '2013-05-14' });
    expect(review.candidates).toHaveLength(1);
    expect(review.candidates[0]).toMatchObject({
      caseId: caseA,
      matched: { nameSimilarity: 1, birthDate: 'CLOSE', daysApart: 3, desaSimilarity: 1 },
      differences: ['fullName', 'birthDate'],
      child: { fullName: 'Muhammad Rizky Pratama', birthDate: '2013-05-11' },
    });
  });

  it('refuses a decision from a supervisor, for a case not proposed, or without a reason', async () => {
    const decide = (key: string, payload: unknown) =>
      bed.app.inject({ method: 'POST', url: `/api/v1/duplicate-reviews/${reviewId}/decision`, headers: auth(key), payload: payload as object });
    expect((await decide(supervisorKey, { decision: 'MERGE', caseId: caseA, note: 'Sama.' })).statusCode).toBe(403);
    const notProposed = await decide(coordinatorKey, { decision: 'MERGE', caseId: 'ats-aaaaaaaaaaaaaaaaaaaa', note: 'Sama.' });
    expect(notProposed.statusCode).toBe(400);
    expect(notProposed.json()).toMatchObject({ error: { fields: [{ field: 'caseId', message: 'Kasus ini tidak termasuk kasus yang diusulkan dalam tinjauan ini.' }] } });
    const noReason = await decide(coordinatorKey, { decision: 'KEEP_APART', note: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ error: { fields: [{ field: 'note' }] } });
    expect(await decide(otherAreaKey, { decision: 'KEEP_APART', note: 'Beda anak.' })).toMatchObject({ statusCode: 404 });
    expect((await bed.prisma.duplicateReview.findUniqueOrThrow({ where: { id: reviewId } })).status).toBe('PENDING');
  });

  it('merged: the report joins case A, the audit log says who decided and why, and the next report of that spelling joins A directly', async () => {
    const response = await bed.app.inject({
      method: 'POST',
      url: `/api/v1/duplicate-reviews/${reviewId}/decision`,
      headers: auth(coordinatorKey),
      payload: { decision: 'MERGE', caseId: caseA, note: 'Anak yang sama: nama ibu dan alamat cocok, tanggal lahir salah ketik.' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ reviewId, status: 'MERGED', caseId: caseA });

    await eventually(async () => (await bed.prisma.case.findUniqueOrThrow({ where: { id: caseA } })).reportCount === 2, 'case A counting two reports');
    expect(await bed.prisma.case.count()).toBe(1);
    const variantKey = identityKeys(variant.child, CASE_KEY_SECRET).find((key) => key.kind === 'NAME_BIRTHDATE_DESA')!;
    expect(await bed.prisma.caseAlias.findUnique({ where: { keyHash: variantKey.hash } })).toMatchObject({ caseId: caseA });

    const events = await bed.prisma.caseEvent.findMany({ where: { caseId: caseA }, orderBy: { sequence: 'asc' } });
    const merged = events.find((event) => event.type === 'DUPLICATE_MERGED');
    expect(merged).toMatchObject({ actorKind: 'STAFF', data: { reviewId, decision: 'MERGE', note: expect.stringContaining('salah ketik') } });
    expect(events.map((event) => event.type)).toContain('REPORT_ADDED');
    expect((await verifyCaseEvents(bed.prisma, caseA)).verdict.valid).toBe(true);

    const review = await bed.prisma.duplicateReview.findUniqueOrThrow({ where: { id: reviewId } });
    expect(review).toMatchObject({ status: 'MERGED', resultCaseId: caseA, decisionNote: expect.stringContaining('salah ketik') });
    expect(review.decidedAt).toBeInstanceOf(Date);

    const third = await send(withoutNik({ ...variant.child }, 'VILLAGE-C'));
    expect(third.statusCode).toBe(200);
    expect(third.json()).toMatchObject({ status: 'JOINED_EXISTING', caseId: caseA, reportCount: 3 });
    const decidedAgain = await bed.app.inject({
      method: 'POST', url: `/api/v1/duplicate-reviews/${reviewId}/decision`, headers: auth(coordinatorKey),
      payload: { decision: 'KEEP_APART', note: 'Berubah pikiran.' },
    });
    expect(decidedAgain.statusCode).toBe(409);
    expect(decidedAgain.json()).toMatchObject({ error: { message: 'Tinjauan ini sudah diputuskan.' } });
  });
});

describe('two children who only look alike', () => {
  it('kept apart: the second child gets a case of its own, both cases record the decision, and they are not proposed again', async () => {
    const before = await bed.prisma.case.count();
    const twinA = await caseOf(withoutNik({ fullName: 'Siti Nurhaliza', birthDate: '2012-08-03', desa: 'Swarga Bara', sex: 'P' }));
    const twinB = withoutNik({ fullName: 'Sitti Nurhalisa', birthDate: '2012-03-08', desa: 'Swarga Bara', sex: 'P' });
    const response = await send(twinB);
    expect(response.statusCode).toBe(202);
    const { reviewId } = response.json<{ reviewId: string }>();
    const detail = await bed.app.inject({ method: 'GET', url: `/api/v1/duplicate-reviews/${reviewId}`, headers: auth(coordinatorKey) });
    expect(detail.json<{ candidates: { caseId: string; matched: { birthDate: string } }[] }>().candidates).toEqual([
      expect.objectContaining({ caseId: twinA, matched: expect.objectContaining({ birthDate: 'DAY_MONTH_SWAPPED' }) }),
    ]);

    // The school reports the same child while the review waits: that report follows the decision too.
    const fromSchool = await send({ ...twinB, source: { channel: 'DAPODIK', reference: 'verval-2026-88' } });
    expect(fromSchool.statusCode).toBe(202);
    expect(fromSchool.json<{ reviewId: string }>().reviewId).toBe(reviewId);

    const decided = await bed.app.inject({
      method: 'POST', url: `/api/v1/duplicate-reviews/${reviewId}/decision`, headers: auth(coordinatorKey),
      payload: { decision: 'KEEP_APART', note: 'Kakak beradik sepupu; orang tua berbeda.' },
    });
    expect(decided.statusCode).toBe(200);
    const { caseId: twinBCase, status } = decided.json<{ caseId: string; status: string }>();
    expect(status).toBe('KEPT_APART');
    expect(twinBCase).not.toBe(twinA);
    await eventually(() => bed.prisma.child.findUnique({ where: { caseId: twinBCase } }), 'the second case');
    expect(await bed.prisma.case.count()).toBe(before + 2);
    await eventually(async () => (await bed.prisma.case.findUniqueOrThrow({ where: { id: twinBCase } })).reportCount === 2, 'the school report in the new case');

    const kept = await eventually(
      () => bed.prisma.caseEvent.findFirst({ where: { caseId: twinBCase, type: 'DUPLICATE_KEPT_APART' } }),
      'the decision in the new case',
    );
    expect(kept!.data).toMatchObject({ reviewId, keptApartFrom: [twinA], note: 'Kakak beradik sepupu; orang tua berbeda.' });
    expect(await bed.prisma.caseEvent.findFirst({ where: { caseId: twinA, type: 'DUPLICATE_KEPT_APART' } })).toMatchObject({
      data: { reviewId, separateCaseId: twinBCase },
    });
    expect((await verifyCaseEvents(bed.prisma, twinA)).verdict.valid).toBe(true);
    expect((await verifyCaseEvents(bed.prisma, twinBCase)).verdict.valid).toBe(true);

    // The same child reported again joins its own case; nobody is asked about the pair again.
    const again = await send(twinB);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'JOINED_EXISTING', caseId: twinBCase });
    expect(await bed.prisma.duplicateReview.count({ where: { status: 'PENDING' } })).toBe(0);
  });

  it('an unrelated child of the same desa and birth date opens a case without any review', async () => {
    const reviews = await bed.prisma.duplicateReview.count();
    const response = await send(withoutNik({ fullName: 'Andi Setiawan', birthDate: '2013-05-11', desa: 'Singa Gembara', sex: 'L' }));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ status: 'CREATED' });
    expect(await bed.prisma.duplicateReview.count()).toBe(reviews);
  });
});

describe('the coordinator on the review pages', () => {
  it('finds the review in the list, sees the two records side by side with the differences marked, and decides with the form', async () => {
    const caseE = await caseOf(withoutNik({ fullName: 'Djoko Santoso', birthDate: '2011-01-20', desa: 'Teluk Lingga', sex: 'L' }));
    const pending = await send(withoutNik({ fullName: 'Joko Santoso', birthDate: '2011-01-20', desa: 'Teluk Lingga', sex: 'L', address: 'Gang Mawar 2' }));
    const { reviewId } = pending.json<{ reviewId: string }>();
    const coordinator = await createStaffUser(bed.prisma, { role: 'COORDINATOR', scope: ['640804'] });
    const session = await signInWithInject(bed.app, coordinator.email);
    const form = (fields: Record<string, string>, headers: Record<string, string>) =>
      bed.app.inject({
        method: 'POST',
        url: `/tinjauan-duplikat/${reviewId}`,
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
      });

    const list = await bed.app.inject({ method: 'GET', url: '/tinjauan-duplikat', headers: { cookie: session.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/tinjauan-duplikat/${reviewId}"`);

    const page = await bed.app.inject({ method: 'GET', url: `/tinjauan-duplikat/${reviewId}`, headers: { cookie: session.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Djoko Santoso');
    expect(page.body).toContain('Joko Santoso');
    expect(page.body).toMatch(/<tr class="diff"><th scope="row">Nama lengkap<span class="diff-mark">berbeda<\/span>/);
    expect(page.body).toMatch(/<tr class="diff"><th scope="row">Alamat/);
    expect(page.body).not.toMatch(/<tr class="diff"><th scope="row">Tanggal lahir/);
    expect(page.body).toContain(`name="_csrf" value="${session.csrfToken}"`);

    expect((await form({ choice: `MERGE:${caseE}`, note: 'Ejaan lama.' }, { cookie: session.cookie })).statusCode).toBe(403);
    const unchosen = await form({ _csrf: session.csrfToken, note: 'Ejaan lama.' }, { cookie: session.cookie });
    expect(unchosen.statusCode).toBe(400);
    expect(unchosen.body).toContain('Pilih apakah laporan ini digabungkan');
    expect(unchosen.body).toContain('Ejaan lama.');

    const decided = await form({ _csrf: session.csrfToken, choice: `MERGE:${caseE}`, note: 'Ejaan lama dari nama yang sama.' }, { cookie: session.cookie });
    expect(decided.statusCode).toBe(303);
    expect(decided.headers.location).toBe(`/tinjauan-duplikat/${reviewId}?diputuskan=1`);
    const after = await bed.app.inject({ method: 'GET', url: decided.headers.location as string, headers: { cookie: session.cookie } });
    expect(after.body).toContain('Keputusan disimpan.');
    expect(after.body).toContain(`Digabungkan ke kasus ${caseE}`);
    expect(after.body).toContain(`Oleh ${coordinator.name}`);
    expect(after.body).not.toContain('Simpan keputusan');
    expect((await bed.prisma.caseEvent.findFirst({ where: { caseId: caseE, type: 'DUPLICATE_MERGED' } }))?.actorId).toBe(coordinator.id);
  });
});

describe('the review emails, sent by the review activities against the real directory', () => {
  it('tells the coordinator, reminds them, escalates to the head, each once, and stays silent once decided', async () => {
    const sent: OutgoingEmail[] = [];
    const activities = createReviewActivities({
      prisma: bed.prisma, temporal: bed.temporal, taskQueue: bed.taskQueue, caseKeySecret: CASE_KEY_SECRET,
      mailer: { send: async (email) => void sent.push(email) },
      settings: { publicUrl: 'https://ats.kutaitimurkab.go.id', calendar: DEFAULT_DEADLINE_POLICY },
    });
    const reviewId = 'dup-aaaaaaaaaaaaaaaaaaaa';
    await bed.prisma.duplicateReview.create({
      data: {
        id: reviewId, kecamatan: '640804', desa: 'Swarga Bara', identityKeyHash: 'f'.repeat(64), report: {}, reportedBy: { kind: 'STAFF', id: 'x' },
        candidateCaseIds: ['ats-bbbbbbbbbbbbbbbbbbbb'], candidates: [{ caseId: 'ats-bbbbbbbbbbbbbbbbbbbb', score: 0.95 }], requestId: 'req-emails',
      },
    });
    const [coordinator, head] = await Promise.all([
      bed.prisma.officer.findUniqueOrThrow({ where: { id: officerIds.coordinator() } }),
      bed.prisma.officer.findUniqueOrThrow({ where: { id: officerIds.head() } }),
    ]);

    const openedAt = Date.parse('2026-12-04T02:00:00Z'); // a Friday
    const opened = await activities.openReview({ reviewId, kecamatan: '640804', desa: 'Swarga Bara', openedAt });
    expect(new Date(opened.dueAt).toISOString()).toBe('2026-12-09T09:00:00.000Z'); // three working days, 17:00 WITA
    expect(opened.coordinatorId).toBe(coordinator.id);
    expect(opened.ladder.map((step) => [step.kind, step.recipientOfficerId, new Date(step.at).toISOString()])).toEqual([
      ['REMINDER', coordinator.id, '2026-12-08T09:00:00.000Z'],
      ['ESCALATION', head.id, '2026-12-09T09:00:00.000Z'],
      ['ESCALATION', head.id, '2026-12-14T09:00:00.000Z'],
    ]);
    expect(sent.map((email) => email.to)).toEqual([coordinator.email]);
    expect(sent[0]!.text).toContain(`https://ats.kutaitimurkab.go.id/tinjauan-duplikat/${reviewId}`);
    expect((await bed.prisma.duplicateReview.findUniqueOrThrow({ where: { id: reviewId } })).dueAt?.toISOString()).toBe('2026-12-09T09:00:00.000Z');

    await activities.openReview({ reviewId, kecamatan: '640804', desa: 'Swarga Bara', openedAt });
    expect(sent).toHaveLength(1);
    expect(await activities.sendReviewEmail({ reviewId, kind: 'REMINDER', step: 0, recipientOfficerId: coordinator.id })).toEqual({ sent: true });
    expect(await activities.sendReviewEmail({ reviewId, kind: 'REMINDER', step: 0, recipientOfficerId: coordinator.id })).toEqual({ sent: false });
    expect(await activities.sendReviewEmail({ reviewId, kind: 'ESCALATION', step: 1, recipientOfficerId: head.id })).toEqual({ sent: true });
    expect(sent.map((email) => [email.to, email.subject.split(':')[0]])).toEqual([
      [coordinator.email, '[ATS Kutim] Tinjau kemungkinan laporan ganda — Desa Swarga Bara, Kecamatan Sangatta Utara'],
      [coordinator.email, '[ATS Kutim] Pengingat'],
      [head.email, '[ATS Kutim] Terlambat'],
    ]);

    await bed.prisma.duplicateReview.update({ where: { id: reviewId }, data: { status: 'MERGED' } });
    expect(await activities.sendReviewEmail({ reviewId, kind: 'ESCALATION', step: 2, recipientOfficerId: head.id })).toEqual({ sent: false });
    expect(sent).toHaveLength(3);
  });
});

describe('the same child without NIK reported twice in quick succession', () => {
  it('joins the first case even before that case has registered its identity keys', async () => {
    const child = withoutNik({ fullName: 'Nur Aisyah Ramadhani', birthDate: '2012-09-02', desa: 'Teluk Lingga' }, 'SIPBM-CEPAT');
    const caseId = await caseOf(child);
    // As in the moment after the start: the child's row is written, the keys are not yet.
    await bed.prisma.caseAlias.deleteMany({ where: { caseId } });
    const again = await send(withoutNik({ fullName: 'Nur Aisyah Ramadhani', birthDate: '2012-09-02', desa: 'Teluk Lingga' }, 'SIPBM-CEPAT-2'));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ caseId, status: 'JOINED_EXISTING', reportCount: 2 });
    expect(await bed.prisma.duplicateReview.count({ where: { resultCaseId: caseId } })).toBe(0);
  });
});
