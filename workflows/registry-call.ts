import { ActivityFailure, ApplicationFailure, isCancellation, sleep } from '@temporalio/workflow';
import type { WaitingFor } from '../domain/case.js';
import { REGISTRY_OUTAGE_FIRST_WAIT_MS, REGISTRY_OUTAGE_MAX_WAIT_MS } from './activities.js';
import { iso, type CaseFile } from './case-file.js';

export type RegistryAnswer<T> =
  | { answered: true; value: T }
  /** The registry refused the request for good (a non-retryable failure); only its type, never its message, which may hold personal data. */
  | { answered: false; failureType: string };

/**
 * Asks a registry, and waits out its outages: the case shows what it is waiting for, records the outage once,
 * and tries again with growing pauses for as long as it takes. A case never fails because a registry is down.
 */
export async function askRegistry<T>(
  c: CaseFile,
  registry: Exclude<WaitingFor['registry'], 'SYSTEM'>,
  call: () => Promise<T>,
): Promise<RegistryAnswer<T>> {
  let failedAttempts = 0;
  let since = 0;
  for (;;) {
    try {
      const value = await call();
      c.waitingFor = undefined;
      return { answered: true, value };
    } catch (error) {
      if (isCancellation(error) || !(error instanceof ActivityFailure)) throw error;
      const refusal = nonRetryableType(error);
      if (refusal) {
        c.waitingFor = undefined;
        return { answered: false, failureType: refusal };
      }
    }
    failedAttempts += 1;
    if (failedAttempts === 1) since = Date.now();
    const wait = Math.min(REGISTRY_OUTAGE_FIRST_WAIT_MS * 2 ** (failedAttempts - 1), REGISTRY_OUTAGE_MAX_WAIT_MS);
    c.waitingFor = { registry, since: iso(since), failedAttempts, nextAttemptAt: iso(Date.now() + wait) };
    if (failedAttempts === 1) await c.record('REGISTRY_UNAVAILABLE', { registry });
    await sleep(wait, { summary: `${registry} retry ${failedAttempts}` });
  }
}

/** The failure type when the registry refused for good; undefined when it was only unavailable. */
function nonRetryableType(error: ActivityFailure): string | undefined {
  const cause = error.cause;
  if (cause instanceof ApplicationFailure && cause.nonRetryable) return cause.type ?? 'ApplicationFailure';
  return undefined;
}
