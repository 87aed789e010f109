import type { Client } from '@temporalio/client';
import type { LoadedDataConverter } from '@temporalio/common';
import { decode } from '@temporalio/common/lib/internal-non-workflow/codec-helpers.js';
import { historyToJSON, JSONToPayload } from '@temporalio/common/lib/proto-utils.js';
import type { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;

/** One run of a case's workflow: a case reopened after it closed has several, under the same workflow id. */
export interface CaseRun {
  workflowId: string;
  runId: string;
  startedAt: string;
  status: string;
  /** The history as the server stores it (payloads encrypted): what replay needs. */
  history: History;
  /** The same events as proto JSON, with every payload decoded through the case data converter. */
  events: DecodedHistoryEvent[];
}

/** A history event in proto JSON (`eventId`, `eventTime`, `eventType`, `…EventAttributes`), payloads decoded. */
export type DecodedHistoryEvent = Record<string, unknown> & { eventId: string; eventTime: string; eventType: string };

/**
 * Every run of the case's workflow, oldest first, through the API's own Temporal client, whose data
 * converter holds the payload keys. Visibility may lag a moment behind a run that just started, so
 * the current run is fetched by handle as well.
 */
export async function fetchCaseRuns(client: Client, caseId: string): Promise<CaseRun[]> {
  const found = new Map<string, { startedAt: Date; status: string }>();
  for await (const run of client.workflow.list({ query: `WorkflowId = "${caseId.replaceAll('"', '')}"` })) {
    found.set(run.runId, { startedAt: run.startTime, status: run.status.name });
  }
  const latest = await client.workflow.getHandle(caseId).describe();
  found.set(latest.runId, { startedAt: latest.startTime, status: latest.status.name });

  const converter = client.options.loadedDataConverter;
  const runs = [...found.entries()].sort(([, a], [, b]) => a.startedAt.getTime() - b.startedAt.getTime());
  return Promise.all(
    runs.map(async ([runId, run]) => {
      const history = await client.workflow.getHandle(caseId, runId).fetchHistory();
      const json = JSON.parse(historyToJSON(history)) as { events: DecodedHistoryEvent[] };
      const events = (await decodePayloads(json.events, converter)) as DecodedHistoryEvent[];
      return { workflowId: caseId, runId, startedAt: run.startedAt.toISOString(), status: run.status, history, events };
    }),
  );
}

/**
 * Replaces every payload (`{ metadata: { encoding }, data }` in proto JSON) by the value it carries,
 * decrypted by the codec and converted by the payload converter. A payload that cannot be decoded
 * is shown as such rather than failing the whole history.
 */
export async function decodePayloads(value: unknown, converter: LoadedDataConverter): Promise<unknown> {
  if (Array.isArray(value)) return Promise.all(value.map((item) => decodePayloads(item, converter)));
  if (value === null || typeof value !== 'object') return value;
  if (isPayloadJson(value)) {
    try {
      const [decoded] = await decode(converter.payloadCodecs, [JSONToPayload(value as Parameters<typeof JSONToPayload>[0])]);
      return converter.payloadConverter.fromPayload(decoded!);
    } catch {
      return { undecodable: true, encoding: decodeBase64((value.metadata as Record<string, string>).encoding ?? '') };
    }
  }
  const entries = await Promise.all(Object.entries(value).map(async ([key, item]) => [key, await decodePayloads(item, converter)] as const));
  return Object.fromEntries(entries);
}

function isPayloadJson(value: object): value is { metadata: Record<string, unknown>; data?: string } {
  const metadata = (value as { metadata?: unknown }).metadata;
  return (
    typeof metadata === 'object' && metadata !== null && typeof (metadata as { encoding?: unknown }).encoding === 'string' &&
    Object.keys(value).every((key) => key === 'metadata' || key === 'data' || key === 'externalPayloads')
  );
}

function decodeBase64(text: string): string {
  return Buffer.from(text, 'base64').toString('utf8');
}
