import type { Principal } from './access.js';

/**
 * What the access log records of one look at a case: the action, and the route or page it came
 * through. Ids and these codes only; never what the caller saw.
 */
export const CASE_ACCESS_ACTIONS = ['VIEW', 'HISTORY', 'STATE', 'EXPORT', 'REPLAY', 'VERIFY'] as const;
export type CaseAccessAction = (typeof CASE_ACCESS_ACTIONS)[number];

export const CASE_ACCESS_ACTION_LABELS: Record<CaseAccessAction, string> = {
  VIEW: 'Melihat detail kasus',
  HISTORY: 'Melihat riwayat kasus',
  STATE: 'Melihat keadaan kasus pada suatu titik',
  EXPORT: 'Mengunduh ekspor bertanda tangan',
  REPLAY: 'Memutar ulang riwayat workflow',
  VERIFY: 'Memeriksa rantai hash log audit',
};

/** The route or page, in the form `GET /api/v1/cases/:caseId/export` or `PAGE /audit/kasus/:caseId`. */
export type CaseAccessChannel = `${'GET' | 'POST' | 'PAGE'} /${string}`;

/** Who accessed: the principal's kind, id and role at the time. */
export type CaseAccessor = Pick<Principal, 'kind' | 'id' | 'role'>;
