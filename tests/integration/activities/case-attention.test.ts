import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseHealthReport } from '../../../api/health/case-health-service.js';
import { dashboardFigures } from '../../../api/dashboard/dashboard-service.js';
import type { PrismaClient } from '../../../generated/prisma/client.js';
import { activitiesFor, activityDatabase, addOfficers, childIn, emailOf, mailDomain, mailTo, newCaseId, openCase, SANGATTA_UTARA } from './support.js';

const SINCE = Date.parse('2026-12-07T01:00:00Z');
const ADMIN_EMAIL = `admin@${mailDomain}`;

let db: Awaited<ReturnType<typeof activityDatabase>>;
let prisma: PrismaClient;
let activities: ReturnType<typeof activitiesFor>;

beforeAll(async () => {
  db = await activityDatabase();
  prisma = db.prisma;
  activities = activitiesFor(prisma);
  await prisma.staffUser.create({ data: { email: ADMIN_EMAIL, name: 'Admin Disdikbud', role: 'ADMIN', scope: [], passwordHash: 'not-used-here' } });
  await addOfficers(prisma, [{ id: 'coordinator-sangatta-utara', name: 'Irwan Syahputra', agency: 'DISDIKBUD', role: 'COORDINATOR', kecamatan: SANGATTA_UTARA }]);
});
afterAll(() => db.close());

/** As Temporal runs the activity: a retryable failure is tried again. */
async function withRetries(call: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ApplicationFailure) || error.nonRetryable || attempt === 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

async function stalledCases(n: number): Promise<string[]> {
  const caseIds = Array.from({ length: n }, () => newCaseId());
  for (const caseId of caseIds) await openCase(activities, caseId, childIn(SANGATTA_UTARA, 'Swarga Bara'));
  return caseIds;
}

function mentions(messages: { text: string }[], caseId: string): number {
  return messages.filter((message) => message.text.includes(caseId)).length;
}

describe('cases held up by a fault of the system', () => {
  it('that stall together (thirty at once) reach the admin and the kecamatan coordinator in digests that name every case once, and stay listed until they move again', async () => {
    const caseIds = await stalledCases(30);
    // The cases' alerts fall due within moments of each other, as their workflows' timers fire.
    const jitter = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 100));
    await Promise.all(
      caseIds.map(async (caseId) => {
        await jitter();
        await withRetries(() => activities.reportCaseNeedsAttention({ caseId, reason: 'NoOfficerAvailable', since: SINCE }));
      }),
    );
    // A retried alert (a worker restart) tells nobody again.
    await withRetries(() => activities.reportCaseNeedsAttention({ caseId: caseIds[0]!, reason: 'NoOfficerAvailable', since: SINCE }));

    for (const address of [ADMIN_EMAIL, emailOf('coordinator-sangatta-utara')]) {
      const digests = await mailTo(address);
      expect(digests.length).toBeGreaterThanOrEqual(1);
      expect(digests.length).toBeLessThanOrEqual(caseIds.length);
      for (const caseId of caseIds) expect(mentions(digests, caseId)).toBe(1);
      expect(digests[0]!.subject).toMatch(/kasus di Kecamatan Sangatta Utara tertahan oleh gangguan sistem/);
      expect(digests[0]!.text).toContain('tidak ada petugas aktif di direktori');
      expect(digests[0]!.text).not.toContain('Budi Santoso');
    }

    const health = await caseHealthReport(prisma);
    expect(health.byKind.find((k) => k.kind === 'WAITING_ON_SYSTEM')?.open).toBe(30);
    expect(health.violations.filter((v) => v.kind === 'WAITING_ON_SYSTEM').map((v) => v.caseId).sort()).toEqual([...caseIds].sort());
    expect(health.violations.every((v) => v.notifiedAt !== null && v.repair === null)).toBe(true);
    expect((await dashboardFigures(prisma, {}, { scope: [] })).caseHealth).toEqual({ cases: 30, violations: 30 });

    await activities.clearCaseNeedsAttention({ caseId: caseIds[0]! });
    const after = await caseHealthReport(prisma);
    expect(after.violations.map((v) => v.caseId)).not.toContain(caseIds[0]);
    expect(after.byKind.find((k) => k.kind === 'WAITING_ON_SYSTEM')?.open).toBe(29);
    await activities.clearCaseNeedsAttention({ caseId: caseIds[0]! });
  });

  it('is listed even where nobody can be told yet: the watchdog’s email reaches the first admin there will be', async () => {
    await prisma.staffUser.updateMany({ data: { disabledAt: new Date() } });
    await prisma.officer.updateMany({ data: { active: false } });
    try {
      const [caseId] = await stalledCases(1);
      await activities.reportCaseNeedsAttention({ caseId: caseId!, reason: 'Error', since: SINCE });
      const violation = await prisma.caseHealthViolation.findFirstOrThrow({ where: { caseId: caseId!, resolvedAt: null } });
      expect(violation).toMatchObject({ kind: 'WAITING_ON_SYSTEM', notifiedAt: null, detail: { reason: 'Error' } });
      expect(await mailTo(ADMIN_EMAIL).then((messages) => mentions(messages, caseId!))).toBe(0);
    } finally {
      await prisma.staffUser.updateMany({ data: { disabledAt: null } });
      await prisma.officer.updateMany({ data: { active: true } });
    }
  });
});
