import { startOfWitaDay } from './period.js';
import type { DapodikFindResponse } from './registries.js';

/**
 * After an enrolment the case watches the school roll for a while: the checks fall this long after the
 * first school day (or after the confirmation, when the officer confirmed only once the child had started).
 * The last check decides: still on the roll, the child is retained and the case closes.
 */
export const DEFAULT_MONITORING_CHECKS = '30d,90d';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d{1,4})([smhd])$/;

/** "30d,90d" → offsets in ms, or an error message for the configuration line. */
export function parseMonitoringChecks(text: string): number[] | string {
  const parts = text.split(',').map((part) => part.trim()).filter(Boolean);
  if (parts.length === 0 || parts.length > 6) return 'must list one to six durations, such as 30d,90d';
  const offsets: number[] = [];
  for (const part of parts) {
    const match = DURATION.exec(part);
    if (!match) return `must list durations such as 30d or 12h (s, m, h, d), not "${part}"`;
    const offset = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
    if (offset <= 0 || (offsets.length > 0 && offset <= offsets.at(-1)!)) return 'must list positive durations in increasing order';
    offsets.push(offset);
  }
  return offsets;
}

/** The moments of the checks: measured from the first school day, or from the confirmation if that came later. */
export function monitoringCheckTimes(offsets: readonly number[], enrolmentDate: string, confirmedAt: number): number[] {
  const from = Math.max(startOfWitaDay(enrolmentDate).getTime(), confirmedAt);
  return offsets.map((offset) => from + offset);
}

/** What one look at the roll tells about a child enrolled on `enrolmentDate`. */
export type RollCheck =
  | { finding: 'ON_ROLL'; npsn: string; schoolName: string }
  | { finding: 'NOT_YET_ON_ROLL' }
  | { finding: 'LEFT_SCHOOL'; npsn: string; schoolName: string; exitType: string; exitDate: string };

/**
 * Reads the roll's answer. An exit dated before the enrolment is the old school's record of the
 * dropout that made the case: the new school has not entered the child yet, which is no news.
 */
export function rollCheckOf(answer: DapodikFindResponse, enrolmentDate: string): RollCheck {
  if (answer.status === 'ACTIVE') return { finding: 'ON_ROLL', npsn: answer.npsn, schoolName: answer.schoolName };
  if (answer.status === 'EXITED' && answer.exitDate >= enrolmentDate) {
    return { finding: 'LEFT_SCHOOL', npsn: answer.npsn, schoolName: answer.schoolName, exitType: answer.exitType, exitDate: answer.exitDate };
  }
  return { finding: 'NOT_YET_ON_ROLL' };
}
