import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_CATEGORY, CASE_KECAMATAN, CASE_STAGE } from '../../../domain/search-attributes.js';
import { aReport, CaseHarness, CHILD_NIK, complete, eventually, visitAndEnrol, waitUntil } from './case-harness.js';
import { OFFICERS } from './fake-activities.js';

let harness: CaseHarness;
beforeAll(async () => {
  harness = await CaseHarness.start();
});
afterAll(async () => {
  await harness?.stop();
});

const stagesOf = (caseId: string) =>
  harness.fake.eventsOf(caseId).filter((event) => event.type === 'STAGE_CHANGED').map((event) => event.data.to);

describe('a reported child whose record Dukcapil confirms', () => {
  it('goes from report to confirmed enrolment, with every step in the audit log', async () => {
    const handle = await harness.openCase();
    const caseId = handle.workflowId;

    const visiting = await waitUntil(handle, (view) => view.tasks.some((task) => task.type === 'VISIT_SCHEDULING'));
    expect(visiting).toMatchObject({
      stage: 'HOME_VISIT',
      identityStatus: 'CONFIRMED',
      welfare: { status: 'NOT_REGISTERED', pipCandidate: false },
      sources: [{ channel: 'DAPODIK', reference: 'verval-2026-001' }],
    });
    const scheduling = visiting.tasks[0]!;
    expect(scheduling).toMatchObject({
      taskId: 'visit-scheduling-1', status: 'OPEN', assignee: OFFICERS.DISDIKBUD.FIELD_OFFICER, overdue: false, escalationLevel: 0,
    });
    expect(visiting.nextDeadline).toBe(scheduling.dueAt);

    const final = await visitAndEnrol(handle);

    expect(final).toMatchObject({
      stage: 'CLOSED',
      outcome: 'RETAINED',
      agreedPath: 'FORMAL_SCHOOL',
      visitAttempts: 1,
      enrolment: { npsn: '30400002', schoolName: 'SD Negeri 002 Sangatta Utara', enrolmentDate: '2027-01-06', grade: 5 },
    });
    expect(final.closedAt).toBeDefined();
    expect(final.tasks.map((task) => [task.taskId, task.status])).toEqual([
      ['visit-scheduling-1', 'COMPLETED'],
      ['visit-report-1', 'COMPLETED'],
      ['enrolment-confirmation-1', 'COMPLETED'],
    ]);
    expect(final.nextDeadline).toBeUndefined();

    const events = harness.fake.eventsOf(caseId);
    expect(events[0]).toMatchObject({
      type: 'CASE_OPENED', actor: { kind: 'STAFF', id: 'operator-disdik' },
      child: { nik: CHILD_NIK }, guardian: { name: 'Siti Aminah' }, snapshot: { stage: 'VERIFYING_IDENTITY', kecamatan: '640804' },
    });
    expect(events.at(-1)).toMatchObject({
      type: 'CASE_CLOSED',
      data: { outcome: 'RETAINED' },
      snapshot: { stage: 'CLOSED', outcome: 'RETAINED', enrolledNpsn: '30400002', enrolledSchoolName: 'SD Negeri 002 Sangatta Utara' },
    });
    expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
    expect(stagesOf(caseId)).toEqual(['CHECKING_WELFARE', 'HOME_VISIT', 'AWAITING_ENROLMENT', 'MONITORING', 'CLOSED']);
    expect(harness.fake.eventTypesOf(caseId)).toContain('IDENTITY_CONFIRMED');
    expect(harness.fake.eventTypesOf(caseId).filter((type) => type === 'TASK_COMPLETED')).toHaveLength(3);

    expect(harness.fake.emailsOf(caseId).map((email) => [email.taskId, email.kind, email.recipientOfficerId])).toEqual([
      ['visit-scheduling-1', 'ASSIGNED', 'disdik-lapangan'],
      ['visit-report-1', 'ASSIGNED', 'disdik-lapangan'],
      ['enrolment-confirmation-1', 'ASSIGNED', 'disdik-lapangan'],
    ]);
    const report = harness.fake.task(caseId, 'visit-report-1');
    expect(report.input.context).toEqual({ attempt: 1, visitDate: '2026-12-03' });
    expect(report.closed).toMatchObject({ status: 'COMPLETED', closedBy: { kind: 'OFFICER', id: 'disdik-lapangan' } });
    expect(harness.fake.task(caseId, 'enrolment-confirmation-1').input.context).toEqual({
      agreedPath: 'FORMAL_SCHOOL', targetSchool: { name: 'SD Negeri 002 Sangatta Utara', npsn: '30400002' },
    });

    const { typedSearchAttributes } = await handle.describe();
    expect(typedSearchAttributes.get(CASE_STAGE)).toBe('CLOSED');
    expect(typedSearchAttributes.get(CASE_KECAMATAN)).toBe('640804');
    expect(typedSearchAttributes.get(CASE_CATEGORY)).toBe('DO');
    await harness.expectReplays(handle);
  });

  it('takes the registry spelling of the name as the child’s identity', async () => {
    const caseId = harness.newCaseId();
    harness.fake.scriptDukcapil(caseId, {
      answer: {
        status: 'MATCH',
        record: {
          nik: CHILD_NIK, noKk: '6408040101150099', fullName: 'ANDI SAPUTRA', birthDate: '2015-03-12', sex: 'L',
          kecamatanCode: '640804', desa: 'Swarga Bara',
        },
      },
    });
    const handle = await harness.openCase(aReport({ child: { noKk: undefined } }), caseId);

    const view = await waitUntil(handle, (v) => v.stage === 'HOME_VISIT');
    expect(view.child).toMatchObject({ fullName: 'ANDI SAPUTRA', noKk: '6408040101150099', desa: 'Swarga Bara' });
    expect(harness.fake.linksOf(caseId).at(-1)?.child.fullName).toBe('ANDI SAPUTRA');
  });
});

