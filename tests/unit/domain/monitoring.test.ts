import { describe, expect, it } from 'vitest';
import { monitoringCheckTimes, parseMonitoringChecks, rollCheckOf } from '../../../domain/monitoring.js';

const DAY = 86_400_000;
const pupil = { nik: '6408041203150001', nisn: '0151234567', npsn: '30400002', schoolName: 'SD Negeri 002 Sangatta Utara', level: 'SD', grade: 5 } as const;

describe('the checks of the school roll after an enrolment', () => {
  it('are read from durations in days, hours, minutes or seconds, in increasing order', () => {
    expect(parseMonitoringChecks('30d,90d')).toEqual([30 * DAY, 90 * DAY]);
    expect(parseMonitoringChecks(' 12h , 2d ')).toEqual([12 * 3_600_000, 2 * DAY]);
    expect(parseMonitoringChecks('5s')).toEqual([5000]);
  });

  it('refuse a list a person got wrong, saying how', () => {
    expect(parseMonitoringChecks('')).toBe('must list one to six durations, such as 30d,90d');
    expect(parseMonitoringChecks('30 days')).toBe('must list durations such as 30d or 12h (s, m, h, d), not "30 days"');
    expect(parseMonitoringChecks('90d,30d')).toBe('must list positive durations in increasing order');
    expect(parseMonitoringChecks('0d')).toBe('must list positive durations in increasing order');
    expect(parseMonitoringChecks('1d,2d,3d,4d,5d,6d,7d')).toBe('must list one to six durations, such as 30d,90d');
  });

  it('fall after the first school day in WITA, or after the confirmation when the officer confirmed later', () => {
    const firstSchoolDay = Date.parse('2027-01-06T00:00:00+08:00');
    expect(monitoringCheckTimes([30 * DAY, 90 * DAY], '2027-01-06', Date.parse('2026-12-20T03:00:00Z'))).toEqual([
      firstSchoolDay + 30 * DAY, firstSchoolDay + 90 * DAY,
    ]);
    const confirmedLate = Date.parse('2027-01-20T03:00:00Z');
    expect(monitoringCheckTimes([30 * DAY], '2027-01-06', confirmedLate)).toEqual([confirmedLate + 30 * DAY]);
  });
});

describe('what Dapodik’s answer says of a child enrolled on 6 January 2027', () => {
  it('an active pupil is on the roll, at whichever school holds them now', () => {
    expect(rollCheckOf({ ...pupil, status: 'ACTIVE', npsn: '30400009', schoolName: 'SD Negeri 009 Sangatta Utara' }, '2027-01-06')).toEqual({
      finding: 'ON_ROLL', npsn: '30400009', schoolName: 'SD Negeri 009 Sangatta Utara',
    });
  });

  it('an exit on or after the enrolment means the child left again', () => {
    expect(rollCheckOf({ ...pupil, status: 'EXITED', exitType: 'DO', exitDate: '2027-01-06' }, '2027-01-06')).toEqual({
      finding: 'LEFT_SCHOOL', npsn: '30400002', schoolName: 'SD Negeri 002 Sangatta Utara', exitType: 'DO', exitDate: '2027-01-06',
    });
  });

  it('an exit before the enrolment is the old school’s record: the new school has not entered the child yet', () => {
    expect(rollCheckOf({ ...pupil, status: 'EXITED', exitType: 'DO', exitDate: '2026-05-30' }, '2027-01-06')).toEqual({ finding: 'NOT_YET_ON_ROLL' });
    expect(rollCheckOf({ status: 'NOT_FOUND' }, '2027-01-06')).toEqual({ finding: 'NOT_YET_ON_ROLL' });
  });
});
