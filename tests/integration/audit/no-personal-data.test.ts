import { Writable } from 'node:stream';
import { Client, Connection } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { IntakeReport } from '../../../domain/intake.js';
import { AesGcmPayloadCodec } from '../../../infra/payload-codec.js';
import type { Person } from '../../../simulators/population.js';
import { TEST_PAYLOAD_KEYS } from '../../support/data-converter.js';
import { daysFromNow, reportVisit, confirmEnrolment } from '../journeys/field-officer.js';
import {
  browser, caseProcessFinished, emailTo, eventually, fieldOfficerFor, reportOf, startJourneyStack, taskLinkIn, watchingSchoolRoll, type JourneyStack,
} from '../journeys/stack.js';
import { startWorkerProcess, type WorkerProcess } from '../journeys/worker-process.js';

let stack: JourneyStack;
let worker: WorkerProcess;
let rawTemporal: { client: Client; close(): Promise<void> };
const apiLog: string[] = [];

beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      apiLog.push(String(chunk));
      done();
    },
  });
  // The production worker as its own process, logging as it does in production.
  stack = await startJourneyStack({ inProcessWorker: false, apiLogger: { level: 'info', stream } });
  worker = startWorkerProcess(stack);
  // What anyone with access to the Temporal server sees: a client that has no key and decodes nothing.
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  rawTemporal = { client: new Client({ connection }), close: () => connection.close() };
});

afterAll(async () => {
  await worker?.kill();
  await rawTemporal?.close();
  await stack?.close();
});

/** A child as the coordinator reports them, and every piece of personal data the report carries. */
interface ReportedChild {
  report: IntakeReport;
  personalData: string[];
}

function reported(person: Person, as: Partial<Pick<Person, 'fullName' | 'birthDate'>> = {}): ReportedChild {
  const household = stack.simulators.population.householdOf(person.nik)!;
  const guardian = household.members.find((member) => member.role === 'KEPALA_KELUARGA' && member.nik !== person.nik)!;
  const report: IntakeReport = {
    ...reportOf({ ...person, ...as }, household.address),
    guardian: { name: guardian.fullName, phone: '081254321098' },
  };
  const names = [person.fullName, as.fullName, guardian.fullName].filter((name): name is string => name !== undefined);
  return {
    report,
    personalData: [
      person.nik, person.noKk, household.address, '081254321098', ...names,
      // Each name on its own, first names included; parts under four letters would match ciphertext by chance.
      ...names.flatMap((name) => name.split(/\s+/)).filter((part) => part.length >= 4),
    ],
  };
}

/**
 * Every string of a raw Temporal object, and the text in every base64 string (payload data and metadata
 * are bytes, which the JSON form carries as base64): what could show personal data to a reader. Text is
 * a run of eight or more printable characters, as `strings` finds it: ciphertext's random bytes spell
 * a short name now and then, but hardly ever inside such a run, where any name written in clear would be.
 */
function readableText(json: string): string {
  const strings: string[] = [];
  JSON.parse(json, (_key, value: unknown) => {
    if (typeof value === 'string') {
      strings.push(value);
      if (/^[A-Za-z0-9+/]+={0,2}$/.test(value) && value.length >= 8) {
        strings.push(...(Buffer.from(value, 'base64').toString('latin1').match(/[\x20-\x7e\t\n]{8,}/g) ?? []));
      }
    }
    return value;
  });
  return strings.join('\n');
}


