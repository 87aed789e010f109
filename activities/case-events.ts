import type { ChildIdentity } from '../domain/intake.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { CaseActivities, CaseSnapshot, RecordCaseEventInput } from './contract.js';
import type { ActivityDeps } from './deps.js';
import { chainHash, GENESIS_HASH } from './event-chain.js';

export function caseEventActivities({ prisma }: ActivityDeps): Pick<CaseActivities, 'recordCaseEvent'> {
  return {
    /**
     * Updates the read model and appends the event to the case's hash chain in one transaction,
     * so the list pages never show a state the audit log does not explain.
     */
    async recordCaseEvent(input) {
      await prisma.$transaction(
        async (tx) => {
          // Appends to one case queue up here; the lock works before the case row exists, unlike FOR UPDATE.
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${input.caseId}))`;
          const duplicate = await tx.caseEvent.findUnique({ where: { caseId_eventId: { caseId: input.caseId, eventId: input.eventId } } });
          if (duplicate) return;

          await saveCase(tx, input);
          if (input.child) await saveChild(tx, input.caseId, input.child, input.guardian);
          if (input.type === 'TASK_ESCALATED') await saveEscalationLevel(tx, input);

          await appendToChain(tx, input);
        },
        { maxWait: 10_000, timeout: 30_000 },
      );
    },
  };
}

/** An event outside the case's own process (e.g. a duplicate review's decision): appended to the chain, the read model untouched. */
export type ChainAppend = Pick<RecordCaseEventInput, 'caseId' | 'eventId' | 'actor' | 'occurredAt' | 'data'> & { type: string };

/**
 * Appends an event written outside the case workflow to the case's chain, once per event id, in the same
 * lock the workflow's own events take. The case row must exist (a case that has not written its first
 * event yet fails here, and the caller's retry waits for it).
 */
export async function appendCaseEvent(prisma: PrismaClient, event: ChainAppend): Promise<void> {
  await prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${event.caseId}))`;
      const duplicate = await tx.caseEvent.findUnique({ where: { caseId_eventId: { caseId: event.caseId, eventId: event.eventId } } });
      if (duplicate) return;
      await appendToChain(tx, event);
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
}

async function appendToChain(tx: Prisma.TransactionClient, input: ChainAppend): Promise<void> {
  const previous = await tx.caseEvent.findFirst({ where: { caseId: input.caseId }, orderBy: { sequence: 'desc' } });
  const sequence = (previous?.sequence ?? 0) + 1;
  const prevHash = previous?.hash ?? GENESIS_HASH;
  const occurredAt = new Date(input.occurredAt);
  const hash = chainHash(prevHash, {
    caseId: input.caseId,
    eventId: input.eventId,
    sequence,
    type: input.type,
    actor: input.actor,
    occurredAt: occurredAt.toISOString(),
    data: input.data,
  });
  await tx.caseEvent.create({
    data: {
      caseId: input.caseId,
      eventId: input.eventId,
      sequence,
      type: input.type,
      actorKind: input.actor.kind,
      actorId: input.actor.id,
      occurredAt,
      data: input.data as Prisma.InputJsonValue,
      prevHash,
      hash,
    },
  });
}

async function saveCase(tx: Prisma.TransactionClient, input: RecordCaseEventInput): Promise<void> {
  const fields = caseColumns(input.snapshot);
  const existing = await tx.case.findUnique({ where: { id: input.caseId }, select: { stage: true } });
  if (!existing) {
    await tx.case.create({ data: { id: input.caseId, ...fields } });
    return;
  }
  // A report of a child whose case was closed reopens it (the snapshot clears the outcome); either way it counts.
  const reopens = (input.type === 'CASE_OPENED' || input.type === 'CASE_REOPENED') && existing.stage === 'CLOSED';
  const newReport = reopens || input.type === 'REPORT_ADDED';
  await tx.case.update({
    where: { id: input.caseId },
    data: { ...fields, ...(newReport ? { reportCount: { increment: 1 } } : {}) },
  });
}

function caseColumns(snapshot: CaseSnapshot) {
  return {
    stage: snapshot.stage,
    kecamatan: snapshot.kecamatan,
    desa: snapshot.desa,
    category: snapshot.category,
    overdue: snapshot.overdue,
    nextDeadline: optionalDate(snapshot.nextDeadline),
    outcome: snapshot.outcome ?? null,
    closeReason: snapshot.closeReason ?? null,
    enrolledNpsn: snapshot.enrolledNpsn ?? null,
    enrolledSchoolName: snapshot.enrolledSchoolName ?? null,
    enrolledAt: optionalDate(snapshot.enrolledAt),
    openedAt: new Date(snapshot.openedAt),
    closedAt: optionalDate(snapshot.closedAt),
  };
}

async function saveChild(
  tx: Prisma.TransactionClient,
  caseId: string,
  child: ChildIdentity,
  guardian: RecordCaseEventInput['guardian'],
): Promise<void> {
  const fields = {
    fullName: child.fullName,
    nik: child.nik ?? null,
    noKk: child.noKk ?? null,
    birthDate: child.birthDate,
    sex: child.sex,
    kecamatan: child.kecamatan,
    desa: child.desa,
    address: child.address,
    // Guardian details change only when the event brings them; a correction of the child's data keeps them.
    ...(guardian ? { guardianName: guardian.name ?? null, guardianPhone: guardian.phone ?? null, guardianEmail: guardian.email ?? null } : {}),
  };
  await tx.child.upsert({ where: { caseId }, create: { caseId, ...fields }, update: fields });
}

/** The task list shows how far up the ladder a task went; the workflow's escalation event says so. */
async function saveEscalationLevel(tx: Prisma.TransactionClient, input: RecordCaseEventInput): Promise<void> {
  const { taskId, level } = input.data;
  if (typeof taskId !== 'string' || typeof level !== 'number') return;
  await tx.task.updateMany({ where: { caseId: input.caseId, taskId, escalationLevel: { lt: level } }, data: { escalationLevel: level } });
}

function optionalDate(ms: number | undefined): Date | null {
  return ms === undefined ? null : new Date(ms);
}
