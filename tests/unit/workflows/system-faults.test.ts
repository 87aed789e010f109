import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aReport, CaseHarness, eventually, openTaskOf, waitUntil } from './case-harness.js';

let harness: CaseHarness;
beforeAll(async () => {
  harness = await CaseHarness.start();
});
afterAll(async () => {
  await harness.stop();
});

describe('a fault of our own system', () => {
  it('holds the case, visibly and without failing it, until the officer directory covers its kecamatan, and asks for a person past fifteen minutes', async () => {
    const caseId = harness.newCaseId();
    // The directory has nobody for the home visit: the first six tries (over about fifteen minutes) find no officer.
    harness.fake.failSystem(caseId, 'openTask', { failures: 6, type: 'NoOfficerAvailable' });
    const handle = await harness.openCase(aReport(), caseId);

    const held = await waitUntil(handle, (view) => view.waitingFor !== undefined);
    expect(held).toMatchObject({ stage: 'HOME_VISIT', waitingFor: { registry: 'SYSTEM', reason: 'NoOfficerAvailable', failedAttempts: 1 } });
    expect(Date.parse(held.waitingFor!.nextAttemptAt) - Date.parse(held.waitingFor!.since)).toBe(30_000);
    await eventually(() => harness.fake.eventTypesOf(caseId).includes('SYSTEM_FAULT'));
    expect(harness.fake.eventsOf(caseId).find((event) => event.type === 'SYSTEM_FAULT')?.data).toEqual({ reason: 'NoOfficerAvailable' });
    expect(harness.fake.attentionOf(caseId)).toEqual([]);

    await harness.env.sleep('16 minutes');
    const stillHeld = await waitUntil(handle, (view) => (view.waitingFor?.failedAttempts ?? 0) >= 6);
    expect(stillHeld.waitingFor!.since).toBe(held.waitingFor!.since);
    await eventually(() => harness.fake.attentionOf(caseId).length === 1);
    expect(harness.fake.attentionReportsOf(caseId)).toEqual([{ caseId, reason: 'NoOfficerAvailable', since: Date.parse(held.waitingFor!.since) }]);

    await harness.env.sleep('15 minutes');
    const moving = await waitUntil(handle, (view) => openTaskOf(view, 'VISIT_SCHEDULING') !== undefined);
    expect(moving.waitingFor).toBeUndefined();
    await eventually(() => harness.fake.attentionOf(caseId).length === 2);
    expect(harness.fake.attentionOf(caseId)).toEqual(['REPORTED', 'CLEARED']);
    expect(harness.fake.eventTypesOf(caseId).filter((type) => type === 'SYSTEM_FAULT')).toHaveLength(1);
    expect(harness.fake.emailsOf(caseId).map((email) => email.kind)).toEqual(['ASSIGNED']);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await harness.expectReplays(handle);
  });

  it('that clears within minutes troubles nobody: a bug in the task email shows as SYSTEM with its code, then the email goes', async () => {
    const caseId = harness.newCaseId();
    // A plain error in the activity: five attempts fail, the case's second try succeeds.
    harness.fake.failSystem(caseId, 'sendTaskEmail', { failures: 5, type: 'Error', retryable: true });
    const handle = await harness.openCase(aReport(), caseId);

    const held = await waitUntil(handle, (view) => view.waitingFor !== undefined, 60_000);
    expect(held).toMatchObject({ stage: 'HOME_VISIT', waitingFor: { registry: 'SYSTEM', reason: 'Error', failedAttempts: 1 } });
    expect(openTaskOf(held, 'VISIT_SCHEDULING')).toBeDefined();

    await harness.env.sleep('1 minute');
    await waitUntil(handle, (view) => view.waitingFor === undefined);
    await eventually(() => harness.fake.emailsOf(caseId).length === 1);
    expect(harness.fake.attentionOf(caseId)).toEqual([]);
    await harness.expectReplays(handle);
  });

  it('leaves a bounced address to the ladder, as before: the case never waits on the SYSTEM for it', async () => {
    const caseId = harness.newCaseId();
    harness.fake.bounceEmailsTo(caseId, 'disdik-lapangan');
    const handle = await harness.openCase(aReport(), caseId);

    await eventually(() => harness.fake.eventTypesOf(caseId).includes('EMAIL_UNDELIVERABLE'));
    const view = await waitUntil(handle, (v) => openTaskOf(v, 'VISIT_SCHEDULING') !== undefined);
    expect(view.waitingFor).toBeUndefined();
    expect(harness.fake.eventTypesOf(caseId)).not.toContain('SYSTEM_FAULT');
  });
});
