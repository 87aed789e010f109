import { describe, expect, it } from 'vitest';
import { hashPassword, UNUSABLE_PASSWORD_HASH, verifyPassword } from '../../../infra/passwords.js';

describe('staff passwords', () => {
  it('are kept as a salted scrypt hash that only the right password matches', async () => {
    const stored = await hashPassword('Sangatta-2026-rahasia');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain('Sangatta');
    expect(await verifyPassword('Sangatta-2026-rahasia', stored)).toBe(true);
    expect(await verifyPassword('sangatta-2026-rahasia', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('hash the same password differently each time, so equal passwords do not show in the table', async () => {
    const [first, second] = await Promise.all([hashPassword('sama-saja-123'), hashPassword('sama-saja-123')]);
    expect(first).not.toBe(second);
    expect(await verifyPassword('sama-saja-123', second)).toBe(true);
  });

  it('accept a password typed with a differently composed accent (Unicode normalisation)', async () => {
    const stored = await hashPassword('Kata-sandi-Andé');
    expect(await verifyPassword('Kata-sandi-Ande\u0301', stored)).toBe(true);
  });

  it('keep the cost parameters in the stored value, so raising them later keeps old passwords working', async () => {
    const stored = await hashPassword('parameter-lama-1');
    const [, cost] = stored.split('$');
    expect(Number(cost)).toBeGreaterThanOrEqual(2 ** 14);
    expect(await verifyPassword('parameter-lama-1', stored.replace(/^scrypt/, 'bcrypt'))).toBe(false);
  });

  it('match nothing with the stand-in hash used for unknown accounts', async () => {
    expect(await verifyPassword('', UNUSABLE_PASSWORD_HASH)).toBe(false);
    expect(await verifyPassword('admin', UNUSABLE_PASSWORD_HASH)).toBe(false);
  });
});
