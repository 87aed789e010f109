import type { DataConverter } from '@temporalio/common';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes.js';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { CASE_SEARCH_ATTRIBUTES } from '../../domain/search-attributes.js';
import { temporalTestServer } from '../../infra/binaries.js';
import { testDataConverter } from './data-converter.js';

/**
 * A time-skipping Temporal test server for one test file, with the case search attributes registered:
 * upserting an unregistered attribute would fail every workflow task. Its client encrypts payloads
 * as the workers do.
 */
export async function createTimeSkippingEnv(dataConverter: DataConverter = testDataConverter): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServer() } },
    client: { dataConverter },
  });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(CASE_SEARCH_ATTRIBUTES.map((key) => [key.name, encodeSearchAttributeIndexedValueType(key.type)!])),
  });
  return env;
}
