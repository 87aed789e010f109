import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseStage } from '../../../domain/case.js';
import { startApiTestbed, type ApiTestbed } from './testbed.js';

let bed: ApiTestbed;
let coordinator: string;
let sangkulirangOnly: string;

/** The read model as the workflows leave it: 24 cases in Sangatta Utara, 3 in Sangkulirang, one opened per hour. */
const STAGES: CaseStage[] = ['VERIFYING_IDENTITY', 'HOME_VISIT', 'AWAITING_ENROLMENT', 'CLOSED'];
const firstOpened = Date.parse('2026-10-01T00:00:00Z');

beforeAll(async () => {
  bed = await startApiTestbed({ worker: false });
  coordinator = await bed.keyFor('COORDINATOR');
  sangkulirangOnly = await bed.keyFor('SUPERVISOR', ['640805']);
  await bed.prisma.case.createMany({
    data: Array.from({ length: 27 }, (_, i) => ({
      id: `ats-list-${String(i).padStart(2, '0')}`,
      stage: STAGES[i % STAGES.length]!,
      kecamatan: i < 24 ? '640804' : '640805',
      desa: i < 24 ? 'Singa Gembara' : 'Benua Baru',
      category: i % 3 === 0 ? 'BPB' : 'DO',
      overdue: i % 5 === 0,
      openedAt: new Date(firstOpened + i * 3600_000),
    })),
  });
});

afterAll(async () => {
  await bed?.close();
});

async function list(query: string, key = coordinator) {
  const response = await bed.app.inject({ url: `/api/v1/cases${query}`, headers: { authorization: `Bearer ${key}` } });
  return { status: response.statusCode, body: response.json() };
}

const ids = (items: { caseId: string }[]) => items.map((item) => item.caseId);

describe('a coordinator lists cases', () => {
  it('pages through every case, newest first, twenty at a time', async () => {
    const first = await list('');
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(27);
    expect(first.body.items).toHaveLength(20);
    expect(first.body.items[0]).toMatchObject({ caseId: 'ats-list-26', kecamatanName: 'Sangkulirang', openedAt: '2026-10-02T02:00:00.000Z' });
    expect(first.body.items[0]).not.toHaveProperty('child');

    const second = await list(`?cursor=${first.body.nextCursor}`);
    expect(second.body.nextCursor).toBeNull();
    expect([...ids(first.body.items), ...ids(second.body.items)]).toEqual(
      Array.from({ length: 27 }, (_, i) => `ats-list-${String(26 - i).padStart(2, '0')}`),
    );
  });

  it('filters by stage, kecamatan, category and overdue together', async () => {
    const overdueVisits = await list('?stage=HOME_VISIT&overdue=true&limit=100');
    expect(ids(overdueVisits.body.items)).toEqual(['ats-list-25', 'ats-list-05']);
    expect(overdueVisits.body.total).toBe(2);

    const bpbInSangatta = await list('?kecamatan=640804&category=BPB&limit=3');
    expect(bpbInSangatta.body.total).toBe(8);
    expect(ids(bpbInSangatta.body.items)).toEqual(['ats-list-21', 'ats-list-18', 'ats-list-15']);
  });

  it('shows a key scoped to a kecamatan only the cases there', async () => {
    const scoped = await list('?limit=100', sangkulirangOnly);
    expect(ids(scoped.body.items)).toEqual(['ats-list-26', 'ats-list-25', 'ats-list-24']);
    const elsewhere = await list('?kecamatan=640804', sangkulirangOnly);
    expect(elsewhere.body).toEqual({ items: [], nextCursor: null, total: 0 });
  });

  it('explains a wrong query field by field', async () => {
    const wrong = await list('?limit=500&overdue=maybe&stage=LOST');
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('VALIDATION_FAILED');
    expect(wrong.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['limit', 'overdue', 'stage']);
    const badCursor = await list('?cursor=not-a-cursor');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error.fields).toEqual([{ field: 'cursor', message: expect.stringContaining('Kursor') }]);
  });
});
