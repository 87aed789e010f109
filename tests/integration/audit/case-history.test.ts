import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, report, startApiTestbed, type ApiTestbed } from '../api/testbed.js';

let bed: ApiTestbed;
let auditor: string;
let coordinator: string;
let caseId: string;
let nik: string;
/** What the coordinator's live view said while the visit was waiting to be scheduled, and the last audit event then. */
let liveWhileScheduling: { stage: string; tasks: { taskId: string; status: string; assignee: { officerId: string }; dueAt: string }[]; sequence: number };

const as = (key: string) => ({ authorization: `Bearer ${key}` });
const get = (url: string, key: string) => bed.app.inject({ method: 'GET', url, headers: as(key) });

beforeAll(async () => {
  bed = await startApiTestbed({ worker: true });
  [auditor, coordinator] = (await Promise.all([bed.keyFor('AUDITOR'), bed.keyFor('COORDINATOR')])) as [string, string];
  const child = report({ child: { fullName: 'Rahmat Hidayat Saputra' } });
  nik = child.child.nik!;
  const created = await bed.app.inject({ method: 'POST', url: '/api/v1/cases', headers: as(coordinator), payload: child });
  expect(created.statusCode).toBe(201);
  caseId = created.json().caseId;

  const link = await bed.taskLinkFor(caseId, 'VISIT_SCHEDULING');
  const live = (await get(`/api/v1/cases/${caseId}`, coordinator)).json();
  const last = await bed.prisma.caseEvent.findFirst({ where: { caseId }, orderBy: { sequence: 'desc' } });
  liveWhileScheduling = { stage: live.stage, tasks: live.tasks, sequence: last!.sequence };

  const submitted = await bed.app.inject({ method: 'POST', url: link, payload: { visitDate: '2026-12-07' } });
  expect(submitted.statusCode).toBe(200);
  await bed.taskLinkFor(caseId, 'VISIT_REPORT');
  const closed = await bed.app.inject({
    method: 'POST', url: `/api/v1/cases/${caseId}/close`, headers: as(coordinator), payload: { reason: 'MOVED', note: 'Keluarga pindah ke Samarinda.' },
  });
  expect(closed.statusCode).toBe(200);
  await eventually(async () => (await bed.prisma.case.findUnique({ where: { id: caseId } }))?.closedAt ?? undefined, 'the closed case row');
});

afterAll(async () => {
  await bed?.close();
});

describe('an auditor reading a case history', () => {
  it('sees every step in order, decoded, with who, when and through which channel', async () => {
    const response = await get(`/api/v1/cases/${caseId}/history`, auditor);
    expect(response.statusCode).toBe(200);
    const history = response.json();
    console.log(JSON.stringify(history.entries.slice(0,14).map((e: any) => [e.at, e.source, e.kind, e.channel, e.actor, e.description]), null, 1));
  });
});
