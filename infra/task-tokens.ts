import { createHash, randomBytes } from 'node:crypto';

/**
 * The secret in an officer's task link. Officers never log in: whoever holds the link may act on
 * that one task, so the token is unguessable (256 random bits) and the database keeps only its
 * hash, which is useless to anyone who reads a backup.
 */
const TOKEN_BYTES = 32;

export interface IssuedTaskToken {
  /** Goes into the emailed link only; never stored or logged. */
  token: string;
  /** What the database keeps (SHA-256, hex). */
  tokenHash: string;
}

export function issueTaskToken(): IssuedTaskToken {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, tokenHash: hashTaskToken(token) };
}

/** The lookup key for a token presented in a link. */
export function hashTaskToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function taskLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/tasks/${token}`;
}

/** A supervisor's link to hand one task to another officer (a task token with purpose REASSIGN). */
export function reassignLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/penyelia/${token}`;
}

/** An officer's personal list of open tasks (an officer link with purpose MY_TASKS). */
export function myTasksLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/petugas/${token}`;
}

/** An officer's open preventive visits, to record them (an officer link with purpose OUTREACH). */
export function outreachLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/kunjungan/${token}`;
}
