import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOfficerDirectory } from '../../../infra/seed.js';
import type { Person } from '../../../simulators/population.js';
import { eventually, reportOf, startJourneyStack, type JourneyStack } from './stack.js';

/**
 * A new deployment, before the admin has entered the officers: coordinators already send reports. No
 * case may be lost for the empty directory. Each waits, visibly, on the system, and carries on by
 * itself once the directory is filled.
 */
let stack: JourneyStack;

beforeAll(async () => {
  stack = await startJourneyStack({ seedOfficers: false });
});
afterAll(async () => {
  await stack?.close();
});

const REPORTS = 24;

function distinctChildren(n: number): Person[] {
  const picked: Person[] = [];
  const used = new Set<string>();
  for (let i = 0; i < n; i++) {
    const child = stack.simulators.population.findChild((p) => !used.has(p.nik));
    if (!child) throw new Error('no child left in the population');
    used.add(child.nik);
    picked.push(child);
  }
  return picked;
}

describe('A district whose officer directory is still empty', () => {
  const caseIds: string[] = [];

  it('takes two dozen reports sent at once, and every case waits on the system instead of failing', async () => {
    const answers = await Promise.all(distinctChildren(REPORTS).map((child) => stack.coordinator.reportChild(reportOf(child))));
    expect(answers.map((a) => a.status)).toEqual(Array(REPORTS).fill(201));
    caseIds.push(...answers.map((a) => a.body.caseId));
    expect(new Set(caseIds).size).toBe(REPORTS);

    for (const caseId of caseIds) {
      const held = await stack.coordinator.waitForCase(caseId, (d) => d.waitingFor?.registry === 'SYSTEM', `${caseId} to wait on the system`, 90_000);
      expect(held.waitingFor).toMatchObject({ registry: 'SYSTEM', reason: 'NoOfficerAvailable' });
      expect(held.stage).not.toBe('CLOSED');
    }
    const statuses = await Promise.all(caseIds.map(async (caseId) => (await stack.temporal.workflow.getHandle(caseId).describe()).status.name));
    expect(statuses).toEqual(Array(REPORTS).fill('RUNNING'));
    const timeline = await stack.coordinator.timeline(caseIds[0]!);
    expect(timeline.find((entry) => entry.type === 'SYSTEM_FAULT')?.text).toMatch(/tertahan: tidak ada petugas aktif di direktori/);
  });

  it('carries every case on to its first task, with its email, once the admin has filled the directory', async () => {
    await seedOfficerDirectory(stack.prisma);
    for (const caseId of caseIds) {
      const moving = await stack.coordinator.waitForCase(
        caseId, (d) => d.waitingFor === undefined && d.tasks.some((t) => t.status === 'OPEN'), `${caseId} to open its first task`, 120_000,
      );
      // A poor family's case also opens the education-aid referral beside the home visit.
      for (const task of moving.tasks.filter((t) => t.status === 'OPEN')) expect(task.assignee.officerId).toBeTruthy();
    }
    const sent = await eventually(async () => {
      const logged = await stack.prisma.emailLog.findMany({ where: { caseId: { in: caseIds }, kind: 'ASSIGNED', status: 'SENT' } });
      return new Set(logged.map((l) => l.caseId)).size === REPORTS ? logged : undefined;
    }, 'every first task email', 60_000);
    const delivered = new Set(stack.sink.messages().map((m) => m.messageId));
    expect(sent.every((l) => delivered.has(l.messageId))).toBe(true);
  });
});