/** The same history as the key holder reads it: every encrypted payload decrypted. */
async function decryptedText(json: string): Promise<string> {
  const encrypted: Payload[] = [];
  JSON.parse(json, (_key, value: unknown) => {
    const payload = value as { metadata?: Record<string, string>; data?: string } | null;
    if (payload?.metadata?.encoding === Buffer.from('binary/encrypted').toString('base64') && typeof payload.data === 'string') {
      encrypted.push({
        metadata: Object.fromEntries(Object.entries(payload.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
        data: Buffer.from(payload.data, 'base64'),
      });
    }
    return value;
  });
  const decrypted = await new AesGcmPayloadCodec(TEST_PAYLOAD_KEYS).decode(encrypted);
  return decrypted.map((payload) => Buffer.from(payload.data ?? []).toString('utf8')).join('\n');
}

function leaksIn(text: string, personalData: string[]): string[] {
  const lower = text.toLowerCase();
  return personalData.filter((value) => lower.includes(value.toLowerCase()));
}

describe('Personal data of the children stays out of sight', () => {
  it('leaves no NIK, name, address or guardian in Temporal’s raw history, visibility records or the logs', { timeout: 180_000 }, async () => {
    const { matchingChild, poorHousehold, mismatchedChild } = stack.simulators.population.scenarios;
    const enrolled = reported(matchingChild);
    const closed = reported(poorHousehold.child);
    const correcting = reported(mismatchedChild.person, mismatchedChild.reported);
    const everyone = [enrolled, closed, correcting];
    const caseIds: string[] = [];

    // A child brought back to school; the officer first sends a form the system must turn away.
    const first = await stack.coordinator.reportChild(enrolled.report);
    expect(first.status).toBe(201);
    caseIds.push(first.body.caseId);
    const fieldOfficer = fieldOfficerFor(matchingChild.kecamatanCode, matchingChild.desa);
    const scheduling = await emailTo(stack.sink, fieldOfficer, 'Jadwalkan kunjungan rumah', 60_000);
    const link = taskLinkIn(scheduling);
    const page = await browser.open(link);
    const rejected = await browser.submit(link, page.form.type('visitDate', '2026-02-30'));
    expect(rejected.status).toBe(400);
    expect(rejected.html).toContain('Tanggal tidak ada di kalender.');
    const retried = await browser.open(link);
    expect((await browser.submit(link, retried.form.type('visitDate', daysFromNow(2)))).status).toBe(200);
    await reportVisit(stack.sink, fieldOfficer);
    await confirmEnrolment(stack.sink, fieldOfficer);

    // A poor family's child while Dukcapil is down: the case waits it out, then the coordinator closes it with a note naming the child.
    stack.simulators.setFaults({ failNext: 2 }, 'dukcapil');
    const second = await stack.coordinator.reportChild(closed.report);
    expect(second.status).toBe(201);
    caseIds.push(second.body.caseId);
    await stack.coordinator.waitForCase(second.body.caseId, (c) => c.tasks.some((t) => t.type === 'DINSOS_REFERRAL'), 'the Dinsos referral', 60_000);
    const note = `Keluarga ${closed.report.guardian!.name} pindah bersama ${poorHousehold.child.fullName} ke Samarinda.`;
    expect((await stack.coordinator.closeCase(second.body.caseId, { reason: 'MOVED', note })).status).toBe(200);

    // A child whose school spells the name differently: the case waits for Dukcapil to correct the record.
    const third = await stack.coordinator.reportChild(correcting.report);
    expect(third.status).toBe(201);
    caseIds.push(third.body.caseId);
    await stack.coordinator.waitForCase(third.body.caseId, (c) => c.stage === 'CORRECTING_RECORDS', 'the Dukcapil correction', 60_000);

    await watchingSchoolRoll(stack, first.body.caseId);
    await caseProcessFinished(stack, second.body.caseId);

    const personalData = everyone.flatMap((child) => child.personalData);
    for (const caseId of caseIds) {
      const handle = rawTemporal.client.workflow.getHandle(caseId);
      const history = historyToJSON(await handle.fetchHistory());
      // The history really holds the reports, forms and failures, only encrypted.
      expect(history).toContain(Buffer.from('binary/encrypted').toString('base64'));
      expect(leaksIn(readableText(history), personalData), `history of ${caseId}`).toEqual([]);
      // …and the search would have found them: with the key, the child's report is right there.
      const child = everyone[caseIds.indexOf(caseId)]!;
      expect(leaksIn(await decryptedText(history), child.personalData)).toEqual(expect.arrayContaining([child.report.child.fullName, child.report.child.address]));

      const { raw } = await handle.describe();
      const visibility = JSON.stringify(raw, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value));
      expect(leaksIn(readableText(visibility), personalData), `workflow id, memo and search attributes of ${caseId}`).toEqual([]);
    }

    // The registry outage left failures in the history; their messages are encrypted like everything else.
    const outageHistory = JSON.parse(historyToJSON(await rawTemporal.client.workflow.getHandle(second.body.caseId).fetchHistory()));
    const failures = (outageHistory.events as { activityTaskStartedEventAttributes?: { lastFailure?: { message: string; encodedAttributes?: unknown } } }[])
      .map((event) => event.activityTaskStartedEventAttributes?.lastFailure)
      .filter((failure) => failure !== undefined);
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(failure).toMatchObject({ message: 'Encoded failure', encodedAttributes: { metadata: { encoding: Buffer.from('binary/encrypted').toString('base64') } } });
    }

    const listed = await eventually(async () => {
      const ids: string[] = [];
      for await (const execution of rawTemporal.client.workflow.list({ query: `TaskQueue = '${stack.taskQueue}'` })) ids.push(execution.workflowId);
      return ids.length >= caseIds.length ? ids : undefined;
    }, 'the cases in Temporal’s visibility store');
    expect(leaksIn(listed.join('\n'), personalData)).toEqual([]);

    expect(apiLog.length).toBeGreaterThan(10);
    expect(leaksIn(apiLog.join(''), personalData), 'API log').toEqual([]);
    expect(worker.output().length).toBeGreaterThan(0);
    expect(leaksIn(worker.output(), personalData), 'worker log').toEqual([]);
  });
});
