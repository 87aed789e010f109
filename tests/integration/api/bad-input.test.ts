import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { report, startApiTestbed, type ApiTestbed } from './testbed.js';

/**
 * Input the system cannot use, sent by mistake or on purpose: each is refused with a clear 4xx in
 * the one error shape (or the officers' own page), in Indonesian, and leaves nothing half-done.
 */
let bed: ApiTestbed;
let coordinator: string;

beforeAll(async () => {
  bed = await startApiTestbed({ worker: true });
  coordinator = await bed.keyFor('COORDINATOR');
});

afterAll(async () => {
  await bed?.close();
});

const as = (key: string) => ({ authorization: `Bearer ${key}` });

function postReport(body: unknown) {
  return bed.app.inject({ method: 'POST', url: '/api/v1/cases', headers: as(coordinator), payload: body as object });
}

async function workflowsOnOurQueue(): Promise<number> {
  return (await bed.temporal.workflow.count(`TaskQueue = '${bed.taskQueue}'`)).count;
}

/** Case rows and workflows before and after: a refused request must leave both as they were. */
async function nothingStarted<T>(work: () => Promise<T>): Promise<T> {
  const [cases, workflows] = await Promise.all([bed.prisma.case.count(), workflowsOnOurQueue()]);
  const result = await work();
  expect(await bed.prisma.case.count()).toBe(cases);
  expect(await workflowsOnOurQueue()).toBe(workflows);
  return result;
}

describe('a coordinator’s report with a misspelt field', () => {
  it('is refused naming the unknown field, inside the child and every other part, instead of opening a case without it', async () => {
    const valid = report();
    const { nik, ...childWithoutNik } = valid.child;
    const stories: [string, unknown, string, string][] = [
      ['nikk instead of nik', { ...valid, child: { ...childWithoutNik, nikk: nik } }, 'child', 'Kolom tidak dikenal: nikk.'],
      ['a guardian’s telepon', { ...valid, guardian: { name: 'Rahmawati', telepon: '081234567890' } }, 'guardian', 'Kolom tidak dikenal: telepon.'],
      ['the last school’s kelas', { ...valid, lastSchool: { ...valid.lastSchool, kelas: 5 } }, 'lastSchool', 'Kolom tidak dikenal: kelas.'],
      ['the source’s referensi', { ...valid, source: { channel: 'VILLAGE', referensi: 'SIPBM-1' } }, 'source', 'Kolom tidak dikenal: referensi.'],
      ['an unknown top-level field, as before', { ...valid, colour: 'red' }, '(isi)', 'Kolom tidak dikenal: colour.'],
    ];
    await nothingStarted(async () => {
      for (const [story, body, field, message] of stories) {
        const response = await postReport(body);
        expect(response.statusCode, story).toBe(400);
        expect(response.json(), story).toEqual({ error: { code: 'VALIDATION_FAILED', message: 'Data tidak valid.', fields: [{ field, message }] } });
      }
    });
  });

  it('opens nothing when dozens of such reports arrive at once', async () => {
    const responses = await nothingStarted(() =>
      Promise.all(
        Array.from({ length: 40 }, () => {
          const { nik, ...child } = report().child;
          return postReport({ ...report(), child: { ...child, nikk: nik } });
        }),
      ),
    );
    expect(new Set(responses.map((response) => response.statusCode))).toEqual(new Set([400]));
  });
});
