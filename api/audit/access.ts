import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../domain/access.js';
import type { ApiKeyRole } from '../auth/api-keys.js';
import { ApiError } from '../errors.js';

/** Who may look behind the case views: replay histories, verify the audit log, decode payloads. */
export const AUDIT_ROLES: readonly ApiKeyRole[] = ['AUDITOR', 'ADMIN'];

export function assertMayAudit(request: FastifyRequest): void {
  if (!AUDIT_ROLES.includes(request.apiKey.role)) {
    throw new ApiError(403, 'FORBIDDEN', 'Hanya kunci API auditor atau admin yang boleh membuka data audit.');
  }
}

/** The caller as the access model names it. */
export function principalOf(request: FastifyRequest): Principal {
  return { kind: 'API_KEY', ...request.apiKey };
}
