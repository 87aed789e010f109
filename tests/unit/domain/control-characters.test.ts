import { describe, expect, it } from 'vitest';
import { CONTROL_CHARACTER_MESSAGE, fieldErrors, hasControlCharacter, withoutControlCharacters, z } from '../../../domain/validation.js';

describe('text a person typed', () => {
  it('may hold tabs, line breaks and any letter, but no other control character', () => {
    const refused = [...Array.from({ length: 0x20 }, (_, code) => code).filter((code) => ![0x09, 0x0a, 0x0d].includes(code)), 0x7f];
    for (const code of refused) expect(hasControlCharacter(`a${String.fromCharCode(code)}b`), `U+${code.toString(16).padStart(4, '0')}`).toBe(true);
    for (const text of ['Baris satu\r\nbaris dua', 'kolom\tkolom', "Nur'Alim – Sangatta ✓", 'Müller 🌱']) expect(hasControlCharacter(text), text).toBe(false);
  });

  it('is checked wherever it sits in a schema, each field named by its own path', () => {
    const schema = withoutControlCharacters(z.object({ name: z.string(), visits: z.array(z.object({ note: z.string() })), count: z.number() }));
    const parsed = schema.safeParse({ name: 'Siti\u0000', visits: [{ note: 'ok' }, { note: 'x\u001b[2J' }], count: 3 });
    expect(parsed.success).toBe(false);
    expect(fieldErrors(parsed.error!)).toEqual([
      { field: 'name', message: CONTROL_CHARACTER_MESSAGE },
      { field: 'visits.1.note', message: CONTROL_CHARACTER_MESSAGE },
    ]);
    expect(schema.parse({ name: 'Siti', visits: [], count: 0 })).toEqual({ name: 'Siti', visits: [], count: 0 });
  });
});
