import { createHmac } from 'node:crypto';

/**
 * Turns a child's identity into keys that find the child's case again, without the keys or the
 * case id revealing who the child is: each key is an HMAC under CASE_KEY_SECRET of a normalised
 * identity string. A child with a NIK has two keys (NIK; name + birth date + desa), a child
 * without one only the second, so a later report that adds the NIK still meets the first case.
 */
export type IdentityKeyKind = 'NIK' | 'NAME_BIRTHDATE_DESA';

export interface IdentityKey {
  kind: IdentityKeyKind;
  /** HMAC-SHA256, hex. */
  hash: string;
}

export interface IdentifiableChild {
  nik?: string | undefined;
  fullName: string;
  birthDate: string;
  kecamatan: string;
  desa: string;
}

/** Keys of a child, the primary one (NIK when known) first. */
export function identityKeys(child: IdentifiableChild, secret: string): IdentityKey[] {
  const keys: IdentityKey[] = [];
  const nikDigits = child.nik?.replace(/\D/g, '') ?? '';
  if (nikDigits !== '') keys.push({ kind: 'NIK', hash: hmacHex(secret, `nik:${nikDigits}`) });
  const nameKey = ['name', normaliseName(child.fullName), child.birthDate.trim(), child.kecamatan.trim(), normaliseDesa(child.desa)].join('|');
  keys.push({ kind: 'NAME_BIRTHDATE_DESA', hash: hmacHex(secret, nameKey) });
  return keys;
}

/** The keyed hash of a NIK alone: the NIK key of `identityKeys`, for records that carry nothing else (the school roll). */
export function nikKeyHash(nik: string, secret: string): string {
  return hmacHex(secret, `nik:${nik.replace(/\D/g, '')}`);
}

/** The workflow id of the child's case, derived from the primary key: `ats-` and 20 base32 characters. */
export function caseIdFor(keys: IdentityKey[]): string {
  const primary = keys.find((k) => k.kind === 'NIK') ?? keys.find((k) => k.kind === 'NAME_BIRTHDATE_DESA');
  if (!primary) throw new Error('caseIdFor needs at least one identity key');
  return `ats-${base32(Buffer.from(primary.hash, 'hex')).slice(0, 20)}`;
}

/**
 * The id of the duplicate review of a report (workflow id and row id): `dup-` and 20 base32 characters,
 * derived from the report's name + birth date + desa key, so the same report sent twice meets the same review.
 */
export function reviewIdFor(keys: IdentityKey[], secret: string): string {
  const nameKey = keys.find((k) => k.kind === 'NAME_BIRTHDATE_DESA');
  if (!nameKey) throw new Error('reviewIdFor needs the name key');
  return `dup-${base32(Buffer.from(hmacHex(secret, `review:${nameKey.hash}`), 'hex')).slice(0, 20)}`;
}

/** Lower case, accents and punctuation gone, single spaces: "  Siti  Nur'Aini " and "siti nuraini" agree. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** As `normaliseName`, and without a leading "Desa"/"Kelurahan", which reporters add or leave out. */
export function normaliseDesa(desa: string): string {
  return normaliseName(desa).replace(/^(desa|kelurahan|kel) /, '');
}

function hmacHex(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value, 'utf8').digest('hex');
}

const BASE32_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** RFC 4648 base32, lower case, without padding. */
function base32(bytes: Buffer): string {
  let output = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) output += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return output;
}
