import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../activities/event-chain.js';
import { keyIdOf, type SigningKey } from '../config/signing-key.js';

/**
 * A case export is `{ record, signature }`: the Ed25519 signature covers the RFC 8785 canonical JSON
 * of `record` (the same serialisation the audit log's hash chain uses), so pretty-printing, reordering
 * keys or re-encoding the file does not break it, and any change to a value does.
 */
export interface ExportSignature {
  algorithm: 'Ed25519';
  canonicalization: 'RFC8785';
  keyId: string;
  /** base64 */
  value: string;
}

export interface SignedExport<T> {
  record: T;
  signature: ExportSignature;
}

export function signExport<T>(record: T, key: SigningKey): SignedExport<T> {
  const value = sign(null, Buffer.from(canonicalJson(record), 'utf8'), key.privateKey).toString('base64');
  return { record, signature: { algorithm: 'Ed25519', canonicalization: 'RFC8785', keyId: key.id, value } };
}

export type ExportVerdict =
  | { valid: true; keyId: string }
  | { valid: false; problem: 'NOT_AN_EXPORT' | 'WRONG_KEY' | 'BAD_SIGNATURE'; message: string };

/** Checks a parsed export file against a public key (PEM or KeyObject); never throws on a bad file. */
export function verifyExport(file: unknown, publicKey: string | KeyObject): ExportVerdict {
  const shape = exportShape(file);
  if (!shape) {
    return { valid: false, problem: 'NOT_AN_EXPORT', message: 'Berkas ini bukan ekspor kasus bertanda tangan: harus memuat "record" dan "signature" Ed25519.' };
  }
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const keyId = keyIdOf(key);
  if (shape.signature.keyId !== keyId) {
    return {
      valid: false,
      problem: 'WRONG_KEY',
      message: `Ekspor ini menyebut kunci penanda tangan ${shape.signature.keyId}, sedangkan kunci publik yang diberikan adalah ${keyId}.`,
    };
  }
  const signature = Buffer.from(shape.signature.value, 'base64');
  const ok = signature.length === 64 && verify(null, Buffer.from(canonicalJson(shape.record), 'utf8'), key, signature);
  return ok
    ? { valid: true, keyId: shape.signature.keyId }
    : { valid: false, problem: 'BAD_SIGNATURE', message: 'Tanda tangan tidak cocok dengan isi: berkas diubah setelah ditandatangani, atau ditandatangani dengan kunci lain.' };
}

function exportShape(file: unknown): SignedExport<unknown> | undefined {
  if (typeof file !== 'object' || file === null || !('record' in file) || !('signature' in file)) return undefined;
  const signature = (file as { signature: unknown }).signature as Partial<ExportSignature> | null;
  if (typeof signature !== 'object' || signature === null) return undefined;
  if (signature.algorithm !== 'Ed25519' || typeof signature.keyId !== 'string' || typeof signature.value !== 'string') return undefined;
  return file as SignedExport<unknown>;
}
