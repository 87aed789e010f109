import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AesGcmPayloadCodec } from '../../../infra/payload-codec.js';
import { TEST_PAYLOAD_KEYS } from '../../support/data-converter.js';
import { startApiTestbed, type ApiTestbed } from '../api/testbed.js';

let bed: ApiTestbed;
let keys: Record<'auditor' | 'admin' | 'coordinator' | 'supervisor' | 'scopedAuditor', string>;

beforeAll(async () => {
  bed = await startApiTestbed({ worker: false });
  const [auditor, admin, coordinator, supervisor, scopedAuditor] = await Promise.all([
    bed.keyFor('AUDITOR'), bed.keyFor('ADMIN'), bed.keyFor('COORDINATOR'), bed.keyFor('SUPERVISOR'), bed.keyFor('AUDITOR', ['640804']),
  ]);
  keys = { auditor: auditor!, admin: admin!, coordinator: coordinator!, supervisor: supervisor!, scopedAuditor: scopedAuditor! };
});

afterAll(async () => {
  await bed?.close();
});

const UI_ORIGIN = 'http://localhost:8233';
const child = { fullName: 'Rini Kartika', nik: '6408045208130007', address: 'Jl. Poros Kabo RT 4' };

/** A payload as the Temporal server stores it, in the JSON the Web UI sends. */
async function storedPayloads(): Promise<{ payloads: { metadata: Record<string, string>; data: string }[] }> {
  const [encrypted] = await new AesGcmPayloadCodec(TEST_PAYLOAD_KEYS).encode([defaultPayloadConverter.toPayload(child)]);
  const base64 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('base64');
  return {
    payloads: [{
      metadata: Object.fromEntries(Object.entries(encrypted!.metadata!).map(([k, v]) => [k, base64(v)])),
      data: base64(encrypted!.data),
    }],
  };
}

function decode(headers: Record<string, string>, payload: object, url = '/codec/decode') {
  return bed.app.inject({ method: 'POST', url, headers: { origin: UI_ORIGIN, 'x-namespace': 'default', ...headers }, payload });
}

const decodedChildOf = (body: { payloads: { metadata: Record<string, string>; data: string }[] }) => {
  const [payload] = body.payloads;
  return JSON.parse(Buffer.from(payload!.data, 'base64').toString('utf8')) as unknown;
};

describe('the codec endpoint behind the Temporal Web UI', () => {
  it('shows an auditor or an admin the child’s data the history holds encrypted', async () => {
    for (const key of [keys.auditor, keys.admin]) {
      const response = await decode({ authorization: `Bearer ${key}` }, await storedPayloads());
      expect(response.statusCode).toBe(200);
      expect(decodedChildOf(response.json())).toEqual(child);
      expect(response.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
    }
  });

  it('gives nothing to callers without a key, with a wrong key, or with a role that may not see it', async () => {
    const body = await storedPayloads();
    const attempts: [string, Record<string, string>, number][] = [
      ['no key', {}, 401],
      ['an unknown key', { authorization: 'Bearer ats_abcdefgh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, 401],
      ['a coordinator', { authorization: `Bearer ${keys.coordinator}` }, 403],
      ['a supervisor', { authorization: `Bearer ${keys.supervisor}` }, 403],
      ['an auditor of one kecamatan only', { authorization: `Bearer ${keys.scopedAuditor}` }, 403],
    ];
    for (const [who, headers, status] of attempts) {
      const response = await decode(headers, body);
      expect(response.statusCode, who).toBe(status);
      expect(Object.keys(response.json()), who).toEqual(['error']);
      expect(response.body, who).not.toContain(child.nik);
      expect(response.body, who).not.toContain(Buffer.from(child.fullName).toString('base64').slice(0, 12));
    }
  });

  it('encodes for an auditor what the UI sends to a workflow, so the worker can read it', async () => {
    const plain = defaultPayloadConverter.toPayload({ note: 'Dicatat oleh auditor' });
    const response = await bed.app.inject({
      method: 'POST',
      url: '/codec/encode',
      headers: { authorization: `Bearer ${keys.auditor}` },
      payload: { payloads: [{ metadata: { encoding: Buffer.from(plain.metadata!.encoding!).toString('base64') }, data: Buffer.from(plain.data!).toString('base64') }] },
    });
    expect(response.statusCode).toBe(200);
    const [encoded] = response.json().payloads;
    expect(Buffer.from(encoded.metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
    const back = await decode({ authorization: `Bearer ${keys.auditor}` }, response.json());
    expect(decodedChildOf(back.json())).toEqual({ note: 'Dicatat oleh auditor' });
  });

  it('answers the browser’s preflight from the UI’s origin only, naming the headers the UI sends', async () => {
    const preflight = (origin: string) =>
      bed.app.inject({
        method: 'OPTIONS',
        url: '/codec/decode',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace,authorization' },
      });
    const fromUi = await preflight(UI_ORIGIN);
    expect(fromUi.statusCode).toBe(204);
    expect(fromUi.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
    expect(fromUi.headers['access-control-allow-methods']).toBe('POST');
    expect(String(fromUi.headers['access-control-allow-headers']).split(', ').sort()).toEqual(['authorization', 'content-type', 'x-namespace']);

    const elsewhere = await preflight('https://evil.example');
    expect(elsewhere.headers['access-control-allow-origin']).toBeUndefined();
    expect(elsewhere.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('serves a Web UI that cannot send headers at an endpoint carrying an auditor key in its path', async () => {
    const body = await storedPayloads();
    const allowed = await decode({}, body, `/codec/key/${keys.auditor}/decode`);
    expect(allowed.statusCode).toBe(200);
    expect(decodedChildOf(allowed.json())).toEqual(child);

    expect((await decode({}, body, `/codec/key/${keys.coordinator}/decode`)).statusCode).toBe(403);
    expect((await decode({}, body, '/codec/key/ats_abcdefgh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/decode')).statusCode).toBe(401);
  });

  it('refuses payloads encrypted with a key it does not hold', async () => {
    const body = await storedPayloads();
    const foreign = await new AesGcmPayloadCodec([{ id: 'test', key: Buffer.alloc(32, 1) }]).encode([defaultPayloadConverter.toPayload(child)]);
    body.payloads[0]!.data = Buffer.from(foreign[0]!.data!).toString('base64');
    const response = await decode({ authorization: `Bearer ${keys.auditor}` }, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('BAD_REQUEST');
  });
});
