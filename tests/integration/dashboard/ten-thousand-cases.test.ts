import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseExportStream } from '../../../api/cases/case-export.js';
import { dashboardFigures } from '../../../api/dashboard/dashboard-service.js';
import { CASE_STAGES } from '../../../domain/case.js';
import { KECAMATAN_CODES } from '../../../domain/kecamatan.js';
import type { PrismaClient } from '../../../generated/prisma/client.js';
import { officerIds } from '../../../infra/seed.js';
import { startApiTestbed, type ApiTestbed } from '../api/testbed.js';

/**
 * A district's year: 10,000 cases over 18 kecamatan, each with an open or finished task. The CSV
 * export streams them without holding them, and the dashboard's figures come from a few aggregate
 * queries.
 */
const CASES = 10_000;
const DAY = 86_400_000;
const start = Date.parse('2026-01-01T00:00:00Z');

/** Cases at these stages have had their home visit. */
const visited = (stage: string) => stage === 'AWAITING_ENROLMENT' || stage === 'MONITORING' || stage === 'CLOSED';

/** A closed case's columns; one closed as enrolled was enrolled when it closed. */
function closedAs(outcome: 'ENROLLED' | 'CLOSED', closedAt: Date) {
  return { outcome, closedAt, ...(outcome === 'ENROLLED' ? { enrolledAt: closedAt } : {}) };
}

let bed: ApiTestbed;

beforeAll(async () => {
  bed = await startApiTestbed({ worker: false });
  const cases = Array.from({ length: CASES }, (_, i) => {
    const kecamatan = KECAMATAN_CODES[i % KECAMATAN_CODES.length]!;
    const stage = CASE_STAGES[i % CASE_STAGES.length]!;
    const openedAt = new Date(start + (i % 330) * DAY + i * 1000);
    return {
      id: `ats-vol-${String(i).padStart(5, '0')}`, kecamatan, stage, desa: 'Desa Uji', category: ['DO', 'LTM', 'BPB'][i % 3]!,
      overdue: stage !== 'CLOSED' && i % 7 === 0, openedAt,
      ...(stage === 'CLOSED' ? closedAs(i % 2 === 0 ? 'ENROLLED' : 'CLOSED', new Date(openedAt.getTime() + (10 + (i % 30)) * DAY)) : {}),
      ...(stage === 'MONITORING' ? { enrolledAt: new Date(openedAt.getTime() + 12 * DAY) } : {}),
    };
  });
  for (let i = 0; i < CASES; i += 2000) {
    const batch = cases.slice(i, i + 2000);
    await bed.prisma.case.createMany({ data: batch });
    await bed.prisma.child.createMany({
      data: batch.map((c, j) => ({
        caseId: c.id, fullName: `Anak Uji ${i + j}`, nik: `${c.kecamatan}0101${String(10 + ((i + j) % 90))}${String(((i + j) % 9999) + 1).padStart(4, '0')}`,
        birthDate: '2012-01-01', sex: j % 2 ? 'L' : 'P', kecamatan: c.kecamatan, desa: c.desa, address: 'Jl. Uji',
      })),
    });
    await bed.prisma.task.createMany({
      data: batch.map((c) => ({
        caseId: c.id, taskId: 'visit-report-1', type: 'VISIT_REPORT', status: visited(c.stage) ? 'COMPLETED' : 'OPEN',
        assigneeId: officerIds.fieldOfficer(c.kecamatan), kecamatan: c.kecamatan, openedAt: c.openedAt, dueAt: new Date(c.openedAt.getTime() + 7 * DAY),
        closedAt: visited(c.stage) ? new Date(c.openedAt.getTime() + 5 * DAY) : null, context: {},
      })),
    });
  }
  await bed.prisma.$executeRawUnsafe('ANALYZE');
}, 120_000);
afterAll(async () => bed?.close());

