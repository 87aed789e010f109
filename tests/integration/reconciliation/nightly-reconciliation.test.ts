import { ScheduleOverlapPolicy } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../../api/auth/api-keys.js';
import type { CandidateView, RunDetail } from '../../../api/reconciliation/schemas.js';
import { maskNik } from '../../../domain/nik.js';
import { officerIds } from '../../../infra/seed.js';
import { isOfCompulsorySchoolAge, type Person } from '../../../simulators/population.js';
import { candidateReviewWorkflowId, kecamatanWorkflowId, RECONCILIATION_SCHEDULE_ID } from '../../../workflows/reconciliation/messages.js';
import { WORKFLOW_BUNDLE_PATH } from '../../support/bundle.js';
import { createStaffUser, sessionCookieOver } from '../../support/staff.js';
import { browser, emailTo, eventually, officer, reportOf, startJourneyStack, taskLinkIn, type JourneyStack } from '../journeys/stack.js';
import type { MismatchReport } from '../../../api/reports/data-mismatch.js';
import { startWorkerProcess, type WorkerProcess } from '../journeys/worker-process.js';

/**
 * One synthetic kecamatan, Sangatta Utara, of about three thousand school-age children, into which the
 * population plants children missing from the school roll and pupils who dropped out. The worker runs
 * as its own process with the nightly schedule switched on, and is killed in the middle of the run.
 */
const KECAMATAN = '640804';
const PAGE_SIZE = 200;

let stack: JourneyStack;
const workers: WorkerProcess[] = [];
let apiKey: string;

beforeAll(async () => {
  stack = await startJourneyStack({
    inProcessWorker: false,
    simulators: { population: { households: 2600, kecamatan: [KECAMATAN] } },
  });
  ({ key: apiKey } = await createApiKey(stack.prisma, { name: 'Disdikbud (reconciliation test)', role: 'COORDINATOR', scope: [] }));
}, 120_000);

afterAll(async () => {
  for (const worker of workers) await worker.kill();
  await stack?.temporal.schedule.getHandle(RECONCILIATION_SCHEDULE_ID).delete().catch(() => undefined);
  await stack?.close();
});

/** The schedule on, small pages (so that a kill lands mid-kecamatan), and the tests' pre-built workflow bundle to start quickly. */
const workerEnv = { RECONCILIATION_SCHEDULE: '30 2 * * *', RECONCILIATION_PAGE_SIZE: String(PAGE_SIZE), WORKFLOW_BUNDLE_PATH };

async function api<T>(path: string, init: RequestInit = {}, key = apiKey): Promise<{ status: number; body: T }> {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    ...init,
    headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers, authorization: `Bearer ${key}` },
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** Triggers the schedule as the night would, and returns the id of the run it started. */
async function scheduledRun(known: Set<string>): Promise<string> {
  await stack.temporal.schedule.getHandle(RECONCILIATION_SCHEDULE_ID).trigger(ScheduleOverlapPolicy.ALLOW_ALL);
  return eventually(async () => {
    const runs = await stack.prisma.reconciliationRun.findMany({ where: { trigger: 'SCHEDULE' } });
    return runs.find((run) => !known.has(run.id))?.id;
  }, 'the scheduled run to start', 60_000);
}

function finished(runId: string, timeoutMs: number): Promise<RunDetail> {
  return eventually(async () => {
    const { status, body } = await api<RunDetail>(`/api/v1/reconciliation/runs/${encodeURIComponent(runId)}`);
    return status === 200 && body.status !== 'RUNNING' ? body : undefined;
  }, `run ${runId} to finish`, timeoutMs);
}

