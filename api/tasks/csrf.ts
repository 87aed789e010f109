import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Task pages have no session, so the form proves it came from our page with an HMAC of the
 * link's token hash: another site can make a browser post, but cannot compute this value.
 */
export const CSRF_FIELD = '_csrf';

export function csrfTokenFor(secret: string, tokenHash: string): string {
  return createHmac('sha256', secret).update(`task-form:${tokenHash}`).digest('base64url');
}

export function isValidCsrfToken(secret: string, tokenHash: string, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(secret, tokenHash));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
