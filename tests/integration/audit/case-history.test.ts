import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../api/app.js';
import { verifyExport } from '../../../infra/signed-export.js';
import { eventually, report, startApiTestbed, type ApiTestbed } from '../api/testbed.js';
import { withConnection } from '../db/scratch-database.js';
import { runCli } from './cli.js';

/**
 * An auditor reconstructs a real case afterwards: a child reported by a coordinator, checked with
 * Dukcapil and Dinsos, a visit scheduled by the field officer from the link in her email, and the
 * case closed by the coordinator because the family moved away.
 */
let bed: ApiTestbed;
let auditor: string;
let admin: string;
let coordinator: string;
let bengalonAuditor: string;
let caseId: string;
let nik: string;
let dir: string;
/** What the coordinator's live view said while the visit was waiting to be scheduled, and the last audit event then. */
let whileScheduling: { stage: string; tasks: { taskId: string; status: string; assignee: { officerId: string; name: string }; dueAt: string }[]; sequence: number };

const as = (key: string) => ({ authorization: `Bearer ${key}` });
const get = (url: string, key: string) => bed.app.inject({ method: 'GET', url, headers: as(key) });

beforeAll(async () => {
  bed = await startApiTestbed({ worker: true });
  dir = await mkdtemp(path.join(os.tmpdir(), 'ats-export-'));
  [auditor, admin, coordinator, bengalonAuditor] = (await Promise.all([
    bed.keyFor('AUDITOR'), bed.keyFor('ADMIN'), bed.keyFor('COORDINATOR'), bed.keyFor('AUDITOR', ['640809']),
  ])) as [string, string, string, string];
  const child = report({ child: { fullName: 'Rahmat Hidayat Saputra' } });
  nik = child.child.nik!;
  const created = await bed.app.inject({ method: 'POST', url: '/api/v1/cases', headers: as(coordinator), payload: child });
  expect(created.statusCode).toBe(201);
  caseId = created.json().caseId;

  const link = await bed.taskLinkFor(caseId, 'VISIT_SCHEDULING');
  const live = (await get(`/api/v1/cases/${caseId}`, coordinator)).json();
  const last = await bed.prisma.caseEvent.findFirst({ where: { caseId }, orderBy: { sequence: 'desc' } });
  whileScheduling = { stage: live.stage, tasks: live.tasks, sequence: last!.sequence };

  const submitted = await bed.app.inject({ method: 'POST', url: link, payload: { visitDate: '2026-12-07' } });
  expect(submitted.statusCode).toBe(200);
  await bed.taskLinkFor(caseId, 'VISIT_REPORT');
  const closed = await bed.app.inject({
    method: 'POST', url: `/api/v1/cases/${caseId}/close`, headers: as(coordinator), payload: { reason: 'MOVED', note: 'Keluarga pindah ke Samarinda.' },
  });
  expect(closed.statusCode).toBe(200);
  await bed.temporal.workflow.getHandle(caseId).result();
});

