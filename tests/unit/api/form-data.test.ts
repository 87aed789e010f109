import { describe, expect, it } from 'vitest';
import { formToObject } from '../../../api/tasks/form-data.js';
import { taskFormSchemas } from '../../../domain/tasks.js';

describe('turning an HTML form into the shape of the task schema', () => {
  it('reads a visit report: yes/no answers become booleans, ticked boxes a list, dotted names a nested object', () => {
    const form = formToObject(
      {
        _csrf: 'ignored',
        familyMet: 'true',
        reasonsConfirmed: ['ECONOMIC', 'DISTANCE'],
        childWilling: 'true',
        parentsWilling: 'false',
        agreedPath: 'PAKET_B',
        'targetSchool.name': 'PKBM Harapan Bangsa',
        'targetSchool.npsn': '',
        whyNotMet: 'NOT_HOME',
        note: '',
      },
      taskFormSchemas.VISIT_REPORT,
    );
    expect(form).toEqual({
      familyMet: true,
      reasonsConfirmed: ['ECONOMIC', 'DISTANCE'],
      childWilling: true,
      parentsWilling: false,
      agreedPath: 'PAKET_B',
      targetSchool: { name: 'PKBM Harapan Bangsa' },
    });
    expect(taskFormSchemas.VISIT_REPORT.safeParse(form).success).toBe(true);
  });

  it('keeps only the answered branch of an either/or form, so a leftover field does not make it invalid', () => {
    const form = formToObject(
      { familyMet: 'false', whyNotMet: 'MOVED', reasonsConfirmed: 'ECONOMIC', agreedPath: '', 'targetSchool.name': '' },
      taskFormSchemas.VISIT_REPORT,
    );
    expect(form).toEqual({ familyMet: false, whyNotMet: 'MOVED' });
    expect(taskFormSchemas.VISIT_REPORT.safeParse(form).success).toBe(true);
  });

  it('makes a single ticked box a list and leaves an unticked group out', () => {
    expect(formToObject({ familyMet: 'true', reasonsConfirmed: 'WORKING' }, taskFormSchemas.VISIT_REPORT)).toEqual({
      familyMet: true,
      reasonsConfirmed: ['WORKING'],
    });
    expect(formToObject({ familyMet: 'true' }, taskFormSchemas.VISIT_REPORT)).toEqual({ familyMet: true });
  });

  it('turns the grade into a number but keeps an NPSN a string of digits', () => {
    expect(
      formToObject({ npsn: '30401234', schoolName: 'SD Negeri 005', enrolmentDate: '2026-07-13', grade: ' 4 ' }, taskFormSchemas.ENROLMENT_CONFIRMATION),
    ).toEqual({ npsn: '30401234', schoolName: 'SD Negeri 005', enrolmentDate: '2026-07-13', grade: 4 });
  });

  it('passes what cannot be converted to the schema, which explains it in Indonesian', () => {
    const form = formToObject({ grade: 'empat', familyMet: 'mungkin' }, taskFormSchemas.ENROLMENT_CONFIRMATION);
    expect(form).toEqual({ grade: 'empat' });
    const result = taskFormSchemas.ENROLMENT_CONFIRMATION.safeParse(form);
    expect(result.error?.issues.find((issue) => issue.path[0] === 'grade')?.message).toBe('Kelas harus berupa angka.');
  });

  it('treats empty and blank inputs as not filled in', () => {
    expect(formToObject({ visitDate: '   ', note: '' }, taskFormSchemas.VISIT_SCHEDULING)).toEqual({});
    const unanswered = formToObject({ familyMet: '' }, taskFormSchemas.VISIT_REPORT);
    expect(unanswered).toEqual({});
    expect(taskFormSchemas.VISIT_REPORT.safeParse(unanswered).error?.issues[0]?.message).toBe('Pilih apakah keluarga berhasil ditemui.');
  });
});