describe('a child whose reported data differ from Dukcapil’s record', () => {
  it('waits for Dukcapil to correct the record and carries on with the corrected identity', async () => {
    const caseId = harness.newCaseId();
    harness.fake.scriptDukcapil(caseId, {
      answer: {
        status: 'MISMATCH',
        record: {
          nik: CHILD_NIK, noKk: '6408040101150003', fullName: 'Andi Saputra bin Ahmad', birthDate: '2015-03-13', sex: 'L',
          kecamatanCode: '640804', desa: 'Swarga Bara',
        },
        differences: [
          { field: 'fullName', reported: 'Andi Saputra', registry: 'Andi Saputra bin Ahmad' },
          { field: 'birthDate', reported: '2015-03-12', registry: '2015-03-13' },
        ],
      },
    });
    const handle = await harness.openCase(aReport(), caseId);

    const correcting = await waitUntil(handle, (view) => view.tasks.some((task) => task.type === 'DUKCAPIL_CORRECTION'));
    expect(correcting.stage).toBe('CORRECTING_RECORDS');
    expect(correcting.tasks[0]).toMatchObject({ taskId: 'dukcapil-correction-1', assignee: OFFICERS.DUKCAPIL.FIELD_OFFICER });
    expect(harness.fake.task(caseId, 'dukcapil-correction-1').input.context).toEqual({
      differences: [
        { field: 'fullName', reported: 'Andi Saputra', registry: 'Andi Saputra bin Ahmad' },
        { field: 'birthDate', reported: '2015-03-12', registry: '2015-03-13' },
      ],
    });
    expect(harness.fake.eventsOf(caseId).find((event) => event.type === 'IDENTITY_MISMATCH')?.data).toEqual({ fields: ['fullName', 'birthDate'] });

    await complete(handle, 'DUKCAPIL_CORRECTION', {
      resolution: 'REGISTRY_IS_CORRECT', fullName: 'Andi Saputra bin Ahmad', birthDate: '2015-03-13', sex: 'L',
    });

    const visiting = await waitUntil(handle, (view) => view.stage === 'HOME_VISIT');
    expect(visiting.identityStatus).toBe('CORRECTED');
    expect(visiting.child).toMatchObject({ fullName: 'Andi Saputra bin Ahmad', birthDate: '2015-03-13', nik: CHILD_NIK });
    expect(stagesOf(caseId)).toEqual(['CORRECTING_RECORDS', 'CHECKING_WELFARE', 'HOME_VISIT']);
    expect(harness.fake.linksOf(caseId).at(-1)?.child).toMatchObject({ fullName: 'Andi Saputra bin Ahmad', birthDate: '2015-03-13' });
  });
});