describe('The nightly reconciliation finds the children nobody reported', () => {
  let planted: { outOfSchool: Person[]; droppedOut: Person[]; residents: number; poorWithPupils: number };
  let alreadyReported: Person[];
  let firstRun: RunDetail;

  it('runs on its schedule, survives a worker killed mid-run, and raises exactly the planted children', { timeout: 420_000 }, async () => {
    const { population } = stack.simulators;
    planted = {
      outOfSchool: population.scenarios.outOfSchool,
      droppedOut: population.scenarios.droppedOut,
      residents: population.people.filter(isOfCompulsorySchoolAge).length,
      poorWithPupils: 0,
    };
    // Poor households (deciles 1–4) with at least one child still in school: the preventive outreach's list.
    const outOfRoll = new Set([...planted.outOfSchool, ...planted.droppedOut].map((child) => child.nik));
    planted.poorWithPupils = population.households.filter(
      (h) => h.welfare && h.welfare.decile <= 4 && h.members.some((m) => isOfCompulsorySchoolAge(m) && !outOfRoll.has(m.nik)),
    ).length;
    expect(planted.poorWithPupils).toBeGreaterThan(100);
    expect(planted.residents).toBeGreaterThan(2500);
    expect(planted.outOfSchool.length).toBeGreaterThan(50);
    expect(planted.droppedOut.length).toBeGreaterThan(30);

    // The worker keeps the nightly schedule as configured: 02:30 in Kutai Timur (WITA), one run at a time.
    workers.push(startWorkerProcess(stack, workerEnv));
    const schedule = await eventually(
      () => stack.temporal.schedule.getHandle(RECONCILIATION_SCHEDULE_ID).describe().catch(() => undefined),
      'the reconciliation schedule',
      90_000,
    );
    expect(schedule.spec.timezone).toBe('Asia/Makassar');
    expect(schedule.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
    expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'reconciliationWorkflow', taskQueue: stack.taskQueue });
    const next = schedule.info.nextActionTimes[0]!;
    expect([next.getUTCHours(), next.getUTCMinutes()]).toEqual([18, 30]);

    // Two of the planted children were reported by a coordinator before the night.
    alreadyReported = [planted.outOfSchool[0]!, planted.droppedOut[0]!];
    for (const child of alreadyReported) {
      const { status } = await stack.coordinator.reportChild(reportOf(child));
      expect(status).toBe(201);
    }
    await eventually(async () => (await stack.prisma.caseAlias.count({ where: { kind: 'NIK' } })) >= 2, 'the reported cases to be findable', 60_000);

    // Registries answer slowly tonight, so the run is well under way when its worker dies.
    stack.simulators.setFaults({ latencyMs: 15 });
    const runId = await scheduledRun(new Set());
    await eventually(async () => {
      const row = await stack.prisma.reconciliationResult.findUnique({ where: { runId_kecamatan: { runId, kecamatan: KECAMATAN } } });
      return row && row.pagesRead >= 8;
    }, 'the run to be half-way through the kecamatan', 120_000);
    await workers[0]!.kill();
    stack.simulators.setFaults({ latencyMs: 0 });
    workers.push(startWorkerProcess(stack, workerEnv));

    firstRun = await finished(runId, 200_000);
    expect(firstRun.status).toBe('COMPLETED');
    const result = firstRun.results.find((r) => r.kecamatan === KECAMATAN)!;
    const gaps = planted.outOfSchool.length + planted.droppedOut.length;
    expect(result).toMatchObject({
      status: 'COMPLETED',
      residents: planted.residents,
      enrolled: planted.residents - gaps,
      notOnRoll: planted.outOfSchool.length,
      leftSchool: planted.droppedOut.length,
      alreadyInCase: 2,
      alreadyRaised: 0,
      dismissed: 0,
      newCandidates: gaps - 2,
      casesStarted: 0,
      atRiskHouseholds: planted.poorWithPupils,
      alreadyFlagged: 0,
      registryErrors: 0,
    });
    // The other kecamatan have nobody in this synthetic district, and were reconciled all the same.
    expect(firstRun.results).toHaveLength(18);
    expect(firstRun.totals.residents).toBe(planted.residents);

    // Exactly the planted children are candidates, each once, with the right finding.
    const candidates = await stack.prisma.reconciliationCandidate.findMany();
    const reported = new Set(alreadyReported.map((child) => child.nik));
    const expected = (people: Person[]) => people.map((p) => p.nik).filter((nik) => !reported.has(nik)).sort();
    expect(candidates.filter((c) => c.reason === 'NOT_ON_ROLL').map((c) => c.nik).sort()).toEqual(expected(planted.outOfSchool));
    expect(candidates.filter((c) => c.reason === 'LEFT_SCHOOL').map((c) => c.nik).sort()).toEqual(expected(planted.droppedOut));
    expect(new Set(candidates.map((c) => c.nikHash)).size).toBe(candidates.length);
    const dropOut = candidates.find((c) => c.reason === 'LEFT_SCHOOL')!;
    expect(dropOut.lastSchool).toMatchObject({ exitType: 'DO' });

    // Each waits for the coordinator in a review of its own.
    const review = await stack.temporal.workflow.getHandle(candidateReviewWorkflowId(candidates[0]!.id)).describe();
    expect(review.status.name).toBe('RUNNING');

    // The kill landed mid-run: the kecamatan's workflow was carried on by a second worker.
    const history = await stack.temporal.workflow.getHandle(kecamatanWorkflowId(runId, KECAMATAN)).fetchHistory();
    const identities = new Set((history.events ?? []).map((e) => e.workflowTaskStartedEventAttributes?.identity).filter(Boolean));
    expect(identities.size).toBe(2);

    // The district coordinator (Sangatta Utara has none of its own in the directory) was told once.
    const emails = await eventually(() => {
      const found = stack.sink.messages().filter((m) => m.subject.includes('perlu ditinjau'));
      return found.length > 0 ? found : undefined;
    }, 'the coordinator email');
    expect(emails.map((m) => [m.to.join(','), m.subject])).toEqual([
      [officer(officerIds.coordinator()).email, `[ATS Kutim] ${gaps - 2} anak perlu ditinjau: rekonsiliasi data Kecamatan Sangatta Utara`],
    ]);

    // Each poor family with a child in school is on its officer's visiting list, once.
    expect(await stack.prisma.welfareOutreach.count({ where: { kecamatan: KECAMATAN, status: 'OPEN' } })).toBe(planted.poorWithPupils);
    const visits = await eventually(() => {
      const found = stack.sink.messages().filter((m) => m.subject.includes('Kunjungan pencegahan'));
      return found.length > 0 ? found : undefined;
    }, 'the outreach emails');
    const listed = visits.reduce((sum, m) => sum + Number(/: (\d+) keluarga/.exec(m.subject)![1]), 0);
    expect(listed).toBe(planted.poorWithPupils);

    // Nothing of a child's identity reached Temporal in clear, nor the worker's log.
    const log = workers.map((w) => w.output()).join('\n');
    for (const child of planted.outOfSchool.slice(0, 20)) expect(log).not.toContain(child.nik);
  });

  it('shows the figures to coordinators through the API, within their area only', async () => {
    const list = await api<{ items: { id: string; totals: { newCandidates: number } }[] }>('/api/v1/reconciliation/runs');
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({ id: firstRun.id, totals: { newCandidates: firstRun.totals.newCandidates } });

    const open = await api<{ items: CandidateView[]; total: number }>(`/api/v1/reconciliation/candidates?kecamatan=${KECAMATAN}&status=OPEN&limit=500`);
    expect(open.body.total).toBe(firstRun.totals.newCandidates);
    // Coordinators see the name to find the child; the NIK only masked.
    const first = await stack.prisma.reconciliationCandidate.findUniqueOrThrow({ where: { id: open.body.items[0]!.id } });
    expect(open.body.items[0]!.child).toMatchObject({ fullName: first.fullName, nik: maskNik(first.nik) });
    // Each review set its deadline when it opened; nobody has been reminded yet.
    const due = await eventually(async () => {
      const row = await stack.prisma.reconciliationCandidate.findUniqueOrThrow({ where: { id: first.id } });
      return row.dueAt ?? undefined;
    }, 'the review to set its deadline');
    const shown = await api<CandidateView>(`/api/v1/reconciliation/candidates/${first.id}`);
    expect(shown.body).toMatchObject({ dueAt: due.toISOString(), overdue: false, remindersSent: 0, escalationLevel: 0 });

    const { key: elsewhere } = await createApiKey(stack.prisma, { name: 'Koordinator Busang', role: 'COORDINATOR', scope: ['640806'] });
    const outside = await api(`/api/v1/reconciliation/candidates/${open.body.items[0]!.id}`, {}, elsewhere);
    expect(outside.status).toBe(404);
    const theirRun = await api<RunDetail>(`/api/v1/reconciliation/runs/${encodeURIComponent(firstRun.id)}`, {}, elsewhere);
    expect(theirRun.body.results.map((r) => r.kecamatan)).toEqual(['640806']);
    expect(theirRun.body.totals.newCandidates).toBe(0);
  });

  it('lets the coordinator start a case or dismiss with a reason, and raises nobody twice the next night', { timeout: 240_000 }, async () => {
    const open = await api<{ items: CandidateView[] }>(`/api/v1/reconciliation/candidates?kecamatan=${KECAMATAN}&status=OPEN&limit=500`);
    const [toStart, toDismiss, vague] = open.body.items;

    const started = await api<{ status: string; caseId: string }>(`/api/v1/reconciliation/candidates/${toStart!.id}/decision`, {
      method: 'POST',
      body: JSON.stringify({ decision: 'START_CASE' }),
    });
    expect(started).toMatchObject({ status: 200, body: { status: 'CASE_STARTED' } });
    const detail = await stack.coordinator.caseDetail(started.body.caseId);
    expect(detail.child?.fullName).toBe(toStart!.child.fullName);

    const refused = await api<{ error: { fields: { field: string }[] } }>(`/api/v1/reconciliation/candidates/${vague!.id}/decision`, {
      method: 'POST',
      body: JSON.stringify({ decision: 'DISMISS', reason: 'OTHER' }),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.map((f) => f.field)).toEqual(['note']);

    const dismissed = await api(`/api/v1/reconciliation/candidates/${toDismiss!.id}/decision`, {
      method: 'POST',
      body: JSON.stringify({ decision: 'DISMISS', reason: 'PESANTREN_WITHOUT_NISN', note: 'Pondok Pesantren Darul Ulum' }),
    });
    expect(dismissed).toMatchObject({ status: 200, body: { status: 'DISMISSED' } });
    const again = await api(`/api/v1/reconciliation/candidates/${toDismiss!.id}/decision`, { method: 'POST', body: JSON.stringify({ decision: 'START_CASE' }) });
    expect(again.status).toBe(409);

    const before = await stack.prisma.reconciliationCandidate.count();
    const secondId = await scheduledRun(new Set([firstRun.id]));
    const second = await finished(secondId, 200_000);
    const result = second.results.find((r) => r.kecamatan === KECAMATAN)!;
    expect(result).toMatchObject({
      newCandidates: 0,
      alreadyInCase: 3,
      dismissed: 1,
      alreadyRaised: firstRun.totals.newCandidates - 2,
      residents: planted.residents,
      atRiskHouseholds: 0,
      alreadyFlagged: planted.poorWithPupils,
    });
    expect(await stack.prisma.reconciliationCandidate.count()).toBe(before);
  });

  it('shows the run, the waiting children and the mismatch report on the staff page', async () => {
    const user = await createStaffUser(stack.prisma, { role: 'COORDINATOR', scope: [KECAMATAN] });
    const cookie = await sessionCookieOver(stack.apiUrl, user.email, user.password);
    const page = await fetch(`${stack.apiUrl}/rekonsiliasi`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    const waiting = await stack.prisma.reconciliationCandidate.count({ where: { status: 'OPEN' } });
    expect(html).toContain(`<span id="candidates-waiting">${waiting}</span>`);
    expect(html).toContain('Sangatta Utara');
    expect(html).toContain('<th scope="col">Batas waktu</th>');
    expect(html).toContain('Ketidaksesuaian data laporan dan Disdukcapil');
    expect(html).toMatch(new RegExp(`<th scope="row">Sangatta Utara</th><td>Selesai</td><td class="num">${planted.residents}</td>`));

    // The coordinator dismisses a child from the page: a reason is needed, then the child leaves the queue.
    const candidateId = /data-candidate="([0-9a-f-]+)"/.exec(html)![1]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    const post = (fields: Record<string, string>) =>
      fetch(`${stack.apiUrl}/rekonsiliasi/kandidat/${candidateId}/keputusan`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      });
    const missing = await post({ decision: 'DISMISS', reason: '', note: '' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Pilih alasan mengabaikan anak ini.');
    const done = await post({ decision: 'DISMISS', reason: 'SCHOOLED_OUTSIDE_DISTRICT', note: '' });
    expect(done.status).toBe(303);
    const after = await (await fetch(`${stack.apiUrl}${done.headers.get('location')!}`, { headers: { cookie } })).text();
    expect(after).toContain('Anak sudah diabaikan dengan alasan yang Anda pilih.');
    expect(after).toContain(`<span id="candidates-waiting">${waiting - 1}</span>`);
    expect(after).not.toContain(`data-candidate="${candidateId}"`);
  });

  it('reports where field reports and Dukcapil disagreed, by kecamatan and field, and how each was settled', { timeout: 120_000 }, async () => {
    const { person, reported } = stack.simulators.population.scenarios.mismatchedChild;
    const created = await stack.coordinator.reportChild(reportOf({ ...person, fullName: reported.fullName, birthDate: reported.birthDate }));
    expect(created.status).toBe(201);

    // Dukcapil's officer takes the school's spelling of the name and keeps the registry's birth date.
    const email = await emailTo(stack.sink, officer(officerIds.dukcapilFieldOfficer()), 'Perbaikan data kependudukan', 90_000);
    const link = taskLinkIn(email);
    const page = await browser.open(link);
    const sent = await browser.submit(link, page.form.check('resolution', 'REGISTRY_UPDATED').type('fullName', reported.fullName));
    expect(sent.status).toBe(200);

    const report = await eventually(async () => {
      const { body } = await api<MismatchReport>(`/api/v1/reports/data-mismatch?kecamatan=${KECAMATAN}`);
      return body.totals.byResolution.PENDING === 0 && body.totals.cases === 1 ? body : undefined;
    }, 'the settled mismatch in the report', 60_000);
    expect(report.totals).toMatchObject({ cases: 1, differences: 2, byResolution: { REPORT_ADOPTED: 1, REGISTRY_KEPT: 1 } });
    expect(report.byField.filter((f) => f.differences > 0).map((f) => [f.field, f.byResolution.REPORT_ADOPTED, f.byResolution.REGISTRY_KEPT])).toEqual([
      ['fullName', 1, 0],
      ['birthDate', 0, 1],
    ]);
    expect(report.byKecamatan).toEqual([
      expect.objectContaining({ kecamatan: KECAMATAN, cases: 1, differences: 2, byField: { fullName: 1, birthDate: 1, sex: 0, noKk: 0 } }),
    ]);
    expect(report.cases).toEqual([
      expect.objectContaining({ caseId: created.body.caseId, fields: [{ field: 'fullName', resolution: 'REPORT_ADOPTED' }, { field: 'birthDate', resolution: 'REGISTRY_KEPT' }] }),
    ]);
    // Values never leave the task: the report names fields and counts only.
    expect(JSON.stringify(report)).not.toContain(person.fullName);

    // Another area sees none of it.
    const { key: elsewhere } = await createApiKey(stack.prisma, { name: 'Koordinator Telen', role: 'COORDINATOR', scope: ['640807'] });
    const theirs = await api<MismatchReport>('/api/v1/reports/data-mismatch', {}, elsewhere);
    expect(theirs.body.totals.cases).toBe(0);
  });
});
