/**
 * Bundles the workflow code once at build time, so a worker starts in a second instead of
 * bundling on every start: `npm run build` writes dist/workflow-bundle.js, and the worker uses it
 * when WORKFLOW_BUNDLE_PATH points at it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { WORKFLOW_BUNDLE_SOURCES } from '../worker/worker.js';

const output = path.resolve(process.argv[2] ?? 'dist/workflow-bundle.js');
const { code } = await bundleWorkflowCode({ ...WORKFLOW_BUNDLE_SOURCES, logger: new DefaultLogger('WARN') });
mkdirSync(path.dirname(output), { recursive: true });
writeFileSync(output, code);
console.log(`Workflow bundle written to ${path.relative(process.cwd(), output)} (${(code.length / 1024 / 1024).toFixed(1)} MB)`);
