import { ActivityFailure, ApplicationFailure, isCancellation, sleep, TimeoutFailure } from '@temporalio/workflow';
import type { WaitingFor } from '../domain/case.js';
import { records } from './activities.js';
import { iso, type CaseFile } from './case-file.js';

/** After a fault, the case tries again in 30 seconds, then 1 minute, 2, 4, … but never waits longer than 15 minutes. */
export const SYSTEM_FAULT_FIRST_WAIT_MS = 30_000;
export const SYSTEM_FAULT_MAX_WAIT_MS = 15 * 60_000;
/** A fault that outlasts this is one for a person to clear: the case is listed as needing attention and they are told. */
export const SYSTEM_FAULT_ALERT_AFTER_MS = 15 * 60_000;

/** Failures that are answers the caller acts on, not faults: an officer's address the mail server refuses. */
const ANSWERS: ReadonlySet<string> = new Set(['EmailUndeliverable']);

type Records = typeof records;

/**
 * The case's record-keeping (database, officer directory, mail server), made to outlast any fault of
 * our own system: a wrong or missing answer from the database, a gap in the directory, a bug in an
 * activity. A case never fails for these. It shows that it waits on the SYSTEM with the fault's code,
 * records the fault once, tries again with growing pauses, and past SYSTEM_FAULT_ALERT_AFTER_MS asks
 * for a person, once; when the fault clears it carries on where it stood.
 */
export function steadfastRecords(c: CaseFile): Records {
  const steadfast = Object.entries(records).map(([name, activity]) => {
    const call = activity as (...args: unknown[]) => Promise<unknown>;
    return [name, (...args: unknown[]) => keepTrying(c, () => call(...args))];
  });
  return Object.fromEntries(steadfast) as Records;
}

interface Fault {
  since: number;
  failedAttempts: number;
  /** What the case showed for this fault; another fault may have replaced it since. */
  shown: WaitingFor;
  alerted: boolean;
}

async function keepTrying<R>(c: CaseFile, attempt: () => Promise<R>): Promise<R> {
  let fault: Fault | undefined;
  for (;;) {
    try {
      const result = await attempt();
      if (fault) await faultCleared(c, fault);
      return result;
    } catch (error) {
      if (!isSystemFault(error)) throw error;
      fault = await faultSeen(c, fault, faultCode(error));
    }
    await sleep(Date.parse(fault.shown.nextAttemptAt) - Date.now(), { summary: `system retry ${fault.failedAttempts}` });
  }
}

async function faultSeen(c: CaseFile, previous: Fault | undefined, reason: string): Promise<Fault> {
  const now = Date.now();
  const since = previous?.since ?? now;
  const failedAttempts = (previous?.failedAttempts ?? 0) + 1;
  const wait = Math.min(SYSTEM_FAULT_FIRST_WAIT_MS * 2 ** (failedAttempts - 1), SYSTEM_FAULT_MAX_WAIT_MS);
  const shown: WaitingFor = { registry: 'SYSTEM', reason, since: iso(since), failedAttempts, nextAttemptAt: iso(now + wait) };
  c.waitingFor = shown;
  if (!previous) await c.recordIfPossible('SYSTEM_FAULT', { reason });
  let alerted = previous?.alerted ?? false;
  if (!alerted && now - since >= SYSTEM_FAULT_ALERT_AFTER_MS) {
    // The alert goes through the same database; when that is what fails, the next try asks again.
    alerted = await succeeds(() => records.reportCaseNeedsAttention({ caseId: c.caseId, reason, since }));
  }
  return { since, failedAttempts, shown, alerted };
}

async function faultCleared(c: CaseFile, fault: Fault): Promise<void> {
  if (c.waitingFor === fault.shown) c.waitingFor = undefined;
  if (fault.alerted) await c.records.clearCaseNeedsAttention({ caseId: c.caseId });
}

function isSystemFault(error: unknown): error is ActivityFailure {
  if (!(error instanceof ActivityFailure) || isCancellation(error)) return false;
  return !(error.cause instanceof ApplicationFailure && error.cause.type && ANSWERS.has(error.cause.type));
}

/** The fault's code for people and dashboards: the failure's type, never its message, which may hold personal data. */
function faultCode(error: ActivityFailure): string {
  if (error.cause instanceof ApplicationFailure) return error.cause.type ?? 'Error';
  if (error.cause instanceof TimeoutFailure) return 'ActivityTimeout';
  return 'Unknown';
}

async function succeeds(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    if (isSystemFault(error)) return false;
    throw error;
  }
}
