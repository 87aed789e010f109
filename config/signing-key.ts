import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/** The Ed25519 key that signs case exports; its id lets a verifier pick the right public key after a rotation. */
export interface SigningKey {
  /** First 16 hex digits of the SHA-256 of the public key (SPKI DER): derived, so it cannot disagree with the key. */
  id: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public key as SPKI PEM, what `GET /api/v1/audit/signing-key` publishes. */
  publicKeyPem: string;
}

export const SIGNING_KEY_FORMAT = 'must be an Ed25519 private key, PKCS#8 PEM or the base64 of its DER';

/**
 * `AUDIT_SIGNING_KEY`: PKCS#8 PEM (newlines may be written as \n in one-line environments) or the
 * base64 of the DER. Issues never include key material.
 */
export const signingKeySchema = z.string().transform((text, context): SigningKey => {
  const key = parsePrivateKey(text.trim());
  if (!key) {
    context.addIssue({ code: 'custom', message: SIGNING_KEY_FORMAT });
    return z.NEVER;
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    context.addIssue({ code: 'custom', message: `${SIGNING_KEY_FORMAT} (got a ${key.asymmetricKeyType ?? 'unknown'} key)` });
    return z.NEVER;
  }
  return signingKeyOf(key);
});

export function signingKeyOf(privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey);
  return {
    id: keyIdOf(publicKey),
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** The id of a public key, as exports name the key that signed them. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

function parsePrivateKey(text: string): KeyObject | undefined {
  try {
    if (text.includes('-----BEGIN')) return createPrivateKey({ key: text.replaceAll('\\n', '\n'), format: 'pem' });
    if (!/^[A-Za-z0-9+/=_-]+$/.test(text)) return undefined;
    return createPrivateKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    return undefined;
  }
}

/** The environment variable's form of a key (base64 of the PKCS#8 DER), for child processes and development. */
export function formatSigningKey(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'der' }).toString('base64');
}
