import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import type { PayloadKey } from '../config/payload-keys.js';
import { developmentSecret } from './dev-secrets.js';
import { AesGcmPayloadCodec } from './payload-codec.js';

/** Loaded by path (see the module): outside the sandbox by the SDK, inside it through the workflow bundle. */
export const FAILURE_CONVERTER_PATH = fileURLToPath(new URL('./failure-converter.ts', import.meta.url));

/**
 * How every payload of a case reaches Temporal and comes back: encrypted by the codec, failures
 * included. Clients, workers and replayers must all use it, and the workflow bundle must be built
 * with the same failure converter, or they cannot read each other's payloads.
 */
export function caseDataConverter(keys: readonly PayloadKey[]): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(keys)], failureConverterPath: FAILURE_CONVERTER_PATH };
}

/** The key `npm start` uses when PAYLOAD_ENCRYPTION_KEYS is unset: generated once into DATA_DIR, stable across restarts. */
export function developmentPayloadKeys(dataDir: string): PayloadKey[] {
  const secret = developmentSecret(dataDir, 'PAYLOAD_ENCRYPTION_KEY');
  return [{ id: 'development', key: createHash('sha256').update(secret).digest() }];
}
