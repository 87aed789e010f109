import { createHash } from 'node:crypto';

/**
 * The case log is a hash chain: each event's hash covers the previous event's hash and the
 * event itself, so changing, removing or reordering any stored event breaks every hash after it.
 * Auditors recompute the chain with `verifyChain`; nothing here touches the database.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainEvent {
  caseId: string;
  eventId: string;
  sequence: number;
  type: string;
  actor: { kind: string; id: string };
  /** ISO 8601 with milliseconds, as `Date.prototype.toISOString` writes it. */
  occurredAt: string;
  data: unknown;
}

export interface ChainedEvent extends ChainEvent {
  prevHash: string;
  hash: string;
}

/** SHA-256 (hex) of the previous hash followed by the event's canonical JSON. */
export function chainHash(prevHash: string, event: ChainEvent): string {
  const { caseId, eventId, sequence, type, actor, occurredAt, data } = event;
  const body = canonicalJson({ caseId, eventId, sequence, type, actor: { kind: actor.kind, id: actor.id }, occurredAt, data });
  return createHash('sha256').update(prevHash + body, 'utf8').digest('hex');
}

export type ChainVerdict =
  | { valid: true; length: number; headHash: string }
  | { valid: false; sequence: number; problem: 'SEQUENCE_GAP' | 'PREVIOUS_HASH_MISMATCH' | 'HASH_MISMATCH' };

/** Checks one case's events, in sequence order, from the first (sequence 1) to the last. */
export function verifyChain(events: readonly ChainedEvent[]): ChainVerdict {
  let expectedPrev = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    if (event.sequence !== index + 1) return { valid: false, sequence: event.sequence, problem: 'SEQUENCE_GAP' };
    if (event.prevHash !== expectedPrev) return { valid: false, sequence: event.sequence, problem: 'PREVIOUS_HASH_MISMATCH' };
    if (chainHash(event.prevHash, event) !== event.hash) return { valid: false, sequence: event.sequence, problem: 'HASH_MISMATCH' };
    expectedPrev = event.hash;
  }
  return { valid: true, length: events.length, headHash: expectedPrev };
}

/** The columns of a stored `case_events` row that the chain covers. */
export interface StoredCaseEvent {
  caseId: string;
  eventId: string;
  sequence: number;
  type: string;
  actorKind: string;
  actorId: string;
  occurredAt: Date;
  data: unknown;
  prevHash: string;
  hash: string;
}

export function fromStoredEvent(row: StoredCaseEvent): ChainedEvent {
  return {
    caseId: row.caseId,
    eventId: row.eventId,
    sequence: row.sequence,
    type: row.type,
    actor: { kind: row.actorKind, id: row.actorId },
    occurredAt: row.occurredAt.toISOString(),
    data: row.data,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/**
 * JSON with object keys sorted at every level, so the same event hashes the same whether it comes
 * from the workflow or back out of a jsonb column (which reorders keys). Values go through
 * JSON.stringify first, so undefined members vanish exactly as they do in storage. Keys sort by
 * UTF-16 code units and scalars print as JSON.stringify prints them: the rules of RFC 8785 (JCS),
 * so an auditor's JCS library in any language reproduces the hashes.
 */
export function canonicalJson(value: unknown): string {
  const plain: unknown = value === undefined ? null : JSON.parse(JSON.stringify(value));
  return serialise(plain);
}

function serialise(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(serialise).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${serialise((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
