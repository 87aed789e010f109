import { z } from 'zod';

/** One AES-256 key of the payload codec; its id travels in clear text beside every payload it encrypted. */
export interface PayloadKey {
  id: string;
  key: Buffer;
}

const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
export const PAYLOAD_KEYS_FORMAT = 'must be comma-separated keyId:base64 entries of 32-byte keys, the key that encrypts first';

/**
 * `PAYLOAD_ENCRYPTION_KEYS`: `keyId:base64(32 bytes)`, comma-separated. The first key encrypts; every
 * key decrypts, so rotating means putting a new key first and keeping the old ones for as long as
 * histories encrypted with them exist. Issues name the entry, never its key material.
 */
export const payloadKeysSchema = z.string().transform((text, context): PayloadKey[] => {
  const keys: PayloadKey[] = [];
  const entries = text.split(',').map((entry) => entry.trim());
  for (const [index, entry] of entries.entries()) {
    const problem = entryProblem(entry, keys);
    if (problem) {
      context.addIssue({ code: 'custom', message: `${PAYLOAD_KEYS_FORMAT}; entry ${index + 1} ${problem}` });
      return z.NEVER;
    }
    const separator = entry.indexOf(':');
    keys.push({ id: entry.slice(0, separator), key: Buffer.from(entry.slice(separator + 1), 'base64') });
  }
  return keys;
});

function entryProblem(entry: string, earlier: readonly PayloadKey[]): string | undefined {
  const separator = entry.indexOf(':');
  if (separator < 0) return 'has no keyId: before the key';
  const id = entry.slice(0, separator);
  const material = entry.slice(separator + 1);
  if (!KEY_ID.test(id)) return 'has a keyId that is not 1-64 letters, digits, dots, dashes or underscores';
  if (earlier.some((key) => key.id === id)) return `repeats the keyId ${id}`;
  if (!BASE64.test(material)) return 'is not base64';
  const bytes = Buffer.from(material, 'base64').length;
  return bytes === KEY_BYTES ? undefined : `decodes to ${bytes} bytes instead of ${KEY_BYTES}`;
}

/** The environment variable's form of a key ring, for child processes and documentation. */
export function formatPayloadKeys(keys: readonly PayloadKey[]): string {
  return keys.map((key) => `${key.id}:${key.key.toString('base64')}`).join(',');
}
