import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPayloadKeys } from '../../../config/payload-keys.js';
import { WORKFLOW_BUNDLE_PATH } from '../../support/bundle.js';
import { TEST_PAYLOAD_KEYS } from '../../support/data-converter.js';
import { eventually, report, startApiTestbed, type ApiTestbed } from '../api/testbed.js';
import { withConnection } from '../db/scratch-database.js';
import { runCli } from './cli.js';

let bed: ApiTestbed;
let auditor: string;
let admin: string;
let coordinator: string;
let bengalonAuditor: string;
let caseId: string;

beforeAll(async () => {
  bed = await startApiTestbed({ worker: true });
  [auditor, admin, coordinator, bengalonAuditor] = (await Promise.all([
    bed.keyFor('AUDITOR'), bed.keyFor('ADMIN'), bed.keyFor('COORDINATOR'), bed.keyFor('AUDITOR', ['640809']),
  ])) as [string, string, string, string];
  const created = await bed.app.inject({ method: 'POST', url: '/api/v1/cases', headers: as(coordinator), payload: report() });
  expect(created.statusCode).toBe(201);
  caseId = created.json().caseId;
  // Identity confirmed, welfare checked, the field officer asked to schedule a visit: a case with some history.
  await eventually(() => bed.prisma.task.findFirst({ where: { caseId, type: 'VISIT_SCHEDULING' } }), 'the visit-scheduling task');
  await eventually(async () => (await bed.prisma.caseEvent.count({ where: { caseId } })) >= 6 || undefined, 'the first audit events');
});

afterAll(async () => {
  await bed?.close();
});

const as = (key: string) => ({ authorization: `Bearer ${key}` });
const get = (url: string, key: string) => bed.app.inject({ method: 'GET', url, headers: as(key) });

describe('an auditor replaying a case', () => {
  it('learns that its recorded history replays deterministically against the current workflow code', async () => {
    for (const key of [auditor, admin]) {
      const response = await get(`/api/v1/cases/${caseId}/replay`, key);
      expect(response.statusCode).toBe(200);
      const verdict = response.json();
      expect(verdict).toEqual({ deterministic: true, events: expect.any(Number) });
      expect(verdict.events).toBeGreaterThan(10);
    }
  });

  it('is the only one who may: a coordinator is refused, an auditor of another kecamatan finds no such case', async () => {
    expect((await get(`/api/v1/cases/${caseId}/replay`, coordinator)).statusCode).toBe(403);
    expect((await get(`/api/v1/cases/${caseId}/replay`, bengalonAuditor)).statusCode).toBe(404);
    expect((await get('/api/v1/cases/c_no-such-case/replay', auditor)).statusCode).toBe(404);
    expect((await bed.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/replay` })).statusCode).toBe(401);
  });

  it('can replay it from the command line too, as before a deployment', async () => {
    const { code, output } = await runCli('cli/replay.ts', ['--case', caseId], {
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      PAYLOAD_ENCRYPTION_KEYS: formatPayloadKeys(TEST_PAYLOAD_KEYS),
      WORKFLOW_BUNDLE_PATH,
    });
    expect(output).toContain('Replayed 1 case history: 1 deterministic, 0 failed.');
    expect(code).toBe(0);
  });
});

describe('the audit log of a case', () => {
  it('verifies as intact while nobody has touched it', async () => {
    const response = await get(`/api/v1/cases/${caseId}/events/verify`, auditor);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ caseId, valid: true, events: expect.any(Number), headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await get(`/api/v1/cases/${caseId}/events/verify`, coordinator)).statusCode).toBe(403);
    expect((await get(`/api/v1/cases/${caseId}/events/verify`, bengalonAuditor)).statusCode).toBe(404);
  });

  it('cannot be changed or shortened: the database refuses updates and deletes', async () => {
    await withConnection(bed.databaseUrl, async (db) => {
      await expect(db.query(`UPDATE case_events SET type = 'CASE_CLOSED' WHERE case_id = $1 AND sequence = 2`, [caseId])).rejects.toThrow(
        'case_events is append-only',
      );
      await expect(db.query('DELETE FROM case_events WHERE case_id = $1 AND sequence = 3', [caseId])).rejects.toThrow('case_events is append-only');
    });
    expect((await get(`/api/v1/cases/${caseId}/events/verify`, auditor)).json().valid).toBe(true);
  });

  it('shows where it was altered when a superuser bypasses the database’s refusal', async () => {
    await withConnection(bed.databaseUrl, async (db) => {
      await db.query('ALTER TABLE case_events DISABLE TRIGGER ALL');
      try {
        await db.query(`UPDATE case_events SET data = jsonb_set(data, '{to}', '"CLOSED"') WHERE case_id = $1 AND sequence = 2`, [caseId]);
      } finally {
        await db.query('ALTER TABLE case_events ENABLE TRIGGER ALL');
      }
    });

    const response = await get(`/api/v1/cases/${caseId}/events/verify`, auditor);
    expect(response.json()).toEqual({ caseId, valid: false, events: expect.any(Number), failure: { sequence: 2, problem: 'HASH_MISMATCH' } });

    const one = await runCli('cli/verify-chain.ts', ['--case', caseId], { DATABASE_URL: bed.databaseUrl });
    expect(one.output).toContain(`✗ ${caseId}: HASH_MISMATCH at sequence 2`);
    expect(one.code).toBe(1);
    const whole = await runCli('cli/verify-chain.ts', [], { DATABASE_URL: bed.databaseUrl });
    expect(whole.output).toMatch(/Verified \d+ case chains? \(\d+ events\): \d+ intact, 1 broken\./);
    expect(whole.code).toBe(1);
  });
});
