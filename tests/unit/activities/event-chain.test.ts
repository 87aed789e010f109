import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, type ChainedEvent, type ChainEvent, GENESIS_HASH, verifyChain } from '../../../activities/event-chain.js';

function chain(events: Omit<ChainEvent, 'sequence' | 'caseId'>[]): ChainedEvent[] {
  const chained: ChainedEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    const full = { ...event, caseId: 'ats-case', sequence: index + 1 };
    const hash = chainHash(prevHash, full);
    chained.push({ ...full, prevHash, hash });
    prevHash = hash;
  }
  return chained;
}

const system = { kind: 'SYSTEM', id: 'workflow' };
const history = chain([
  { eventId: 'run/1', type: 'CASE_OPENED', actor: system, occurredAt: '2026-11-30T01:00:00.000Z', data: { category: 'DO' } },
  { eventId: 'run/2', type: 'TASK_OPENED', actor: system, occurredAt: '2026-11-30T01:00:01.000Z', data: { taskId: 't1', type: 'VISIT_SCHEDULING' } },
  { eventId: 'run/3', type: 'TASK_COMPLETED', actor: { kind: 'OFFICER', id: 'disdik-fo-640804' }, occurredAt: '2026-12-01T03:00:00.000Z', data: { taskId: 't1' } },
]);

describe('the case history hash chain, as an auditor checks it', () => {
  it('accepts an untouched history and reports its head', () => {
    expect(verifyChain(history)).toEqual({ valid: true, length: 3, headHash: history[2]!.hash });
    expect(history[0]!.prevHash).toBe(GENESIS_HASH);
    expect(history[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts an empty history', () => {
    expect(verifyChain([])).toEqual({ valid: true, length: 0, headHash: GENESIS_HASH });
  });

  it('finds an event whose data was changed afterwards', () => {
    const tampered = history.map((e) => (e.sequence === 2 ? { ...e, data: { taskId: 't1', type: 'VISIT_REPORT' } } : e));
    expect(verifyChain(tampered)).toEqual({ valid: false, sequence: 2, problem: 'HASH_MISMATCH' });
  });

  it('finds a changed actor or time', () => {
    expect(verifyChain(history.map((e) => (e.sequence === 3 ? { ...e, actor: { kind: 'STAFF', id: 'x' } } : e)))).toMatchObject({ valid: false, sequence: 3 });
    expect(verifyChain(history.map((e) => (e.sequence === 1 ? { ...e, occurredAt: '2026-11-29T01:00:00.000Z' } : e)))).toMatchObject({ valid: false, sequence: 1 });
  });

  it('finds a removed event', () => {
    expect(verifyChain([history[0]!, history[2]!])).toEqual({ valid: false, sequence: 3, problem: 'SEQUENCE_GAP' });
  });

  it('finds an event rehashed by someone who rewrote it but could not rewrite what follows', () => {
    const rewritten = { ...history[1]!, data: { forged: true } };
    rewritten.hash = chainHash(rewritten.prevHash, rewritten);
    expect(verifyChain([history[0]!, rewritten, history[2]!])).toEqual({ valid: false, sequence: 3, problem: 'PREVIOUS_HASH_MISMATCH' });
  });

  it('hashes data the same whatever order its keys come back in (jsonb reorders them)', () => {
    const event = history[1]!;
    const reordered = { ...event, data: { type: 'VISIT_SCHEDULING', taskId: 't1' } };
    expect(chainHash(event.prevHash, reordered)).toBe(event.hash);
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined members, as storage does', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: undefined } })).toBe('{"a":{"d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('keeps non-ASCII text as JSON.stringify writes it', () => {
    expect(canonicalJson({ nama: 'Nur’aini é' })).toBe('{"nama":"Nur’aini é"}');
  });
});