/** Counts the export's reads of the case table, to see how much of it is in hand at a time. */
function countingCaseReads(prisma: PrismaClient): { prisma: PrismaClient; reads: () => number } {
  let reads = 0;
  const cases = new Proxy(prisma.case, {
    get: (target, property, receiver) =>
      property === 'findMany'
        ? (...args: Parameters<typeof target.findMany>) => {
            reads += 1;
            return target.findMany(...args);
          }
        : Reflect.get(target, property, receiver),
  });
  const wrapped = new Proxy(prisma, { get: (target, property, receiver) => (property === 'case' ? cases : Reflect.get(target, property, receiver)) });
  return { prisma: wrapped, reads: () => reads };
}

describe('ten thousand cases', () => {
  it('export as CSV a batch at a time: the first rows leave before the rest are read', async () => {
    const { prisma, reads } = countingCaseReads(bed.prisma);
    const stream = caseExportStream(prisma, {}, { kind: 'API_KEY', id: 'uji-ekspor', scope: [], role: 'COORDINATOR' });
    const first = await new Promise<Buffer>((resolve) => stream.once('data', resolve));
    expect(first.length).toBeGreaterThan(0);
    expect(reads()).toBe(1);
    let bytes = first.length;
    for await (const chunk of stream) bytes += (chunk as Buffer).length;
    expect(reads()).toBe(CASES / 500 + 1);
    expect(bytes).toBeGreaterThan(CASES * 50);
  });

  it('stop reading the cases when the download is abandoned', async () => {
    const { prisma, reads } = countingCaseReads(bed.prisma);
    const stream = caseExportStream(prisma, {}, { kind: 'API_KEY', id: 'uji-ekspor', scope: [], role: 'COORDINATOR' });
    await new Promise((resolve) => stream.once('data', resolve));
    stream.destroy();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(reads()).toBeLessThanOrEqual(2);
  });

  it('download whole over HTTP, every case once, newest first', async () => {
    await bed.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(bed.app.server.address() as AddressInfo).port}/api/v1/cases/export.csv`;
    const key = await bed.keyFor('COORDINATOR');
    const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(CASES);
    expect(new Set(rows.map((row) => row['Nomor kasus'])).size).toBe(CASES);
    expect(rows[0]!['Nomor kasus']).toBe('ats-vol-09899');
    expect(rows.every((row) => /^6408•{10}\d\d$/.test(row.NIK!))).toBe(true);
    // Every case taken away is in the access log, under the key that took it.
    const logged = await bed.prisma.caseAccess.count({ where: { action: 'LIST_EXPORT', principalKind: 'API_KEY', NOT: { principalId: 'uji-ekspor' } } });
    expect(logged).toBe(CASES);
  });

  it('give the dashboard’s figures in a few aggregate queries', async () => {
    const figures = await dashboardFigures(bed.prisma, {}, { scope: [] });
    expect(figures.totals.cases).toBe(CASES);
    expect(figures.funnel.reduce((sum, stage) => sum + stage.cases, 0)).toBe(CASES);
    const visitedCases = Array.from({ length: CASES }, (_, i) => CASE_STAGES[i % CASE_STAGES.length]!).filter(visited).length;
    expect(figures.reportToHomeVisit).toEqual({ days: 5, cases: visitedCases });
    const filtered = await dashboardFigures(bed.prisma, { kecamatan: '640804', category: 'DO', from: '2026-03-01', to: '2026-06-30' }, { scope: [] });
    const witaDay = (i: number) => new Date(start + (i % 330) * DAY + i * 1000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const expected = Array.from({ length: CASES }, (_, i) => i).filter(
      (i) => KECAMATAN_CODES[i % KECAMATAN_CODES.length] === '640804' && i % 3 === 0 && witaDay(i) >= '2026-03-01' && witaDay(i) <= '2026-06-30',
    ).length;
    expect(expected).toBeGreaterThan(0);
    expect(filtered.totals.cases).toBe(expected);
  });
});
