import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aReport, CaseHarness, complete, eventually, FORMS, openTaskOf, visitAndEnrol, waitUntil, type CaseHandle } from './case-harness.js';
import { OFFICERS } from './fake-activities.js';

let harness: CaseHarness;
beforeAll(async () => {
  harness = await CaseHarness.start();
});
afterAll(async () => {
  await harness?.stop();
});

async function failVisit(handle: CaseHandle): Promise<void> {
  await complete(handle, 'VISIT_SCHEDULING', FORMS.visitScheduled);
  await complete(handle, 'VISIT_REPORT', FORMS.familyNotHome);
}

describe('a poor family', () => {
  it('is referred to Dinsos for PIP/KIP while the home visit goes ahead, and the case waits for the referral', async () => {
    const caseId = harness.newCaseId();
    harness.fake.scriptDinsos(caseId, {
      answer: { status: 'REGISTERED', noKk: '6408040101150003', decile: 2, programmes: ['PKH', 'BPNT'], pipCandidate: true },
    });
    const handle = await harness.openCase(aReport(), caseId);

    const both = await waitUntil(handle, (view) => openTaskOf(view, 'DINSOS_REFERRAL') !== undefined && openTaskOf(view, 'VISIT_SCHEDULING') !== undefined);
    expect(both.welfare).toEqual({ status: 'REGISTERED', decile: 2, pipCandidate: true });
    expect(openTaskOf(both, 'DINSOS_REFERRAL')).toMatchObject({ taskId: 'dinsos-referral-1', assignee: OFFICERS.DINSOS.FIELD_OFFICER });
    expect(harness.fake.task(caseId, 'dinsos-referral-1').input.context).toEqual({ decile: 2, programmes: ['PKH', 'BPNT'] });

    await complete(handle, 'VISIT_SCHEDULING', FORMS.visitScheduled);
    await complete(handle, 'VISIT_REPORT', FORMS.familyMetAndWilling);
    await complete(handle, 'ENROLMENT_CONFIRMATION', FORMS.enrolled);

    // The school roll is watched while the referral is still open.
    const enrolledButReferralOpen = await waitUntil(handle, (view) => view.stage === 'MONITORING');
    expect(enrolledButReferralOpen.outcome).toBeUndefined();
    expect(enrolledButReferralOpen.enrolment).toBeDefined();
    expect(openTaskOf(enrolledButReferralOpen, 'DINSOS_REFERRAL')).toBeDefined();

    await complete(handle, 'DINSOS_REFERRAL', { outcome: 'PIP_PROPOSED', note: 'Diusulkan lewat Dapodik.' });
    const final = await handle.result();
    expect(final).toMatchObject({ stage: 'CLOSED', outcome: 'RETAINED' });
    expect(final.tasks.every((task) => task.status === 'COMPLETED')).toBe(true);
    await harness.expectReplays(handle);
  });
});

