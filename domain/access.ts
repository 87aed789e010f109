/**
 * Who may do what. Staff (signed-in users and API keys alike) have one role and an area; every
 * route names the permission it needs, and services check the area of the case they touch.
 */
export const STAFF_ROLES = ['COORDINATOR', 'SUPERVISOR', 'AUDITOR', 'ADMIN'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  COORDINATOR: 'Koordinator',
  SUPERVISOR: 'Penyelia',
  AUDITOR: 'Auditor',
  ADMIN: 'Admin',
};

/**
 * What a route may need. Reading is open to every role; changing a case is casework; auditors
 * read everything and change nothing; admins manage people, not cases.
 */
export const PERMISSION_GRANTS = {
  /** Lists, case details, the dashboard, the case list as CSV. */
  'cases.read': ['COORDINATOR', 'SUPERVISOR', 'AUDITOR', 'ADMIN'],
  /** Report a child, one at a time. */
  'cases.report': ['COORDINATOR', 'SUPERVISOR'],
  /** Bring in a whole file of children. */
  'cases.import': ['COORDINATOR'],
  /** Reassign a task, add a note, close a case. */
  'cases.act': ['COORDINATOR', 'SUPERVISOR'],
  /** Decide whether two reports are the same child. */
  'reviews.decide': ['COORDINATOR'],
  /** Replay histories, verify the audit log, export signed records, read the access log, decode payloads. */
  'audit.read': ['AUDITOR', 'ADMIN'],
  /** Staff users, API keys and the officer directory. */
  'staff.manage': ['ADMIN'],
  /** What the watchdog found wrong with open cases (no running process, a task nobody holds, …). */
  'health.read': ['ADMIN', 'AUDITOR'],
  /** Repair such a case: run its process again, start it anew, hand its task to an active officer. */
  'health.repair': ['ADMIN'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSION_GRANTS;
export const PERMISSIONS = Object.keys(PERMISSION_GRANTS) as Permission[];

export function may(role: StaffRole, permission: Permission): boolean {
  return (PERMISSION_GRANTS[permission] as readonly StaffRole[]).includes(role);
}

/** The caller of a staff route: a signed-in user (web pages) or an API key (integrations). */
export interface Principal {
  kind: 'USER' | 'API_KEY';
  id: string;
  name: string;
  role: StaffRole;
  /** Kecamatan codes the caller may see and act on; empty means the whole district. */
  scope: string[];
}

/** Whether the caller may see or act on something in this kecamatan. */
export function inScope(principal: Pick<Principal, 'scope'>, kecamatan: string): boolean {
  return principal.scope.length === 0 || principal.scope.includes(kecamatan);
}

/** Roles that read the child's NIK and family card number in full; everyone else sees them masked. */
export const UNMASKED_IDENTITY_ROLES: readonly StaffRole[] = ['ADMIN'];
