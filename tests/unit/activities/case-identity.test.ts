import { describe, expect, it } from 'vitest';
import { caseIdFor, identityKeys, normaliseDesa, normaliseName } from '../../../infra/case-identity.js';

const SECRET = 'test-secret-that-is-at-least-32-characters-long';
const child = { nik: '6408041203150001', fullName: 'Budi Santoso', birthDate: '2015-03-12', kecamatan: '640804', desa: 'Swarga Bara' };

describe('recognising the same child in a second report', () => {
  it('gives a child with a NIK two keys, the NIK key first; without a NIK only the name key', () => {
    expect(identityKeys(child, SECRET).map((k) => k.kind)).toEqual(['NIK', 'NAME_BIRTHDATE_DESA']);
    const { nik: _nik, ...withoutNik } = child;
    expect(identityKeys(withoutNik, SECRET).map((k) => k.kind)).toEqual(['NAME_BIRTHDATE_DESA']);
  });

  it('matches the name key when the name or desa is spelled with other spacing, case, accents or a "Desa" prefix', () => {
    const variant = { ...child, fullName: '  budi   SANTOSÖ ', desa: 'Desa  swarga bara' };
    const [, nameKey] = identityKeys(child, SECRET);
    const [, variantNameKey] = identityKeys(variant, SECRET);
    expect(variantNameKey).toEqual(nameKey);
    expect(normaliseName("Siti  Nur'Aini")).toBe(normaliseName('siti nuraini'));
    expect(normaliseDesa('Kelurahan Teluk Lingga')).toBe('teluk lingga');
  });

  it('reads a NIK written with spaces or dots as the same NIK', () => {
    expect(identityKeys({ ...child, nik: '6408 0412 0315 0001' }, SECRET)[0]).toEqual(identityKeys(child, SECRET)[0]);
  });

  it('tells different children apart: another NIK, birth date or desa gives another key', () => {
    const keys = identityKeys(child, SECRET);
    expect(caseIdFor(identityKeys({ ...child, nik: '6408041203150002' }, SECRET))).not.toBe(caseIdFor(keys));
    expect(identityKeys({ ...child, birthDate: '2015-03-13' }, SECRET)[1]).not.toEqual(keys[1]);
    expect(identityKeys({ ...child, desa: 'Singa Gembara' }, SECRET)[1]).not.toEqual(keys[1]);
  });

  it('derives a stable case id from the NIK when known, else from name, birth date and desa', () => {
    const caseId = caseIdFor(identityKeys(child, SECRET));
    expect(caseId).toMatch(/^ats-[a-z2-7]{20}$/);
    expect(caseIdFor(identityKeys({ ...child, fullName: 'Budi S.' }, SECRET))).toBe(caseId);
    const { nik: _nik, ...withoutNik } = child;
    expect(caseIdFor(identityKeys(withoutNik, SECRET))).toMatch(/^ats-[a-z2-7]{20}$/);
    expect(caseIdFor(identityKeys(withoutNik, SECRET))).not.toBe(caseId);
  });

  it('reveals nothing about the child in keys or case id, and depends on the secret', () => {
    const keys = identityKeys(child, SECRET);
    const caseId = caseIdFor(keys);
    for (const text of [caseId, ...keys.map((k) => k.hash)]) {
      expect(text).not.toContain('6408041203150001');
      expect(text).not.toContain('120315');
      expect(text.toLowerCase()).not.toContain('budi');
      expect(text).not.toContain('2015');
    }
    expect(caseIdFor(identityKeys(child, `${SECRET}-other`))).not.toBe(caseId);
  });
});
