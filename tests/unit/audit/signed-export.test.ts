import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '../../../config/env.js';
import { formatSigningKey } from '../../../config/signing-key.js';
import { signExport, verifyExport } from '../../../infra/signed-export.js';

const ed25519 = () => generateKeyPairSync('ed25519').privateKey;

describe('AUDIT_SIGNING_KEY', () => {
  it('takes an Ed25519 key as PKCS#8 PEM (also with \\n written out) or as the base64 of its DER, and derives its id', () => {
    const key = ed25519();
    const pem = key.export({ type: 'pkcs8', format: 'pem' }).toString();
    const fromPem = parseEnv({ AUDIT_SIGNING_KEY: pem }).AUDIT_SIGNING_KEY!;
    const fromOneLine = parseEnv({ AUDIT_SIGNING_KEY: pem.replaceAll('\n', '\\n') }).AUDIT_SIGNING_KEY!;
    const fromBase64 = parseEnv({ AUDIT_SIGNING_KEY: formatSigningKey(key) }).AUDIT_SIGNING_KEY!;
    expect(fromPem.id).toMatch(/^[0-9a-f]{16}$/);
    expect(fromOneLine.id).toBe(fromPem.id);
    expect(fromBase64.id).toBe(fromPem.id);
    expect(fromPem.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
  });

  it('refuses another kind of key or garbage in one line that never shows the value', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    for (const value of [rsa, 'not-a-key', Buffer.from('x'.repeat(48)).toString('base64')]) {
      let message = '';
      try {
        parseEnv({ AUDIT_SIGNING_KEY: value });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        message = (error as Error).message;
      }
      expect(message).toMatch(/^Invalid configuration: AUDIT_SIGNING_KEY must be an Ed25519 private key, PKCS#8 PEM or the base64 of its DER/);
      expect(message).toContain('(value not shown)');
      if (value.length > 40) expect(message).not.toContain(value.slice(30, 60));
    }
  });
});

describe('a signed export', () => {
  const key = parseEnv({ AUDIT_SIGNING_KEY: formatSigningKey(ed25519()) }).AUDIT_SIGNING_KEY!;
  const record = { caseId: 'c_1', exportedAt: '2026-12-04T03:00:00.000Z', history: [{ description: 'Kasus dibuka — “SIPBM”', n: 1 }], nothing: null };

  it('verifies whatever the key order or spacing of the file', () => {
    const signed = signExport(record, key);
    expect(signed.signature).toMatchObject({ algorithm: 'Ed25519', canonicalization: 'RFC8785', keyId: key.id });
    const reordered = JSON.parse(JSON.stringify({ signature: signed.signature, record: { nothing: null, history: record.history, exportedAt: record.exportedAt, caseId: 'c_1' } }));
    expect(verifyExport(reordered, key.publicKeyPem)).toEqual({ valid: true, keyId: key.id });
  });

  it('fails on any changed value, a changed signature, another key or a file that is no export', () => {
    const signed = signExport(record, key);
    expect(verifyExport({ ...signed, record: { ...record, caseId: 'c_2' } }, key.publicKeyPem)).toMatchObject({ valid: false, problem: 'BAD_SIGNATURE' });
    const bytes = Buffer.from(signed.signature.value, 'base64');
    bytes[0] = bytes[0]! ^ 0x80;
    expect(verifyExport({ ...signed, signature: { ...signed.signature, value: bytes.toString('base64') } }, key.publicKeyPem)).toMatchObject({ valid: false, problem: 'BAD_SIGNATURE' });
    const other = parseEnv({ AUDIT_SIGNING_KEY: formatSigningKey(ed25519()) }).AUDIT_SIGNING_KEY!;
    expect(verifyExport(signed, other.publicKeyPem)).toMatchObject({ valid: false, problem: 'WRONG_KEY' });
    expect(verifyExport({ record }, key.publicKeyPem)).toMatchObject({ valid: false, problem: 'NOT_AN_EXPORT' });
    expect(verifyExport('kasus', key.publicKeyPem)).toMatchObject({ valid: false, problem: 'NOT_AN_EXPORT' });
  });
});
