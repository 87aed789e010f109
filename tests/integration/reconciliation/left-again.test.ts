import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KecamatanCounts } from '../../../domain/reconciliation.js';
import { witaDay } from '../../../domain/period.js';
import { identityKeys } from '../../../infra/case-identity.js';
import type { Person } from '../../../simulators/population.js';
import { enterOnSchoolRoll, startJourneyStack, type JourneyStack } from '../journeys/stack.js';
import { reconciliationActivitiesAt } from './outreach-night.js';

/**
 * A case closes once the child has stayed in school for months, but a child can still drop out later. The
 * nightly comparison treats a closed case as looking after the child only for what happened before it
 * closed: an exit the school roll dates after the close raises the child again.
 */
const KECAMATAN = '640804';
const DAY_MS = 86_400_000;
const SCHOOL = { name: 'SD Negeri 010 Sangatta Utara', npsn: '30401234' };

let stack: JourneyStack;

beforeAll(async () => {
  stack = await startJourneyStack({ inProcessWorker: false, simulators: { population: { households: 300, kecamatan: [KECAMATAN] } } });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

/** One night's comparison of the kecamatan, by the real activities: the roll staged, then every page of residents. */
async function night(runId: string, at: Date): Promise<Partial<KecamatanCounts>> {
  const activities = reconciliationActivitiesAt(stack, { at });
  const page = { runId, kecamatan: KECAMATAN, pageSize: 200 };
  let rollPage = 1;
  while (!(await activities.stageRollPage({ ...page, page: rollPage })).lastPage) rollPage += 1;
  const counts: Record<string, number> = {};
  for (let number = 1; ; number += 1) {
    const result = await activities.reconcileResidentPage({ ...page, page: number, autoStart: false });
    for (const [field, value] of Object.entries(result.counts)) counts[field] = (counts[field] ?? 0) + (value ?? 0);
    if (result.lastPage) return counts;
  }
}

/** The case the child had, closed as the workflow closes it once the child stayed in school. */
async function closedInSchool(child: Person, closedAt: Date): Promise<string> {
  const caseId = `ats-closed-${child.nik.slice(-6)}`;
  await stack.prisma.case.create({
    data: {
      id: caseId, stage: 'CLOSED', kecamatan: KECAMATAN, desa: child.desa, category: 'DO', outcome: 'RETAINED',
      enrolledNpsn: SCHOOL.npsn, enrolledSchoolName: SCHOOL.name, enrolledAt: new Date(closedAt.getTime() - 90 * DAY_MS),
      openedAt: new Date(closedAt.getTime() - 120 * DAY_MS), closedAt,
      child: {
        create: {
          fullName: child.fullName, nik: child.nik, birthDate: child.birthDate, sex: child.sex, kecamatan: KECAMATAN, desa: child.desa, address: 'Jl. Poros RT 1',
        },
      },
    },
  });
  const keys = identityKeys({ ...child, kecamatan: KECAMATAN }, stack.caseKeySecret);
  await stack.prisma.caseAlias.createMany({ data: keys.map((key) => ({ keyHash: key.hash, kind: key.kind, caseId })) });
  return caseId;
}

describe('A child whose case closed with them in school', () => {
  it('is raised again when the school roll shows them leaving after the close, and only once', { timeout: 180_000 }, async () => {
    const [leftLater, oldExitOnly] = stack.simulators.population.scenarios.droppedOut;
    const firstNight = new Date();

    // The first night raises both drop-outs; the coordinator starts a case for the first, and it closes as retained.
    const first = await night('night-1', firstNight);
    expect(first.newCandidates).toBe(stack.simulators.population.scenarios.droppedOut.length + stack.simulators.population.scenarios.outOfSchool.length);
    const closedAt = new Date(firstNight.getTime() + 100 * DAY_MS);
    for (const child of [leftLater!, oldExitOnly!]) {
      const caseId = await closedInSchool(child, closedAt);
      await stack.prisma.reconciliationCandidate.updateMany({ where: { nik: child.nik }, data: { status: 'CASE_STARTED', caseId, decidedAt: firstNight } });
    }

    // Weeks after the close, one of them stops going to school; the other's roll still holds only the old dropout.
    const exitDate = witaDay(new Date(closedAt.getTime() + 20 * DAY_MS));
    await enterOnSchoolRoll(stack, leftLater!, SCHOOL, { exitType: 'DO', exitDate });
    const later = new Date(closedAt.getTime() + 30 * DAY_MS);
    const second = await night('night-2', later);
    expect(second).toMatchObject({ newCandidates: 1, alreadyInCase: 1 });

    const raised = await stack.prisma.reconciliationCandidate.findMany({ where: { nik: leftLater!.nik }, orderBy: { raisedAt: 'asc' } });
    expect(raised.map((c) => [c.raisedInRun, c.status, c.reason, c.openNikHash === null])).toEqual([
      ['night-1', 'CASE_STARTED', 'LEFT_SCHOOL', true],
      ['night-2', 'OPEN', 'LEFT_SCHOOL', false],
    ]);
    expect(raised[1]!.lastSchool).toMatchObject({ npsn: SCHOOL.npsn, exitType: 'DO', exitDate });
    expect(await stack.prisma.reconciliationCandidate.count({ where: { nik: oldExitOnly!.nik } })).toBe(1);

    // The next night the child stands as a candidate already; a dismissal after the close holds as any other.
    const third = await night('night-3', new Date(later.getTime() + DAY_MS));
    expect(third).toMatchObject({ newCandidates: 0, alreadyRaised: second.alreadyRaised! + 1, alreadyInCase: 1 });
    await stack.prisma.reconciliationCandidate.update({
      where: { id: raised[1]!.id },
      data: { status: 'DISMISSED', openNikHash: null, dismissReason: 'MOVED_AWAY', decidedAt: later, dismissedUntil: new Date(later.getTime() + 365 * DAY_MS) },
    });
    const fourth = await night('night-4', new Date(later.getTime() + 2 * DAY_MS));
    expect(fourth).toMatchObject({ newCandidates: 0, dismissed: 1, alreadyRaised: second.alreadyRaised, alreadyInCase: 1 });
  });
});