describe('a child Dukcapil cannot check', () => {
  it('without a NIK is registered by Dukcapil first, and the new NIK links the case', async () => {
    const caseId = harness.newCaseId();
    const handle = await harness.openCase(aReport({ child: { nik: undefined, noKk: undefined } }), caseId);

    const registering = await waitUntil(handle, (view) => view.tasks.some((task) => task.type === 'DUKCAPIL_REGISTRATION'));
    expect(registering.stage).toBe('REGISTERING_CHILD');
    expect(registering.tasks[0]).toMatchObject({ taskId: 'dukcapil-registration-1', assignee: OFFICERS.DUKCAPIL.FIELD_OFFICER });
    expect(harness.fake.task(caseId, 'dukcapil-registration-1').input.context).toEqual({ reason: 'NO_NIK' });
    expect(harness.fake.dukcapilCalls(caseId)).toBe(0);

    await complete(handle, 'DUKCAPIL_REGISTRATION', { nik: '6408041203150009', noKk: '6408040101150007' });

    const visiting = await waitUntil(handle, (view) => view.stage === 'HOME_VISIT');
    expect(visiting.identityStatus).toBe('REGISTERED');
    expect(visiting.child).toMatchObject({ nik: '6408041203150009', noKk: '6408040101150007' });
    const links = harness.fake.linksOf(caseId);
    expect(links).toHaveLength(2);
    expect(links[0]!.child.nik).toBeUndefined();
    expect(links[1]!.child.nik).toBe('6408041203150009');
  });

  it('with a NIK Dukcapil does not know is registered too', async () => {
    const caseId = harness.newCaseId();
    harness.fake.scriptDukcapil(caseId, { answer: { status: 'NOT_FOUND' } });
    const handle = await harness.openCase(aReport(), caseId);

    await waitUntil(handle, (view) => view.stage === 'REGISTERING_CHILD' && view.tasks.length === 1);
    expect(harness.fake.task(caseId, 'dukcapil-registration-1').input.context).toEqual({ reason: 'NOT_FOUND' });
    expect(harness.fake.eventTypesOf(caseId)).toContain('IDENTITY_NOT_FOUND');

    await complete(handle, 'DUKCAPIL_REGISTRATION', { nik: '6408041203150009', noKk: '6408040101150007', birthCertificateNumber: 'AL-123' });

    const visiting = await waitUntil(handle, (view) => view.stage === 'HOME_VISIT');
    expect(visiting).toMatchObject({ identityStatus: 'REGISTERED', child: { nik: '6408041203150009' } });
    expect(harness.fake.linksOf(caseId).at(-1)?.child.nik).toBe('6408041203150009');
  });

  it('whose request Dukcapil refuses outright goes to registration instead of retrying for ever', async () => {
    const caseId = harness.newCaseId();
    harness.fake.scriptDukcapil(caseId, { answer: 'REFUSED' });
    const handle = await harness.openCase(aReport(), caseId);

    const view = await waitUntil(handle, (v) => v.stage === 'REGISTERING_CHILD' && v.tasks.length === 1);
    expect(view.waitingFor).toBeUndefined();
    expect(harness.fake.dukcapilCalls(caseId)).toBe(1);
    expect(harness.fake.task(caseId, 'dukcapil-registration-1').input.context).toEqual({ reason: 'NOT_FOUND' });
    expect(harness.fake.eventsOf(caseId).find((event) => event.type === 'IDENTITY_NOT_FOUND')?.data).toEqual({
      registry: 'DUKCAPIL', refusedWith: 'RegistryRejected',
    });
    expect(harness.fake.eventTypesOf(caseId)).not.toContain('REGISTRY_UNAVAILABLE');
  });
});

describe('a registry outage', () => {
  it('makes the case wait for Dukcapil, visibly and durably, and carry on once it is back', async () => {
    const caseId = harness.newCaseId();
    // Each try of the case is three activity attempts: the first two tries fail, the third succeeds.
    harness.fake.scriptDukcapil(caseId, { answer: { status: 'NOT_FOUND' }, unavailableForAttempts: 6 });
    const handle = await harness.openCase(aReport(), caseId);

    const waiting = await waitUntil(handle, (view) => view.waitingFor !== undefined);
    expect(waiting.stage).toBe('VERIFYING_IDENTITY');
    expect(waiting.waitingFor).toMatchObject({ registry: 'DUKCAPIL', failedAttempts: 1 });
    const { since, nextAttemptAt } = waiting.waitingFor!;
    expect(Date.parse(nextAttemptAt) - Date.parse(since)).toBe(60_000);

    await harness.env.sleep('1 minute');
    const stillWaiting = await waitUntil(handle, (view) => view.waitingFor?.failedAttempts === 2);
    expect(stillWaiting.waitingFor!.since).toBe(since);
    expect(Date.parse(stillWaiting.waitingFor!.nextAttemptAt) - Date.parse(since)).toBeGreaterThanOrEqual(3 * 60_000);

    await harness.env.sleep('2 minutes');
    const recovered = await waitUntil(handle, (view) => view.stage === 'REGISTERING_CHILD');
    expect(recovered.waitingFor).toBeUndefined();
    expect(harness.fake.dukcapilCalls(caseId)).toBe(7);
    expect(harness.fake.eventTypesOf(caseId).filter((type) => type === 'REGISTRY_UNAVAILABLE')).toHaveLength(1);
    expect(harness.fake.eventsOf(caseId).find((event) => event.type === 'REGISTRY_UNAVAILABLE')?.data).toEqual({ registry: 'DUKCAPIL' });
    await harness.expectReplays(handle);
  });

  it('of Dinsos holds the welfare check the same way', async () => {
    const caseId = harness.newCaseId();
    harness.fake.scriptDinsos(caseId, {
      answer: { status: 'REGISTERED', noKk: '6408040101150003', decile: 6, programmes: [], pipCandidate: false },
      unavailableForAttempts: 3,
    });
    const handle = await harness.openCase(aReport(), caseId);

    const waiting = await waitUntil(handle, (view) => view.waitingFor !== undefined);
    expect(waiting).toMatchObject({ stage: 'CHECKING_WELFARE', waitingFor: { registry: 'DINSOS', failedAttempts: 1 } });

    await harness.env.sleep('1 minute');
    const visiting = await waitUntil(handle, (view) => view.stage === 'HOME_VISIT');
    expect(visiting.waitingFor).toBeUndefined();
    expect(visiting.welfare).toEqual({ status: 'REGISTERED', decile: 6, pipCandidate: false });
    await eventually(() => harness.fake.eventTypesOf(caseId).includes('WELFARE_CHECKED'));
  });
});
