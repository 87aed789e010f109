import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { fromStoredEvent, type ChainedEvent } from '../../activities/event-chain.js';
import { UNMASKED_IDENTITY_ROLES, inScope, type Principal } from '../../domain/access.js';
import { actorOf, describeCaseEvent, type HistoryChannel, type HistoryEntry, type HistoryNames } from '../../domain/case-history.js';
import { maskNik } from '../../domain/nik.js';
import { CASE_KECAMATAN } from '../../domain/search-attributes.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { fetchCaseRuns, type CaseRun } from '../../infra/workflow-history.js';
import { notFound } from '../../use-cases/errors.js';
import { workflowEntries } from './workflow-entries.js';

export interface CaseRecordDeps {
  prisma: PrismaClient;
  temporal: Client;
}

export interface CaseRecord {
  caseId: string;
  kecamatan: string;
  runs: CaseRun[];
  /** The case's audit events exactly as stored, hash chain included, oldest first. */
  events: ChainedEvent[];
  /** Both records merged in time order. */
  entries: HistoryEntry[];
}

type Caller = Pick<Principal, 'role' | 'scope'>;

/**
 * Everything recorded about one case, for an auditor: the workflow's history of every run, decoded,
 * and the audit events, merged into one time line with names and channels. A case outside the
 * caller's area is not found. NIK and family card numbers are masked for roles that read them
 * masked elsewhere, in the raw JSON too.
 */
export async function loadCaseRecord(deps: CaseRecordDeps, caseId: string, caller: Caller): Promise<CaseRecord> {
  const [row, rows] = await Promise.all([
    deps.prisma.case.findUnique({ where: { id: caseId }, select: { kecamatan: true } }),
    deps.prisma.caseEvent.findMany({ where: { caseId }, orderBy: { sequence: 'asc' } }),
  ]);
  let runs: CaseRun[] = [];
  try {
    runs = await fetchCaseRuns(deps.temporal, caseId);
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
  const kecamatan = row?.kecamatan ?? (await kecamatanOfWorkflow(deps.temporal, caseId, runs));
  if (kecamatan === undefined || !inScope(caller, kecamatan)) throw notFound();

  const events = rows.map(fromStoredEvent);
  const names = await historyNames(deps.prisma, [events, runs.map((run) => run.events)]);
  const caseEntries: HistoryEntry[] = events.map((event) => ({
    at: event.occurredAt,
    source: 'CASE_EVENT',
    ref: String(event.sequence),
    sequence: event.sequence,
    kind: event.type,
    description: describeCaseEvent({ ...event, data: event.data as Record<string, unknown> }, names),
    ...actorOf(event.actor, names, event),
    raw: event,
  }));
  const entries = mergeByTime(runs.flatMap((run) => workflowEntries(run, names)), caseEntries);
  let sequence: number | undefined;
  for (const entry of entries) {
    if (entry.source === 'CASE_EVENT') sequence = entry.sequence;
    else if (sequence !== undefined) entry.sequence = sequence;
  }
  const masked = !UNMASKED_IDENTITY_ROLES.includes(caller.role);
  return {
    caseId,
    kecamatan,
    runs,
    // Audit events hold codes and ids, never a NIK, and must stay as stored so their hashes can be recomputed.
    events,
    entries: masked ? entries.map((entry) => ({ ...entry, raw: maskIdentityNumbers(entry.raw) })) : entries,
  };
}

async function kecamatanOfWorkflow(temporal: Client, caseId: string, runs: CaseRun[]): Promise<string | undefined> {
  if (runs.length === 0) return undefined;
  const description = await temporal.workflow.getHandle(caseId).describe();
  return description.typedSearchAttributes.get(CASE_KECAMATAN);
}

/**
 * Two time lines, each already in its own order, into one. On the same millisecond the workflow
 * step comes first: the audit event is written by the step that follows it.
 */
function mergeByTime(workflow: HistoryEntry[], cases: HistoryEntry[]): HistoryEntry[] {
  const merged: HistoryEntry[] = [];
  let w = 0;
  let c = 0;
  while (w < workflow.length || c < cases.length) {
    const next = c >= cases.length || (w < workflow.length && Date.parse(workflow[w]!.at) <= Date.parse(cases[c]!.at)) ? workflow[w++]! : cases[c++]!;
    merged.push(next);
  }
  return merged;
}

/** Officer and staff names behind every id that appears in the records. */
async function historyNames(prisma: PrismaClient, records: unknown): Promise<HistoryNames> {
  const ids = new Set<string>();
  collectIds(records, ids);
  const list = [...ids];
  const [officers, keys, users] = await Promise.all([
    prisma.officer.findMany({ where: { id: { in: list } }, select: { id: true, name: true } }),
    prisma.apiKey.findMany({ where: { id: { in: list } }, select: { id: true, name: true } }),
    prisma.staffUser.findMany({ where: { id: { in: list } }, select: { id: true, name: true } }),
  ]);
  const officerNames = new Map(officers.map((officer) => [officer.id, officer.name]));
  // A staff actor is a signed-in user (acting through the staff pages) or an API key (an integration).
  const staff = new Map<string, { name: string; channel: HistoryChannel }>([
    ...keys.map((key) => [key.id, { name: key.name, channel: 'API_KEY' }] as const),
    ...users.map((user) => [user.id, { name: user.name, channel: 'STAFF_PAGE' }] as const),
  ]);
  return { officer: (id) => officerNames.get(id), staff: (id) => staff.get(id) };
}

/** Values of `…officerId` fields and of actors' ids, wherever they sit. */
function collectIds(value: unknown, ids: Set<string>, key = ''): void {
  if (Array.isArray(value)) for (const item of value) collectIds(item, ids, key);
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) collectIds(v, ids, k);
  else if (typeof value === 'string' && (/officerid$/i.test(key) || key === 'id' || key === 'actorId')) ids.add(value);
}

/** Deep copy with every `nik` and `noKk` value masked as the case views mask them. */
export function maskIdentityNumbers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskIdentityNumbers);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, (key === 'nik' || key === 'noKk') && typeof item === 'string' ? maskNik(item) : maskIdentityNumbers(item)]),
  );
}