afterAll(async () => {
  await bed?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Entry {
  at: string;
  source: string;
  kind: string;
  sequence?: number;
  description: string;
  actor: { kind: string; id: string; name?: string };
  channel: string;
  channelLabel: string;
  raw: unknown;
}

describe('an auditor reading a case history', () => {
  it('sees every step from the report to the close, in order, with who, when and through which channel', async () => {
    const response = await get(`/api/v1/cases/${caseId}/history`, auditor);
    expect(response.statusCode).toBe(200);
    const { entries, runs } = response.json() as { entries: Entry[]; runs: unknown[] };
    expect(runs).toHaveLength(1);
    const times = entries.map((entry) => Date.parse(entry.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const find = (kind: string, from = 0) => {
      const index = entries.findIndex((entry, i) => i >= from && entry.kind === kind);
      expect(index, kind).toBeGreaterThanOrEqual(0);
      return { index, entry: entries[index]! };
    };
    const opened = find('CASE_OPENED');
    expect(opened.entry).toMatchObject({ source: 'CASE_EVENT', sequence: 1, actor: { kind: 'STAFF', name: 'test COORDINATOR' }, channel: 'API_KEY', channelLabel: 'Kunci API' });
    expect(opened.entry.description).toBe('Kasus dibuka dari laporan Pemerintah desa (SIPBM-2025-0141), kategori Putus sekolah (DO).');
    const dukcapil = find('ACTIVITY:verifyIdentity', opened.index);
    expect(dukcapil.entry).toMatchObject({ source: 'WORKFLOW', channel: 'WORKFLOW', description: 'Memeriksa data anak ke Dukcapil. Hasil: cocok.' });
    const confirmed = find('IDENTITY_CONFIRMED', dukcapil.index);
    const taskOpened = find('TASK_OPENED', confirmed.index);
    expect(taskOpened.entry.description).toMatch(/^Tugas “Jadwalkan kunjungan rumah” \(visit-scheduling-1\) dibuka untuk Siti Nurhaliza \(disdik-fo-640804\), batas waktu .+ WITA\.$/);
    const email = find('ACTIVITY:sendTaskEmail', taskOpened.index);
    expect(email.entry.description).toBe('Mengirim email penugasan tugas visit-scheduling-1 kepada Siti Nurhaliza (disdik-fo-640804). Berhasil.');
    const submission = find('UPDATE:completeTask', email.index);
    expect(submission.entry).toMatchObject({
      actor: { kind: 'OFFICER', id: 'disdik-fo-640804', name: 'Siti Nurhaliza' }, channel: 'TASK_LINK', channelLabel: 'Tautan tugas di email',
      description: 'Siti Nurhaliza (disdik-fo-640804) mengirim formulir tugas visit-scheduling-1.',
    });
    const completed = find('TASK_COMPLETED', submission.index);
    expect(completed.entry).toMatchObject({ actor: { kind: 'OFFICER', id: 'disdik-fo-640804' }, channel: 'TASK_LINK' });
    const closing = find('UPDATE:closeCase', completed.index);
    expect(closing.entry).toMatchObject({ actor: { kind: 'STAFF', name: 'test COORDINATOR' }, channel: 'API_KEY' });
    const closed = find('CASE_CLOSED', closing.index);
    expect(closed.entry.description).toBe('Kasus ditutup: Pindah ke luar daerah.');
    find('WORKFLOW_COMPLETED', closed.index);
    // Every audit event is in the history exactly once.
    const events = await bed.prisma.caseEvent.count({ where: { caseId } });
    expect(entries.filter((entry) => entry.source === 'CASE_EVENT').map((entry) => entry.sequence)).toEqual(Array.from({ length: events }, (_, i) => i + 1));
  });

  it('reads the workflow’s payloads decoded, with the NIK masked unless the role may read it', async () => {
    const asAuditor = (await get(`/api/v1/cases/${caseId}/history`, auditor)).json() as { entries: Entry[] };
    const started = asAuditor.entries.find((entry) => entry.kind === 'WORKFLOW_STARTED')!;
    const text = JSON.stringify(started.raw);
    expect(text).toContain('Rahmat Hidayat Saputra');
    expect(text).toContain(`${nik.slice(0, 4)}••••••••••${nik.slice(14)}`);
    expect(JSON.stringify(asAuditor)).not.toContain(nik);
    expect(JSON.stringify(asAuditor)).not.toContain('binary/encrypted');

    const asAdmin = (await get(`/api/v1/cases/${caseId}/history`, admin)).json();
    expect(JSON.stringify(asAdmin)).toContain(nik);
  });

  it('is for auditors: a coordinator is refused, an auditor of another kecamatan finds no such case', async () => {
    expect((await get(`/api/v1/cases/${caseId}/history`, coordinator)).statusCode).toBe(403);
    expect((await get(`/api/v1/cases/${caseId}/history`, bengalonAuditor)).statusCode).toBe(404);
    expect((await get('/api/v1/cases/c_no-such-case/history', auditor)).statusCode).toBe(404);
    expect((await get(`/audit/kasus/${caseId}`, coordinator)).statusCode).toBe(403);
  });

  it('has a page with the same history in Bahasa Indonesia, and the same as JSON', async () => {
    const html = await get(`/audit/kasus/${caseId}`, auditor);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('Riwayat kasus');
    expect(html.body).toContain('Siti Nurhaliza (disdik-fo-640804) mengirim formulir tugas visit-scheduling-1.');
    expect(html.body).toContain('Tautan tugas di email');
    expect(html.body).toContain('<summary>JSON</summary>');
    expect(html.body).not.toContain('<script');
    expect(html.body).not.toContain(nik);

    const json = await get(`/audit/kasus/${caseId}?format=json`, auditor);
    expect(json.headers['content-type']).toContain('application/json');
    const api = (await get(`/api/v1/cases/${caseId}/history`, auditor)).json();
    expect(json.json().entries.map((e: Entry) => e.description)).toEqual(api.entries.map((e: Entry) => e.description));
  });
});

describe('an auditor stepping through a case', () => {
  it('sees the case as it was after a chosen event: the stage and the open task the live view showed then', async () => {
    const response = await get(`/api/v1/cases/${caseId}/state?afterSequence=${whileScheduling.sequence}`, auditor);
    expect(response.statusCode).toBe(200);
    const state = response.json();
    expect(state.stage).toBe(whileScheduling.stage);
    expect(state.stageLabel).toBe('Kunjungan rumah');
    const liveOpen = whileScheduling.tasks.filter((task) => task.status === 'OPEN');
    expect(liveOpen).toHaveLength(1);
    expect(state.openTasks.map((task: { taskId: string; assignee: { officerId: string; name: string }; dueAt: string }) => ({ taskId: task.taskId, assignee: task.assignee, dueAt: task.dueAt }))).toEqual(
      liveOpen.map((task) => ({ taskId: task.taskId, assignee: { officerId: task.assignee.officerId, name: task.assignee.name }, dueAt: task.dueAt })),
    );
    expect(state.nextDueAt).toBe(liveOpen[0]!.dueAt);
    expect(state.outcome).toBeUndefined();
    expect(state.previousSequence).toBe(whileScheduling.sequence - 1);
    expect(state.nextSequence).toBe(whileScheduling.sequence + 1);
  });

  it('sees the end by default: closed, why, and nothing left open', async () => {
    const state = (await get(`/api/v1/cases/${caseId}/state`, auditor)).json();
    expect(state).toMatchObject({ stage: 'CLOSED', outcome: 'CLOSED', closeReason: 'MOVED', openTasks: [], nextSequence: null });
    expect(state.tasks.map((task: { taskId: string; status: string }) => [task.taskId, task.status])).toEqual([
      ['visit-scheduling-1', 'COMPLETED'],
      ['visit-report-1', 'CANCELLED'],
    ]);
  });

  it('is told plainly when the event does not exist', async () => {
    const response = await get(`/api/v1/cases/${caseId}/state?afterSequence=999`, auditor);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields[0]).toMatchObject({ field: 'afterSequence', message: expect.stringMatching(/^Kasus ini tidak memiliki peristiwa dengan nomor urut 999; nomor urutnya 1 sampai \d+\.$/) });
  });

  it('steps with plain links on the page, no script needed', async () => {
    const html = (await get(`/audit/kasus/${caseId}?afterSequence=${whileScheduling.sequence}`, auditor)).body;
    expect(html).toContain(`Keadaan kasus setelah peristiwa #${whileScheduling.sequence}`);
    expect(html).toContain(`rel="prev" href="/audit/kasus/${caseId}?afterSequence=${whileScheduling.sequence - 1}#keadaan"`);
    expect(html).toContain(`rel="next" href="/audit/kasus/${caseId}?afterSequence=${whileScheduling.sequence + 1}#keadaan"`);
    expect(html).toContain('data-stage="HOME_VISIT"');
    expect(html).toContain('Jadwalkan kunjungan rumah');
    expect(html).toContain('Siti Nurhaliza');
  });
});

describe('a signed export of the case', () => {
  let file: string;
  let publicKeyFile: string;

  beforeAll(async () => {
    const download = await get(`/api/v1/cases/${caseId}/export`, auditor);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="kasus-${caseId}-\\d{4}-\\d{2}-\\d{2}\\.json"$`));
    file = path.join(dir, 'kasus.json');
    await writeFile(file, download.body);
    const key = await get('/api/v1/audit/signing-key', auditor);
    expect(key.statusCode).toBe(200);
    expect(key.body).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
    publicKeyFile = path.join(dir, 'ats-audit.pem');
    await writeFile(publicKeyFile, key.body);
    // The same key is published without an account, for inspectors outside the system.
    const published = await bed.app.inject({ method: 'GET', url: '/.well-known/ats-audit-signing-key.pem' });
    expect(published.statusCode).toBe(200);
    expect(published.body).toBe(key.body);
    expect(published.headers['x-signing-key-id']).toBe(key.headers['x-signing-key-id']);
  });

  it('holds the history, the events, the chain check, the replay verdict and who exported it when', async () => {
    const { record, signature } = JSON.parse(await readFile(file, 'utf8'));
    expect(record).toMatchObject({ format: 'ats-kutim/case-export@1', caseId, exportedBy: { kind: 'API_KEY', name: 'test AUDITOR', role: 'AUDITOR' } });
    expect(Date.now() - Date.parse(record.exportedAt)).toBeLessThan(60_000);
    expect(record.chain).toMatchObject({ valid: true, events: record.events.length });
    expect(record.runs).toHaveLength(1);
    expect(record.runs[0].replay).toMatchObject({ deterministic: true });
    expect(record.history.some((entry: Entry) => entry.kind === 'CASE_CLOSED')).toBe(true);
    expect(JSON.stringify(record)).not.toContain(nik);
    expect(signature).toMatchObject({ algorithm: 'Ed25519', canonicalization: 'RFC8785', keyId: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });

  it('verifies with the published public key, from the command line and with the documented Node one-liner', async () => {
    const publicKey = await readFile(publicKeyFile, 'utf8');
    expect(verifyExport(JSON.parse(await readFile(file, 'utf8')), publicKey)).toMatchObject({ valid: true });

    const cli = await runCli('cli/verify-export.ts', [file, '--public-key', publicKeyFile], {});
    expect(cli.output).toMatch(new RegExp(`^✓ .*kasus\\.json: tanda tangan sah \\(kunci [0-9a-f]{16}\\); kasus ${caseId}, diekspor `));
    expect(cli.code).toBe(0);

    expect(await documentedOneLiner(file, publicKeyFile)).toBe('OK');
  });

  it('fails verification when one byte of the record or of the signature is altered', async () => {
    const original = await readFile(file, 'utf8');
    const alteredRecord = original.replace('Pindah ke luar daerah', 'Pindah ke luar daerak');
    expect(alteredRecord).not.toBe(original);
    const recordFile = path.join(dir, 'record-altered.json');
    await writeFile(recordFile, alteredRecord);

    const parsed = JSON.parse(original);
    const signature = Buffer.from(parsed.signature.value, 'base64');
    signature[10] = signature[10]! ^ 0x01;
    const signatureFile = path.join(dir, 'signature-altered.json');
    await writeFile(signatureFile, JSON.stringify({ ...parsed, signature: { ...parsed.signature, value: signature.toString('base64') } }));

    for (const altered of [recordFile, signatureFile]) {
      const cli = await runCli('cli/verify-export.ts', [altered, '--public-key', publicKeyFile], {});
      expect(cli.output).toContain('✗');
      expect(cli.output).toContain('Tanda tangan tidak cocok dengan isi: berkas diubah setelah ditandatangani, atau ditandatangani dengan kunci lain.');
      expect(cli.code).toBe(1);
      expect(await documentedOneLiner(altered, publicKeyFile)).toBe('BAD');
    }
  });

  it('tells the operator what is wrong with the command itself', async () => {
    const missing = await runCli('cli/verify-export.ts', [], {});
    expect(missing.output.trim()).toBe('give exactly one export file (usage: npm run export:verify -- <export.json> [--public-key <public-key.pem>])');
    expect(missing.code).toBe(1);
    const noKey = await runCli('cli/verify-export.ts', [file], { DATA_DIR: dir });
    expect(noKey.output).toMatch(/^No public key: pass --public-key with the PEM from GET \/api\/v1\/audit\/signing-key/);
    expect(noKey.code).toBe(1);
  });
});

describe('the access log', () => {
  it('records who viewed and who exported the case, through which route, with ids only', async () => {
    const response = await get(`/api/v1/audit/access-log?caseId=${caseId}`, auditor);
    expect(response.statusCode).toBe(200);
    const { items } = response.json() as { items: { principalKind: string; principalId: string; role: string; action: string; channel: string; accessedAt: string }[] };
    const seen = new Set(items.map((item) => `${item.role} ${item.action} ${item.channel}`));
    expect(seen).toContain('COORDINATOR VIEW GET /api/v1/cases/:caseId');
    expect(seen).toContain('AUDITOR HISTORY GET /api/v1/cases/:caseId/history');
    expect(seen).toContain('AUDITOR HISTORY PAGE /audit/kasus/:caseId');
    expect(seen).toContain('AUDITOR STATE GET /api/v1/cases/:caseId/state');
    expect(seen).toContain('AUDITOR EXPORT GET /api/v1/cases/:caseId/export');
    const times = items.map((item) => Date.parse(item.accessedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(JSON.stringify(items)).not.toContain('Rahmat');

    const exportRow = items.find((item) => item.action === 'EXPORT')!;
    const byPrincipal = (await get(`/api/v1/audit/access-log?principal=${exportRow.principalId}&from=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`, auditor)).json();
    expect(byPrincipal.items.length).toBeGreaterThan(0);
    expect(byPrincipal.items.every((item: { principalId: string }) => item.principalId === exportRow.principalId)).toBe(true);
    const future = (await get(`/api/v1/audit/access-log?caseId=${caseId}&from=2999-01-01`, auditor)).json();
    expect(future.items).toEqual([]);

    const html = (await get(`/audit/kasus/${caseId}`, auditor)).body;
    expect(html).toContain('Log akses kasus');
    expect(html).toContain('GET /api/v1/cases/:caseId/export');
  });

  it('has a page of its own, with filters, where an auditor also opens any case by its number', async () => {
    const page = await get(`/audit?caseId=${caseId}`, auditor);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h2>Log akses kasus</h2>');
    expect(page.body).toContain(`<a href="/audit/kasus/${caseId}">${caseId}</a>`);
    expect(page.body).toContain('Mengunduh ekspor bertanda tangan');
    expect(page.body).toContain('test AUDITOR');
    expect((await get(`/audit?caseId=${caseId}&from=2999-01-01`, auditor)).body).toContain('Tidak ada akses yang cocok.');
    const wrongDate = await get('/audit?from=2026-02-30x', auditor);
    expect(wrongDate.statusCode).toBe(400);
    expect(wrongDate.body).toContain('Gunakan tanggal yang ada, format TTTT-BB-HH.');

    const open = await get(`/audit/kasus?caseId=${encodeURIComponent(` ${caseId} `)}`, auditor);
    expect(open.statusCode).toBe(303);
    expect(open.headers.location).toBe(`/audit/kasus/${caseId}`);
    const empty = await get('/audit/kasus?caseId=', auditor);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Tulis nomor kasus yang lengkap');
  });

  it('is for auditors, and shows an auditor of another kecamatan nothing of this case', async () => {
    expect((await get('/api/v1/audit/access-log', coordinator)).statusCode).toBe(403);
    const elsewhere = (await get(`/api/v1/audit/access-log?caseId=${caseId}`, bengalonAuditor)).json();
    expect(elsewhere.items).toEqual([]);
    const wrongDate = await get('/api/v1/audit/access-log?from=kemarin', auditor);
    expect(wrongDate.statusCode).toBe(400);
    expect(wrongDate.json().error.fields[0].field).toBe('from');
  });

  it('cannot be edited or emptied: the database refuses updates, deletes and truncation', async () => {
    await withConnection(bed.databaseUrl, async (db) => {
      await expect(db.query(`UPDATE case_access_log SET principal_id = 'someone-else' WHERE case_id = $1`, [caseId])).rejects.toThrow('case_access_log is append-only');
      await expect(db.query('DELETE FROM case_access_log WHERE case_id = $1', [caseId])).rejects.toThrow('case_access_log is append-only');
      await expect(db.query('TRUNCATE case_access_log')).rejects.toThrow('case_access_log is append-only');
    });
    expect((await get(`/api/v1/audit/access-log?caseId=${caseId}`, auditor)).json().items.length).toBeGreaterThan(0);
  });
});

describe('replays in the API process', () => {
  it('run a few at a time; one more is turned away at once with a clear message, and the slot frees again', async () => {
    const app = await buildApp({ env: { ...bed.env, REPLAY_CONCURRENCY: 1 }, prisma: bed.prisma, temporal: bed.temporal, logger: false });
    try {
      const replay = () => app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/replay`, headers: as(auditor) });
      const answers = await Promise.all([replay(), replay(), replay()]);
      const statuses = answers.map((answer) => answer.statusCode).sort();
      expect(statuses[0]).toBe(200);
      expect(statuses).toContain(503);
      const busy = answers.find((answer) => answer.statusCode === 503)!;
      expect(busy.json()).toEqual({
        error: { code: 'SERVICE_BUSY', message: 'Server sedang memutar ulang riwayat kasus lain. Silakan coba lagi dalam satu menit.' },
      });
      expect(busy.headers['retry-after']).toBe('30');

      const later = await replay();
      expect(later.statusCode).toBe(200);
      expect(later.json()).toMatchObject({ deterministic: true });
    } finally {
      await app.close();
    }
  });
});

