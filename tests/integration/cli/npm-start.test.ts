import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../api/cases/schemas.js';
import type { StoredMessage } from '../../../infra/smtp-sink.js';
import { eventually } from '../journeys/stack.js';
import { isRunning, startSystem, type RunningSystem } from '../../support/npm-start.js';

let system: RunningSystem;
let temporal: Client;
let connection: Connection;

beforeAll(async () => {
  system = await startSystem();
  connection = await Connection.connect({ address: system.temporalAddress });
  temporal = new Client({ connection });
}, 180_000);

afterAll(async () => {
  await connection?.close();
  await system?.dispose();
}, 90_000);

const KECAMATAN = ['640801', '640804', '640805', '640807', '640809', '640812'] as const;

/** A child nobody has reported: no NIK yet, so the case opens with the Dukcapil registration. */
function reportOfNewChild(i: number) {
  return {
    child: {
      fullName: `Anak Uji ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26) % 26)} Beban`,
      birthDate: `20${String(10 + (i % 8)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`,
      sex: i % 2 ? 'L' : 'P',
      kecamatan: KECAMATAN[i % KECAMATAN.length],
      desa: `Desa Uji ${i}`,
      address: `Jl. Uji No. ${i}`,
    },
    category: 'BPB',
    reasons: ['ECONOMIC'],
    source: { channel: 'SIPBM', reference: `beban-${i}` },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the fields it asserts on
async function api(path: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(`${system.apiUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${system.apiKey}`, 'content-type': 'application/json', ...init.headers },
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

const reportChildren = (from: number, count: number) =>
  Promise.all(Array.from({ length: count }, (_, i) => api('/api/v1/cases', { method: 'POST', body: JSON.stringify(reportOfNewChild(from + i)) })));

async function mailbox(): Promise<StoredMessage[]> {
  return (await fetch(`${system.mailboxUrl}/api/messages`)).json() as Promise<StoredMessage[]>;
}

/** Every case is alive in Temporal, held by an officer with a deadline, and that officer got one email for it. */
async function expectEveryChildHeld(caseIds: string[]): Promise<void> {
  const details = await eventually(async () => {
    const read = await Promise.all(caseIds.map((id) => api(`/api/v1/cases/${id}`)));
    const held = read.map((r) => r.body as CaseDetail).filter((d) => d.tasks.some((t) => t.status === 'OPEN' && t.assignee.officerId && t.dueAt));
    return held.length === caseIds.length ? held : undefined;
  }, `an open, assigned task with a deadline on each of ${caseIds.length} cases`, 90_000);
  expect(details.map((d) => d.caseId).sort()).toEqual([...caseIds].sort());

  for (const caseId of caseIds) {
    const description = await temporal.workflow.getHandle(caseId).describe();
    expect(description.status.name).toBe('RUNNING');
  }
  expect((await temporal.workflow.count('ExecutionStatus="Failed" OR ExecutionStatus="Terminated"')).count).toBe(0);

  const taskEmails = await eventually(async () => {
    const messages = (await mailbox()).filter((m) => m.subject.includes('batas') && !m.subject.includes('Pengingat'));
    return messages.length >= caseIds.length ? messages : undefined;
  }, `${caseIds.length} task emails`, 90_000);
  expect(new Set(taskEmails.map((m) => m.messageId)).size).toBe(taskEmails.length);
}

describe('npm start, used the way a district team uses it', () => {
  it('opens one live case with an owner, a deadline and an email for each of 48 children reported at the same moment', { timeout: 240_000 }, async () => {
    const answers = await reportChildren(0, 48);
    expect(answers.map((a) => a.status)).toEqual(Array(48).fill(201));
    const caseIds = answers.map((a) => a.body.caseId as string);
    expect(new Set(caseIds).size).toBe(48);

    // Many coordinators read at once while the cases start: every read is answered, never refused.
    const reads = await Promise.all([...caseIds, ...caseIds].map((id) => api(`/api/v1/cases/${id}`)));
    expect(reads.map((r) => r.status)).toEqual(Array(96).fill(200));

    await expectEveryChildHeld(caseIds);
  });

  it('starts a killed worker again, and the cases reported meanwhile go on', { timeout: 240_000 }, async () => {
    const killed = system.processes().worker!;
    process.kill(killed, 'SIGKILL');
    const answers = await reportChildren(100, 12);
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));

    const restarted = await eventually(() => {
      const pid = system.processes().worker;
      return pid !== undefined && pid !== killed && isRunning(pid) ? pid : undefined;
    }, 'a new worker process', 60_000);
    expect(isRunning(killed)).toBe(false);
    expect(system.output()).toMatch(/worker process ended \(signal SIGKILL\); starting it again/);
    expect(restarted).not.toBe(killed);

    await expectEveryChildHeld(answers.map((a) => a.body.caseId as string));
  });

  it('stops every process it started within the minute when Ctrl-C comes in the middle of work', { timeout: 120_000 }, async () => {
    const processes = system.processes();
    expect(Object.keys(processes).sort()).toEqual(['api', 'postgres', 'simulators', 'supervisor', 'temporal', 'worker']);
    const inFlight = reportChildren(200, 24).catch(() => []);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const pressedAt = Date.now();
    system.pressCtrlC();
    const { code } = await system.exited;
    expect(Date.now() - pressedAt).toBeLessThan(60_000);
    expect(code).toBe(0);
    await inFlight;
    for (const [name, pid] of Object.entries(processes)) expect(isRunning(pid), `${name} (pid ${pid}) still runs`).toBe(false);
    // Stopped in order: what uses a service before the service.
    const stopped = [...system.output().matchAll(/^\s+(\S+(?: \S+)?) stopped \(/gm)].map((m) => m[1]);
    expect(stopped).toEqual(['api', 'worker', 'simulators', 'Temporal', 'SMTP sink', 'PostgreSQL']);
  });
});
