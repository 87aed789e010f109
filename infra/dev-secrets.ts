import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { signingKeySchema, type SigningKey } from '../config/signing-key.js';

/**
 * A secret for local development, generated once and kept in DATA_DIR so that case ids stay
 * stable across restarts. Production sets the secret explicitly.
 */
export function developmentSecret(dataDir: string, name: string): string {
  return storedSecret(dataDir, name, () => randomBytes(48).toString('base64url'));
}

/**
 * The export-signing key `npm start` uses when AUDIT_SIGNING_KEY is unset: an Ed25519 key generated
 * once into DATA_DIR (base64 of its PKCS#8 DER), so exports stay verifiable across restarts.
 */
export function developmentSigningKey(dataDir: string): SigningKey {
  return signingKeySchema.parse(developmentSigningKeyText(dataDir));
}

/** The development export-signing key as AUDIT_SIGNING_KEY holds it, for the processes `npm start` runs. */
export function developmentSigningKeyText(dataDir: string): string {
  return storedSecret(dataDir, 'AUDIT_SIGNING_KEY', () =>
    generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  );
}

function storedSecret(dataDir: string, name: string, generate: () => string): string {
  const file = path.join(dataDir, 'dev-secrets.json');
  const secrets: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  if (!secrets[name]) {
    secrets[name] = generate();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  return secrets[name];
}