describe('a case reopened by a new report of the same child', () => {
  it('keeps one history with both runs, and the second run starts afresh', async () => {
    const before = await bed.prisma.caseEvent.count({ where: { caseId } });
    const again = await bed.app.inject({ method: 'POST', url: '/api/v1/cases', headers: as(coordinator), payload: report({ child: { nik } }) });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ caseId, status: 'REOPENED' });
    await eventually(() => bed.prisma.caseEvent.findFirst({ where: { caseId, type: 'TASK_OPENED', sequence: { gt: before } } }), 'the second run’s first task');

    const { runs, entries } = (await get(`/api/v1/cases/${caseId}/history`, auditor)).json() as { runs: { runId: string; status: string }[]; entries: Entry[] };
    expect(runs.map((run) => run.status)).toEqual(['COMPLETED', 'RUNNING']);
    const kinds = entries.map((entry) => entry.kind);
    expect(kinds.filter((kind) => kind === 'WORKFLOW_STARTED')).toHaveLength(2);
    const firstClose = kinds.indexOf('CASE_CLOSED');
    const reopening = kinds.lastIndexOf('CASE_OPENED');
    expect(kinds.indexOf('CASE_OPENED')).toBeLessThan(firstClose);
    expect(reopening).toBeGreaterThan(firstClose);

    const now = (await get(`/api/v1/cases/${caseId}/state`, auditor)).json();
    expect(now).toMatchObject({ run: 2, reportCount: 2, stage: 'HOME_VISIT' });
    expect(now.outcome).toBeUndefined();
    expect(now.openTasks.map((task: { taskId: string }) => task.taskId)).toEqual(['visit-scheduling-1-run2']);
    // The first run's end is still there to step back to.
    const closedAt = entries[firstClose]!.sequence!;
    expect((await get(`/api/v1/cases/${caseId}/state?afterSequence=${closedAt}`, auditor)).json()).toMatchObject({ run: 1, stage: 'CLOSED', outcome: 'CLOSED' });
  });
});

/** The verification line README gives to anyone holding the export and the public key (Node.js only, no checkout). */
async function documentedOneLiner(exportFile: string, publicKeyFile: string): Promise<string> {
  const readme = await readFile('README.md', 'utf8');
  const line = readme.split('\n').map((text) => text.trim()).find((text) => text.startsWith("node -e '") && text.includes('verify'));
  if (!line) throw new Error('README has no node -e verification line');
  const script = /^node -e '(.*)' kasus\.json ats-audit\.pem$/.exec(line)?.[1];
  if (!script) throw new Error(`unexpected form of the README line: ${line}`);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script, exportFile, publicKeyFile], (error, stdout) => {
      if (error && !stdout) reject(error);
      else resolve(stdout.trim());
    });
  });
}
