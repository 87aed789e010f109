import { randomBytes } from 'node:crypto';
import { ApplicationFailure, defaultPayloadConverter, type Payload } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '../../../config/env.js';
import { formatPayloadKeys, type PayloadKey } from '../../../config/payload-keys.js';
import { failureConverter } from '../../../infra/failure-converter.js';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA } from '../../../infra/payload-codec.js';

const key = (id: string): PayloadKey => ({ id, key: randomBytes(32) });
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');
const child = { fullName: 'Nur Aisyah binti Rahman', nik: '6408045507140002', address: 'Jl. Poros Kabo RT 12, Swarga Bara' };
const asPayload = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);

describe('the payload codec, as the Temporal server sees its output', () => {
  it('stores a child’s data as ciphertext with only the encoding and key id readable', async () => {
    const codec = new AesGcmPayloadCodec([key('2027-01')]);
    const [encrypted] = await codec.encode([asPayload(child)]);

    expect(text(encrypted!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(encrypted!.metadata![KEY_ID_METADATA])).toBe('2027-01');
    expect(Object.keys(encrypted!.metadata!).sort()).toEqual(['encoding', KEY_ID_METADATA].sort());
    const stored = Buffer.from(encrypted!.data!);
    for (const value of [...Object.values(child), 'json/plain', 'Aisyah']) {
      expect(stored.includes(value)).toBe(false);
      expect(stored.toString('base64')).not.toContain(Buffer.from(value).toString('base64'));
    }
  });

  it('gives the same payload a different ciphertext every time (a fresh IV each)', async () => {
    const codec = new AesGcmPayloadCodec([key('k1')]);
    const [first, second] = await codec.encode([asPayload(child), asPayload(child)]);
    expect(Buffer.from(first!.data!).subarray(0, 12).equals(Buffer.from(second!.data!).subarray(0, 12))).toBe(false);
    expect(Buffer.from(first!.data!).equals(Buffer.from(second!.data!))).toBe(false);
  });

  it('decodes back to exactly the payload it was given, metadata included', async () => {
    const codec = new AesGcmPayloadCodec([key('k1')]);
    const original = asPayload(child);
    const [decoded] = await codec.decode(await codec.encode([original]));
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(child);
    expect(text(decoded!.metadata!.encoding)).toBe('json/plain');
  });

  it('passes payloads it did not encrypt through untouched', async () => {
    const codec = new AesGcmPayloadCodec([key('k1')]);
    const plain = asPayload('already plain');
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  it('keeps decrypting old histories after a key rotation, and encrypts with the new key', async () => {
    const old = key('2026-01');
    const current = key('2027-01');
    const [writtenLastYear] = await new AesGcmPayloadCodec([old]).encode([asPayload(child)]);
    const rotated = new AesGcmPayloadCodec([current, old]);

    expect(defaultPayloadConverter.fromPayload((await rotated.decode([writtenLastYear!]))[0]!)).toEqual(child);
    const [writtenNow] = await rotated.encode([asPayload(child)]);
    expect(text(writtenNow!.metadata![KEY_ID_METADATA])).toBe('2027-01');
  });

  it('refuses a payload whose key it does not hold, and one that was tampered with', async () => {
    const [foreign] = await new AesGcmPayloadCodec([key('elsewhere')]).encode([asPayload(child)]);
    const codec = new AesGcmPayloadCodec([key('k1')]);
    await expect(codec.decode([foreign!])).rejects.toThrow('Payload encrypted with key "elsewhere", which is not among PAYLOAD_ENCRYPTION_KEYS');

    const [mine] = await codec.encode([asPayload(child)]);
    const tampered = Buffer.from(mine!.data!);
    tampered[20] = tampered[20]! ^ 1;
    await expect(codec.decode([{ ...mine!, data: tampered }])).rejects.toThrow();
  });
});

describe('failures on their way to Temporal', () => {
  it('carry their message and stack only in the encoded attributes, which the codec encrypts', async () => {
    const failure = failureConverter.errorToFailure(
      ApplicationFailure.retryable(`Dukcapil tidak menjawab untuk ${child.fullName} (${child.nik})`, 'RegistryUnavailable'),
      defaultPayloadConverter,
    );
    expect(failure.message).toBe('Encoded failure');
    expect(failure.stackTrace).toBe('');
    expect(failure.applicationFailureInfo?.type).toBe('RegistryUnavailable');
    const [encrypted] = await new AesGcmPayloadCodec([key('k1')]).encode([failure.encodedAttributes!]);
    expect(Buffer.from(encrypted!.data!).includes(child.nik)).toBe(false);
  });
});

describe('PAYLOAD_ENCRYPTION_KEYS', () => {
  const twoKeys = [key('2027-01'), key('2026-01')];

  it('reads a key ring whose first key encrypts', () => {
    const env = parseEnv({ PAYLOAD_ENCRYPTION_KEYS: formatPayloadKeys(twoKeys) });
    expect(env.PAYLOAD_ENCRYPTION_KEYS?.map((k) => k.id)).toEqual(['2027-01', '2026-01']);
    expect(env.PAYLOAD_ENCRYPTION_KEYS?.[0]?.key.equals(twoKeys[0]!.key)).toBe(true);
  });

  it.each([
    ['no key id', randomBytes(32).toString('base64'), 'entry 1 has no keyId: before the key'],
    ['a short key', `k1:${randomBytes(16).toString('base64')}`, 'entry 1 decodes to 16 bytes instead of 32'],
    ['a repeated id', `k1:${randomBytes(32).toString('base64')},k1:${randomBytes(32).toString('base64')}`, 'entry 2 repeats the keyId k1'],
    ['no base64', 'k1:not base64 at all!', 'entry 1 is not base64'],
  ])('stops the process with one line naming the variable, without showing the key, for %s', (_, value, problem) => {
    let error: unknown;
    try {
      parseEnv({ PAYLOAD_ENCRYPTION_KEYS: value });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Invalid configuration: PAYLOAD_ENCRYPTION_KEYS must be comma-separated keyId:base64 entries/);
    expect(message).toContain(problem);
    expect(message).toContain('(value not shown)');
    expect(message).not.toContain(value.split(':').at(-1)!.slice(0, 12));
    expect(message.split('\n')).toHaveLength(1);
  });
});
