import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporalTestServer } from '../../infra/binaries.js';

/** A time-skipping Temporal test server for one test file. */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServer() } },
  });
}
