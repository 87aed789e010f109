import { describe, expect, it } from 'vitest';
import { defaultRepair, HEALTH_GRACE_MS, judgeCase, nextRollCheck, type CaseObservation } from '../../../domain/case-health.js';

const now = new Date('2026-12-07T04:00:00Z');
const anHourAgo = new Date(now.getTime() - 3_600_000);
const aMinuteAgo = new Date(now.getTime() - 60_000);

function observed(overrides: Partial<CaseObservation> = {}): CaseObservation {
  return {
    caseId: 'ats-aaaaaaaaaaaaaaaaaaaa',
    stage: 'HOME_VISIT',
    kecamatan: '640804',
    updatedAt: anHourAgo,
    workflow: { status: 'RUNNING', runId: 'run-1' },
    openTasks: [{ taskId: 'visit-scheduling-1', type: 'VISIT_SCHEDULING', assigneeId: 'disdik-fo-640804', assigneeActive: true, dueAt: new Date('2026-12-10T09:00:00Z') }],
    coordinatorCovers: true,
    ...overrides,
  };
}

const kinds = (o: CaseObservation, at = now) => judgeCase(o, at).map((f) => f.kind);

describe('A healthy open case', () => {
  it('has a running workflow and an open task held by an active officer', () => {
    expect(judgeCase(observed(), now)).toEqual([]);
  });

  it('may have no task while it waits on the system, owned by the kecamatan coordinator until its next attempt or roll check', () => {
    expect(kinds(observed({ stage: 'VERIFYING_IDENTITY', openTasks: [], nextWakeAt: new Date(now.getTime() + 600_000) }))).toEqual([]);
    expect(kinds(observed({ stage: 'MONITORING', openTasks: [], nextWakeAt: new Date('2027-01-06T00:00:00Z') }))).toEqual([]);
  });

  it('may show neither task nor deadline for a moment while the workflow is at work', () => {
    expect(kinds(observed({ stage: 'CHECKING_WELFARE', openTasks: [], inMotion: true }))).toEqual([]);
    expect(kinds(observed({ stage: 'CHECKING_WELFARE', openTasks: [], updatedAt: aMinuteAgo }))).toEqual([]);
  });
});

describe('A case that has slipped through', () => {
  it('is named by what became of its workflow, and nothing else is judged until that is repaired', () => {
    const inactive = [{ taskId: 't', type: 'VISIT_REPORT', assigneeId: 'gone', assigneeActive: false, dueAt: now }];
    expect(kinds(observed({ workflow: { status: 'FAILED', runId: 'r' }, openTasks: inactive }))).toEqual(['WORKFLOW_FAILED']);
    expect(kinds(observed({ workflow: { status: 'TERMINATED', runId: 'r' } }))).toEqual(['WORKFLOW_TERMINATED']);
    expect(kinds(observed({ workflow: { status: 'TIMED_OUT', runId: 'r' } }))).toEqual(['WORKFLOW_ENDED']);
    expect(kinds(observed({ workflow: { status: 'COMPLETED', runId: 'r' } }))).toEqual(['WORKFLOW_ENDED']);
    expect(kinds(observed({ workflow: { status: 'MISSING' } }))).toEqual(['WORKFLOW_MISSING']);
  });

  it('without a workflow is given the grace of a case the intake listed a moment before starting it', () => {
    expect(kinds(observed({ workflow: { status: 'MISSING' }, updatedAt: aMinuteAgo }))).toEqual([]);
    expect(kinds(observed({ workflow: { status: 'MISSING' }, updatedAt: new Date(now.getTime() - HEALTH_GRACE_MS) }))).toEqual(['WORKFLOW_MISSING']);
  });

  it('has a finding for each open task whose officer is no longer active', () => {
    const findings = judgeCase(observed({
      openTasks: [
        { taskId: 'visit-report-1', type: 'VISIT_REPORT', assigneeId: 'disdik-fo-640804', assigneeActive: false, dueAt: now },
        { taskId: 'dinsos-referral-1', type: 'DINSOS_REFERRAL', assigneeId: 'dinsos-fo', assigneeActive: true, dueAt: now },
      ],
    }), now);
    expect(findings).toEqual([{ kind: 'TASK_WITHOUT_ASSIGNEE', subject: 'visit-report-1', detail: { taskId: 'visit-report-1', type: 'VISIT_REPORT', officerId: 'disdik-fo-640804' } }]);
  });

  it('waiting on the system with no active coordinator for its kecamatan has no owner', () => {
    expect(kinds(observed({ openTasks: [], coordinatorCovers: false, nextWakeAt: now }))).toEqual(['NO_OWNER']);
  });

  it('with no task, nothing to wait for and nothing under way has no deadline', () => {
    expect(kinds(observed({ stage: 'MONITORING', openTasks: [] }))).toEqual(['NO_DEADLINE']);
    expect(kinds(observed({ stage: 'MONITORING', openTasks: [], coordinatorCovers: false }))).toEqual(['NO_OWNER', 'NO_DEADLINE']);
  });
});

describe('Repairs', () => {
  it('reset a run Temporal still has, restart a case it has not, and hand an orphaned task on; the rest is for a person', () => {
    expect(defaultRepair('WORKFLOW_FAILED', true)).toBe('RESET');
    expect(defaultRepair('WORKFLOW_TERMINATED', false)).toBe('RESTART');
    expect(defaultRepair('WORKFLOW_MISSING', false)).toBe('RESTART');
    expect(defaultRepair('TASK_WITHOUT_ASSIGNEE', true)).toBe('REASSIGN');
    expect(defaultRepair('NO_OWNER', true)).toBeUndefined();
    expect(defaultRepair('NO_DEADLINE', true)).toBeUndefined();
  });
});

describe('The next roll check of a monitored case', () => {
  const confirmed = { type: 'ENROLMENT_CONFIRMED', data: { checksDueAt: ['2027-01-06T00:00:00.000Z', '2027-03-07T00:00:00.000Z'] } };
  it('is the first planned check not yet done', () => {
    expect(nextRollCheck([confirmed])).toEqual(new Date('2027-01-06T00:00:00.000Z'));
    expect(nextRollCheck([confirmed, { type: 'SCHOOL_ROLL_CHECKED', data: {} }])).toEqual(new Date('2027-03-07T00:00:00.000Z'));
  });
  it('is none once every check is done, and starts over with a later enrolment', () => {
    const done = [confirmed, { type: 'SCHOOL_ROLL_CHECKED', data: {} }, { type: 'SCHOOL_ROLL_CHECKED', data: {} }];
    expect(nextRollCheck(done)).toBeUndefined();
    expect(nextRollCheck([...done, { type: 'ENROLMENT_CONFIRMED', data: { checksDueAt: ['2027-06-01T00:00:00.000Z'] } }])).toEqual(new Date('2027-06-01T00:00:00.000Z'));
  });
});
