import { describe, expect, it } from 'vitest';
import { formRejection, parseFormRejection } from '../../../workflows/messages.js';

describe('a form rejection', () => {
  it('carries the field errors to the API, which reads them back', () => {
    const fields = [{ field: 'visitDate', message: 'Tanggal tidak ada di kalender.' }];
    expect(parseFormRejection(formRejection(fields).message)).toEqual(fields);
  });

  it('is told apart from other rejections and from garbled messages', () => {
    expect(parseFormRejection('Tugas ini sudah selesai.')).toBeUndefined();
    expect(parseFormRejection('INVALID_FORM:{not json')).toBeUndefined();
    expect(parseFormRejection('INVALID_FORM:[{"field":1}]')).toBeUndefined();
  });
});
