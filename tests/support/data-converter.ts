import { randomBytes } from 'node:crypto';
import type { PayloadKey } from '../../config/payload-keys.js';
import { caseDataConverter } from '../../infra/data-converter.js';

/**
 * Tests encrypt payloads as production does, with a key of their own process: whatever they leave
 * on a Temporal server is unreadable once they are gone.
 */
export const TEST_PAYLOAD_KEYS: readonly PayloadKey[] = [{ id: 'test', key: randomBytes(32) }];

export const testDataConverter = caseDataConverter(TEST_PAYLOAD_KEYS);
