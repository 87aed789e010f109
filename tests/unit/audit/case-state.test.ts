import { describe, expect, it } from 'vitest';
import { caseStateAfter, caseStates, type RecordedCaseEvent } from '../../../domain/case-state.js';

/** A case's audit events as the workflow writes them (see the c.record calls in workflows/). */
function events(run = 'run-1', from = 1, start = Date.parse('2026-12-01T01:00:00Z')) {
  let sequence = from - 1;
  const list: RecordedCaseEvent[] = [];
  const add = (type: string, data: Record<string, unknown> = {}, actor = { kind: 'SYSTEM', id: 'workflow' }) => {
    sequence += 1;
    list.push({ sequence, eventId: `${run}/${sequence - from + 1}`, type, actor, occurredAt: new Date(start + sequence * 60_000).toISOString(), data });
    return sequence;
  };
  return { list, add };
}

describe('the case at a point in time', () => {
  const { list, add } = events();
  const opened = add('CASE_OPENED', { category: 'DO' }, { kind: 'STAFF', id: 'key-1' });
  add('IDENTITY_CONFIRMED', { identityStatus: 'CONFIRMED' });
  add('STAGE_CHANGED', { from: 'VERIFYING_IDENTITY', to: 'CHECKING_WELFARE' });
  add('WELFARE_CHECKED', { status: 'REGISTERED', decile: 2, pipCandidate: true });
  add('STAGE_CHANGED', { from: 'CHECKING_WELFARE', to: 'HOME_VISIT' });
  const visitOpened = add('TASK_OPENED', { taskId: 'visit-scheduling-1', type: 'VISIT_SCHEDULING', assigneeOfficerId: 'fo-1', dueAt: '2026-12-04T09:00:00.000Z' });
  add('TASK_OPENED', { taskId: 'dinsos-referral-1', type: 'DINSOS_REFERRAL', assigneeOfficerId: 'dinsos-1', dueAt: '2026-12-03T09:00:00.000Z' });
  const escalated = add('TASK_ESCALATED', { taskId: 'visit-scheduling-1', type: 'VISIT_SCHEDULING', level: 1, to: 'SUPERVISOR', recipientOfficerId: 'sup-1' });
  const declined = add('TASK_DECLINED', { taskId: 'visit-scheduling-1', type: 'VISIT_SCHEDULING', fromOfficerId: 'fo-1', toOfficerId: 'sup-1', reason: 'Cuti', dueAt: '2026-12-04T09:00:00.000Z' }, { kind: 'OFFICER', id: 'fo-1' });
  const reassigned = add('TASK_REASSIGNED', { taskId: 'visit-scheduling-1', type: 'VISIT_SCHEDULING', fromOfficerId: 'sup-1', toOfficerId: 'fo-2', reason: 'Diganti', dueAt: '2026-12-09T09:00:00.000Z' }, { kind: 'OFFICER', id: 'sup-1' });
  add('TASK_COMPLETED', { taskId: 'dinsos-referral-1', type: 'DINSOS_REFERRAL' }, { kind: 'OFFICER', id: 'dinsos-1' });
  add('TASK_CANCELLED', { taskId: 'visit-scheduling-1', type: 'VISIT_SCHEDULING' }, { kind: 'STAFF', id: 'key-1' });
  add('STAGE_CHANGED', { from: 'HOME_VISIT', to: 'CLOSED' }, { kind: 'STAFF', id: 'key-1' });
  const closed = add('CASE_CLOSED', { outcome: 'CLOSED', reason: 'MOVED', note: 'Pindah' }, { kind: 'STAFF', id: 'key-1' });

  it('starts where every case starts, verifying identity, with nothing open', () => {
    expect(caseStateAfter(list, opened)).toMatchObject({ stage: 'VERIFYING_IDENTITY', run: 1, reportCount: 1, openTasks: [], overdue: false });
  });

  it('shows each open task with its holder and due date, and the earliest due date', () => {
    const state = caseStateAfter(list, visitOpened + 1)!;
    expect(state.stage).toBe('HOME_VISIT');
    expect(state.welfare).toEqual({ status: 'REGISTERED', decile: 2, pipCandidate: true });
    expect(state.openTasks.map((task) => [task.taskId, task.assigneeOfficerId, task.dueAt])).toEqual([
      ['visit-scheduling-1', 'fo-1', '2026-12-04T09:00:00.000Z'],
      ['dinsos-referral-1', 'dinsos-1', '2026-12-03T09:00:00.000Z'],
    ]);
    expect(state.nextDueAt).toBe('2026-12-03T09:00:00.000Z');
  });

  it('follows a late task up the ladder, to the supervisor on a decline, and afresh to a new officer on a reassignment', () => {
    expect(caseStateAfter(list, escalated)!.openTasks[0]).toMatchObject({ overdue: true, escalationLevel: 1, assigneeOfficerId: 'fo-1' });
    expect(caseStateAfter(list, escalated)!.overdue).toBe(true);
    expect(caseStateAfter(list, declined)!.openTasks[0]).toMatchObject({ assigneeOfficerId: 'sup-1', awaitingReassignment: true, dueAt: '2026-12-04T09:00:00.000Z' });
    expect(caseStateAfter(list, reassigned)!.openTasks[0]).toMatchObject({
      assigneeOfficerId: 'fo-2', awaitingReassignment: false, overdue: false, escalationLevel: 0, dueAt: '2026-12-09T09:00:00.000Z',
    });
  });

  it('ends closed, with the reason and every task closed', () => {
    const state = caseStateAfter(list, closed)!;
    expect(state).toMatchObject({ stage: 'CLOSED', outcome: 'CLOSED', closeReason: 'MOVED', openTasks: [], overdue: false });
    expect(state.closedAt).toBe(list.at(-1)!.occurredAt);
    expect(state.tasks.map((task) => task.status)).toEqual(['CANCELLED', 'COMPLETED']);
    expect(state.nextDueAt).toBeUndefined();
  });

  it('does not let a later event change an earlier point, and knows no point that is not there', () => {
    const states = caseStates(list);
    expect(states).toHaveLength(list.length);
    expect(states[visitOpened - 1]!.openTasks[0]!.assigneeOfficerId).toBe('fo-1');
    expect(caseStateAfter(list, 999)).toBeUndefined();
    expect(caseStateAfter([...list].reverse(), visitOpened)!.stage).toBe('HOME_VISIT');
  });

  it('starts a new run when a closed case is reported again', () => {
    const reopened = events('run-2', list.length + 1, Date.parse('2026-12-20T01:00:00Z'));
    const again = reopened.add('CASE_OPENED', { category: 'DO' }, { kind: 'STAFF', id: 'key-1' });
    const state = caseStateAfter([...list, ...reopened.list], again)!;
    expect(state).toMatchObject({ run: 2, reportCount: 2, stage: 'VERIFYING_IDENTITY', tasks: [], openedAt: reopened.list[0]!.occurredAt });
    expect(state.outcome).toBeUndefined();
    expect(state.closedAt).toBeUndefined();
  });
});
