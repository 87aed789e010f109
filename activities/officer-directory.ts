import { ApplicationFailure } from '@temporalio/common';
import { ESCALATION_TARGETS, type EscalationTarget } from '../domain/deadline-policy.js';
import { TASK_OWNERS, type Agency, type OfficerRole, type TaskType } from '../domain/tasks.js';
import type { Officer, PrismaClient } from '../generated/prisma/client.js';
import { normaliseDesa } from '../infra/case-identity.js';

/**
 * Who does a task and who hears about it when it is late, from the officer directory. An officer
 * covers a desa, a whole kecamatan (desa empty) or the whole district (kecamatan empty); the
 * closest cover wins, and among equals the lowest id, so a retried lookup picks the same person.
 */
export interface Area {
  kecamatan: string;
  desa: string;
}

export async function closestOfficer(
  prisma: PrismaClient,
  wanted: { agency: Agency; role: OfficerRole },
  area: Area,
  excludeIds: readonly string[] = [],
): Promise<Officer | undefined> {
  const candidates = await prisma.officer.findMany({
    where: {
      agency: wanted.agency,
      role: wanted.role,
      active: true,
      id: { notIn: [...excludeIds] },
      OR: [{ kecamatan: area.kecamatan }, { kecamatan: null }],
    },
    orderBy: { id: 'asc' },
  });
  const desa = normaliseDesa(area.desa);
  const closeness = (officer: Officer): number | undefined => {
    if (officer.kecamatan === null) return 2;
    if (officer.desa === null) return 1;
    return normaliseDesa(officer.desa) === desa ? 0 : undefined;
  };
  let best: { officer: Officer; rank: number } | undefined;
  for (const officer of candidates) {
    const rank = closeness(officer);
    if (rank !== undefined && (best === undefined || rank < best.rank)) best = { officer, rank };
  }
  return best?.officer;
}

/** The officer a new task goes to; without a field officer in the area, the agency's supervisor takes it. */
export async function findAssignee(prisma: PrismaClient, type: TaskType, area: Area): Promise<Officer> {
  const owner = TASK_OWNERS[type];
  const officer =
    (await closestOfficer(prisma, owner, area)) ??
    (owner.role === 'FIELD_OFFICER' ? await closestOfficer(prisma, { agency: owner.agency, role: 'SUPERVISOR' }, area) : undefined);
  if (!officer) {
    const who = owner.role === 'FIELD_OFFICER' ? `${owner.agency} FIELD_OFFICER or SUPERVISOR` : `${owner.agency} ${owner.role}`;
    throw noOfficer(`No active ${who} covers kecamatan ${area.kecamatan}`);
  }
  return officer;
}

/** Supervisors belong to the task's agency; coordinators and heads to Disdikbud, which leads ATS work. */
function escalationOwner(target: EscalationTarget, taskAgency: Agency): { agency: Agency; role: OfficerRole } {
  return target === 'SUPERVISOR' ? { agency: taskAgency, role: 'SUPERVISOR' } : { agency: 'DISDIKBUD', role: target };
}

/**
 * Who an escalation step reaches. Where the directory has nobody for the step, or only the late
 * officer themself (a supervisor standing in for a missing field officer), the next rung up takes it.
 */
export async function findEscalationRecipient(
  prisma: PrismaClient,
  type: TaskType,
  target: EscalationTarget,
  area: Area,
  assigneeId: string,
): Promise<{ to: EscalationTarget; officer: Officer }> {
  const taskAgency = TASK_OWNERS[type].agency;
  for (const to of ESCALATION_TARGETS.slice(ESCALATION_TARGETS.indexOf(target))) {
    const officer = await closestOfficer(prisma, escalationOwner(to, taskAgency), area, [assigneeId]);
    if (officer) return { to, officer };
  }
  const wanted = escalationOwner(target, taskAgency);
  throw noOfficer(`No active ${wanted.agency} ${wanted.role} or anyone above covers kecamatan ${area.kecamatan} for escalation`);
}

function noOfficer(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, 'NoOfficerAvailable');
}

/**
 * Who a task may be handed to: active officers of the task's agency who cover its kecamatan (a desa of
 * it, all of it, or the whole district), in the role that does such tasks; a field task may also go to
 * a supervisor, who can do it themself. Field officers first, then by name.
 */
export async function eligibleAssignees(prisma: PrismaClient, type: TaskType, kecamatan: string): Promise<Officer[]> {
  const owner = TASK_OWNERS[type];
  const roles: OfficerRole[] = owner.role === 'FIELD_OFFICER' ? ['FIELD_OFFICER', 'SUPERVISOR'] : [owner.role];
  const officers = await prisma.officer.findMany({
    where: { agency: owner.agency, role: { in: roles }, active: true, OR: [{ kecamatan }, { kecamatan: null }] },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  return officers.sort((a, b) => roles.indexOf(a.role as OfficerRole) - roles.indexOf(b.role as OfficerRole));
}
