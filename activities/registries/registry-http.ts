import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';
import { REGISTRY_REJECTED_REQUEST, REGISTRY_UNAVAILABLE, type RegistryClientOptions } from './ports.js';

/** Statuses that say "try again later" although they are 4xx. */
const TRANSIENT_CLIENT_STATUSES = new Set([408, 429]);

/**
 * POSTs a JSON body to a registry and returns its answer, checked against the contract.
 * Failure messages name the registry and what went wrong, never the request's content:
 * they end up in Temporal history and logs, and the request holds a child's NIK and name.
 */
export async function postToRegistry<Schema extends z.ZodType>(
  registry: string,
  options: RegistryClientOptions,
  path: string,
  body: unknown,
  responseSchema: Schema,
): Promise<z.infer<Schema>> {
  const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  return askRegistry(registry, options, path, init, responseSchema);
}

/** GETs a registry's resource with a query string; answers and failures as for postToRegistry. */
export async function getFromRegistry<Schema extends z.ZodType>(
  registry: string,
  options: RegistryClientOptions,
  path: string,
  query: Record<string, string | number>,
  responseSchema: Schema,
): Promise<z.infer<Schema>> {
  const search = new URLSearchParams(Object.fromEntries(Object.entries(query).map(([name, value]) => [name, String(value)])));
  return askRegistry(registry, options, `${path}?${search}`, { method: 'GET' }, responseSchema);
}

async function askRegistry<Schema extends z.ZodType>(
  registry: string,
  options: RegistryClientOptions,
  path: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
  responseSchema: Schema,
): Promise<z.infer<Schema>> {
  const url = `${options.baseUrl.replace(/\/+$/, '')}${path}`;
  const signal = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { ...init.headers, accept: 'application/json' }, signal });
  } catch (error) {
    throw unreachable(registry, options, error);
  }

  if (!response.ok) {
    const code = await errorCode(response, registry, options);
    const detail = `${registry} answered HTTP ${response.status}${code ? ` (${code})` : ''}`;
    if (response.status >= 500 || TRANSIENT_CLIENT_STATUSES.has(response.status)) {
      throw ApplicationFailure.retryable(detail, REGISTRY_UNAVAILABLE);
    }
    throw ApplicationFailure.nonRetryable(`${detail}: the request was rejected`, REGISTRY_REJECTED_REQUEST);
  }

  let json: unknown;
  try {
    json = await response.json();
  } catch (error) {
    if (signal.aborted) throw unreachable(registry, options, error);
    throw ApplicationFailure.retryable(`${registry} answered with a body that is not JSON`, REGISTRY_UNAVAILABLE);
  }
  const parsed = responseSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || 'the top level';
    throw ApplicationFailure.retryable(`${registry} answered outside its contract (at ${where})`, REGISTRY_UNAVAILABLE);
  }
  return parsed.data;
}

function unreachable(registry: string, options: RegistryClientOptions, error: unknown): ApplicationFailure {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return ApplicationFailure.retryable(`${registry} did not answer within ${options.timeoutMs} ms`, REGISTRY_UNAVAILABLE);
  }
  const cause = error instanceof Error ? (error.cause as NodeJS.ErrnoException | undefined)?.code : undefined;
  return ApplicationFailure.retryable(`${registry} could not be reached${cause ? ` (${cause})` : ''}`, REGISTRY_UNAVAILABLE);
}

/** The `error.code` of an error answer in the project's error shape, if it looks like a code. */
async function errorCode(response: Response, registry: string, options: RegistryClientOptions): Promise<string | undefined> {
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') throw unreachable(registry, options, error);
    return undefined;
  }
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : undefined;
}