describe('a family the field officer cannot find', () => {
  it('gets a second visit, then the coordinator decides; keeping on trying starts another round of visits', async () => {
    const handle = await harness.openCase();
    const caseId = handle.workflowId;

    await failVisit(handle);
    const secondTry = await waitUntil(handle, (view) => openTaskOf(view, 'VISIT_SCHEDULING') !== undefined && view.visitAttempts === 1);
    expect(openTaskOf(secondTry, 'VISIT_SCHEDULING')!.taskId).toBe('visit-scheduling-2');
    expect(harness.fake.task(caseId, 'visit-scheduling-2').input.context).toEqual({ attempt: 2 });

    await failVisit(handle);
    const deciding = await waitUntil(handle, (view) => openTaskOf(view, 'COORDINATOR_DECISION') !== undefined);
    expect(deciding).toMatchObject({ stage: 'AWAITING_DECISION', visitAttempts: 2 });
    expect(openTaskOf(deciding, 'COORDINATOR_DECISION')!.assignee).toEqual(OFFICERS.DISDIKBUD.COORDINATOR);
    expect(harness.fake.task(caseId, 'coordinator-decision-1').input.context).toEqual({ question: 'FAMILY_NOT_FOUND', visitAttempts: 2 });

    await complete(handle, 'COORDINATOR_DECISION', FORMS.keepTrying);
    const anotherRound = await waitUntil(handle, (view) => openTaskOf(view, 'VISIT_SCHEDULING') !== undefined && view.visitAttempts === 2);
    expect(anotherRound.stage).toBe('HOME_VISIT');
    expect(harness.fake.task(caseId, 'visit-scheduling-3').input.context).toEqual({ attempt: 3 });

    const final = await visitAndEnrol(handle);
    expect(final).toMatchObject({ outcome: 'RETAINED', visitAttempts: 3 });
  });

  it('is closed when the coordinator decides so, with the reason given', async () => {
    const handle = await harness.openCase();
    const caseId = handle.workflowId;
    await failVisit(handle);
    await failVisit(handle);

    await complete(handle, 'COORDINATOR_DECISION', FORMS.closeAsMoved);
    const final = await handle.result();

    expect(final).toMatchObject({ stage: 'CLOSED', outcome: 'CLOSED', closeReason: 'MOVED', visitAttempts: 2 });
    expect(final.enrolment).toBeUndefined();
    const closed = harness.fake.eventsOf(caseId).at(-1)!;
    expect(closed).toMatchObject({
      type: 'CASE_CLOSED',
      actor: { kind: 'OFFICER', id: 'disdik-koordinator' },
      data: { outcome: 'CLOSED', reason: 'MOVED' },
      snapshot: { stage: 'CLOSED', outcome: 'CLOSED', closeReason: 'MOVED' },
    });
  });
});

describe('a family that does not want the child back in school (yet)', () => {
  it('goes to the coordinator, who may send the officer back to persuade them', async () => {
    const caseId = harness.newCaseId();
    harness.fake.scriptDinsos(caseId, {
      answer: { status: 'REGISTERED', noKk: '6408040101150003', decile: 1, programmes: ['PKH'], pipCandidate: true },
    });
    const handle = await harness.openCase(aReport(), caseId);
    await complete(handle, 'VISIT_SCHEDULING', FORMS.visitScheduled);
    await complete(handle, 'VISIT_REPORT', FORMS.familyMetButUnwilling);

    const deciding = await waitUntil(handle, (view) => openTaskOf(view, 'COORDINATOR_DECISION') !== undefined);
    expect(deciding).toMatchObject({ stage: 'AWAITING_DECISION', visitAttempts: 1 });
    expect(harness.fake.task(caseId, 'coordinator-decision-1').input.context).toEqual({ question: 'FAMILY_UNWILLING', visitAttempts: 1 });

    await complete(handle, 'COORDINATOR_DECISION', FORMS.keepTrying);
    await waitUntil(handle, (view) => view.stage === 'HOME_VISIT' && openTaskOf(view, 'VISIT_SCHEDULING') !== undefined);

    await complete(handle, 'VISIT_SCHEDULING', FORMS.visitScheduled);
    await complete(handle, 'VISIT_REPORT', FORMS.familyMetButUnwilling);
    await complete(handle, 'COORDINATOR_DECISION', { decision: 'CLOSE', closeReason: 'REFUSED', note: 'Orang tua tetap menolak.' });

    const final = await handle.result();
    expect(final).toMatchObject({ outcome: 'CLOSED', closeReason: 'REFUSED' });
    // The Dinsos referral ran beside the visits and is cancelled with the case.
    expect(final.tasks.find((task) => task.type === 'DINSOS_REFERRAL')?.status).toBe('CANCELLED');
    await eventually(() => harness.fake.task(caseId, 'dinsos-referral-1').closed?.status === 'CANCELLED');
    await harness.expectReplays(handle);
  });
});
