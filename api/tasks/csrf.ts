import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Task pages have no session, so the form proves it came from our page with an HMAC of the
 * link's token hash: another site can make a browser post, but cannot compute this value.
 */
export const CSRF_FIELD = '_csrf';

/** Which page's form: a task's form (and its decline form), a supervisor's reassignment form, or an officer's visit record. */
export type CsrfForm = 'task-form' | 'reassign-form' | 'outreach-form';

export function csrfTokenFor(secret: string, tokenHash: string, form: CsrfForm = 'task-form'): string {
  return createHmac('sha256', secret).update(`${form}:${tokenHash}`).digest('base64url');
}

export function isValidCsrfToken(secret: string, tokenHash: string, presented: unknown, form: CsrfForm = 'task-form'): boolean {
  if (typeof presented !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(secret, tokenHash, form));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
