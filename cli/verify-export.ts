/**
 * `npm run export:verify -- <file> [--public-key <pem file>]` checks the Ed25519 signature of a case
 * export downloaded from `GET /api/v1/cases/:caseId/export`. Without --public-key it uses the public
 * half of AUDIT_SIGNING_KEY (or of the development key `npm start` keeps in DATA_DIR). Exits with 1
 * when the signature does not hold, with one line saying why. Meant for inspectors too: it needs no
 * database and no server, only the file and the published public key.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, parseEnv } from '../config/env.js';
import { runMain } from '../config/require.js';
import { developmentSigningKey } from '../infra/dev-secrets.js';
import { verifyExport } from '../infra/signed-export.js';

const USAGE = 'usage: npm run export:verify -- <export.json> [--public-key <public-key.pem>]';

await runMain(async () => {
  const { file, publicKeyFile } = parseCommand(process.argv.slice(2));
  const publicKey = publicKeyFile ? readText(publicKeyFile, 'public key') : configuredPublicKey();
  let parsed: unknown;
  try {
    parsed = JSON.parse(readText(file, 'export'));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    console.log(`✗ ${file}: bukan JSON yang sah, tanda tangan tidak dapat diperiksa.`);
    process.exitCode = 1;
    return;
  }
  let verdict;
  try {
    verdict = verifyExport(parsed, publicKey);
  } catch {
    throw new ConfigError(`${publicKeyFile ?? 'AUDIT_SIGNING_KEY'} is not an Ed25519 public key in PEM (${USAGE})`);
  }
  if (verdict.valid) {
    const record = (parsed as { record: { caseId?: unknown; exportedAt?: unknown } }).record;
    console.log(`✓ ${file}: tanda tangan sah (kunci ${verdict.keyId}); kasus ${String(record.caseId)}, diekspor ${String(record.exportedAt)}.`);
  } else {
    console.log(`✗ ${file}: ${verdict.message}`);
    process.exitCode = 1;
  }
});

function parseCommand(argv: string[]): { file: string; publicKeyFile?: string } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { 'public-key': { type: 'string' } }, allowPositionals: true, strict: true });
    if (positionals.length !== 1) throw new Error('give exactly one export file');
    return { file: positionals[0]!, publicKeyFile: values['public-key'] };
  } catch (error) {
    throw new ConfigError(`${(error as Error).message.split('\n')[0]} (${USAGE})`);
  }
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`Cannot read the ${what} file ${file} (${USAGE})`);
  }
}

function configuredPublicKey(): string {
  const env = parseEnv();
  if (env.AUDIT_SIGNING_KEY) return env.AUDIT_SIGNING_KEY.publicKeyPem;
  const devSecrets = path.join(env.DATA_DIR, 'dev-secrets.json');
  // Only a key `npm start` already made: a verifier must never make up a key of its own.
  if (existsSync(devSecrets) && 'AUDIT_SIGNING_KEY' in JSON.parse(readFileSync(devSecrets, 'utf8'))) {
    return developmentSigningKey(env.DATA_DIR).publicKeyPem;
  }
  throw new ConfigError(`No public key: pass --public-key with the PEM from GET /api/v1/audit/signing-key, or set AUDIT_SIGNING_KEY (${USAGE})`);
}
