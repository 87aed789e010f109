import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { DefaultLogger } from '@temporalio/worker';
import { WORKFLOW_BUNDLE_SOURCES } from '../../worker/worker.js';

export const WORKFLOW_BUNDLE_PATH = path.resolve('.temporal/test-workflow-bundle.js');

/** Bundles the workflows once per test run; workers in tests load the file. */
export async function bundleWorkflowsForTests(): Promise<void> {
  const { code } = await bundleWorkflowCode({
    ...WORKFLOW_BUNDLE_SOURCES,
    logger: new DefaultLogger('WARN'),
  });
  mkdirSync(path.dirname(WORKFLOW_BUNDLE_PATH), { recursive: true });
  writeFileSync(WORKFLOW_BUNDLE_PATH, code);
}
