import type { PrismaClient } from '../../generated/prisma/client.js';
import { describeEvent, officersNamedIn } from './timeline-text.js';

export interface TimelineEntry {
  sequence: number;
  type: string;
  occurredAt: string;
  /** What happened, in Indonesian. */
  text: string;
  /** What a person wrote with it (a note, a reason), verbatim. */
  quote?: string;
  actor: { kind: string; id: string; name: string };
}

const SYSTEM_NAME = 'Sistem';

/**
 * A case's history as people read it: every event of the audit log, newest first, in Indonesian, with
 * the name of whoever acted (an officer, a staff user, an integration's API key, or the system). The
 * caller has already checked that the case is in the reader's area.
 */
export async function caseTimeline(prisma: PrismaClient, caseId: string): Promise<TimelineEntry[]> {
  const events = await prisma.caseEvent.findMany({
    where: { caseId },
    orderBy: { sequence: 'desc' },
    select: { sequence: true, type: true, actorKind: true, actorId: true, occurredAt: true, data: true },
  });
  const officerIds = new Set(events.flatMap((event) => [...officersNamedIn(event), ...(event.actorKind === 'OFFICER' ? [event.actorId] : [])]));
  const staffIds = [...new Set(events.filter((event) => event.actorKind === 'STAFF').map((event) => event.actorId))];
  const [officers, staff] = await Promise.all([
    prisma.officer.findMany({ where: { id: { in: [...officerIds] } }, select: { id: true, name: true } }),
    staffNames(prisma, staffIds),
  ]);
  const officerNames = new Map(officers.map((officer) => [officer.id, officer.name]));
  return events.map((event) => {
    const { text, quote } = describeEvent(event, officerNames);
    const name =
      event.actorKind === 'SYSTEM' ? SYSTEM_NAME : ((event.actorKind === 'OFFICER' ? officerNames : staff).get(event.actorId) ?? event.actorId);
    return {
      sequence: event.sequence,
      type: event.type,
      occurredAt: event.occurredAt.toISOString(),
      text,
      ...(quote !== undefined ? { quote } : {}),
      actor: { kind: event.actorKind, id: event.actorId, name },
    };
  });
}

/** Staff act as signed-in users or through API keys; both carry a name. */
async function staffNames(prisma: PrismaClient, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const [users, keys] = await Promise.all([
    prisma.staffUser.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    prisma.apiKey.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  ]);
  return new Map([...keys.map((key) => [key.id, `${key.name} (kunci API)`] as const), ...users.map((user) => [user.id, user.name] as const)]);
}
