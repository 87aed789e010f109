/**
 * `npm run replay -- [--closed-since YYYY-MM-DD] [--case <caseId>]` replays the recorded histories
 * of case workflows (all, those closed since a day, or one case) against the workflow code of this
 * checkout, and says which would no longer replay: run it before deploying new workflow code.
 * Exits with 1 when any history diverges.
 */
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { ConfigError, parseEnv } from '../config/env.js';
import { requireSettings, runMain } from '../config/require.js';
import { isoDate } from '../domain/validation.js';
import { caseDataConverter } from '../infra/data-converter.js';
import { WorkflowReplayer } from '../infra/workflow-replay.js';

const USAGE = 'usage: npm run replay -- [--closed-since YYYY-MM-DD] [--case <caseId>]';
const CASE_ID = /^[A-Za-z0-9._:-]{1,120}$/;

await runMain(async () => {
  const selection = parseSelection(process.argv.slice(2));
  const env = requireSettings(parseEnv(), ['TEMPORAL_ADDRESS', 'PAYLOAD_ENCRYPTION_KEYS'], 'replay');
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const dataConverter = caseDataConverter(env.PAYLOAD_ENCRYPTION_KEYS);
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  try {
    const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter });
    const replayer = new WorkflowReplayer({ dataConverter, workflowBundlePath: env.WORKFLOW_BUNDLE_PATH });
    const histories = client.workflow.list({ query: visibilityQuery(selection) }).intoHistories();
    let replayed = 0;
    const failed: string[] = [];
    for await (const { workflowId, verdict } of replayer.replayAll(histories)) {
      replayed += 1;
      if (!verdict.deterministic) {
        failed.push(workflowId);
        console.log(`✗ ${workflowId} (${verdict.events} events): ${verdict.divergence}`);
      }
    }
    console.log(`Replayed ${replayed} case ${replayed === 1 ? 'history' : 'histories'}: ${replayed - failed.length} deterministic, ${failed.length} failed.`);
    if (failed.length > 0) process.exitCode = 1;
  } finally {
    await connection.close();
  }
});

interface Selection {
  closedSince?: string;
  caseId?: string;
}

function parseSelection(argv: string[]): Selection {
  let values: { 'closed-since'?: string | undefined; case?: string | undefined };
  try {
    ({ values } = parseArgs({ args: argv, options: { 'closed-since': { type: 'string' }, case: { type: 'string' } }, strict: true }));
  } catch (error) {
    throw new ConfigError(`${(error as Error).message.split('\n')[0]} (${USAGE})`);
  }
  const closedSince = values['closed-since'];
  if (closedSince !== undefined && !isoDate.safeParse(closedSince).success) throw new ConfigError(`--closed-since must be a date YYYY-MM-DD (${USAGE})`);
  // The id goes into a visibility query: only the characters case ids are made of.
  if (values.case !== undefined && !CASE_ID.test(values.case)) throw new ConfigError(`--case is not a case id (${USAGE})`);
  return { ...(closedSince ? { closedSince } : {}), ...(values.case ? { caseId: values.case } : {}) };
}

function visibilityQuery({ closedSince, caseId }: Selection): string {
  return [
    `WorkflowType = 'childCaseWorkflow'`,
    ...(closedSince ? [`CloseTime >= '${closedSince}T00:00:00Z'`] : []),
    ...(caseId ? [`WorkflowId = '${caseId}'`] : []),
  ].join(' AND ');
}
