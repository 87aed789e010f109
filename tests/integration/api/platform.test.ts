import { Writable } from 'node:stream';
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../api/app.js';
import { parseEnv } from '../../../config/env.js';
import { createPrisma } from '../../../infra/db.js';
import { CASE_KEY_SECRET, report, startApiTestbed, type ApiTestbed } from './testbed.js';

let bed: ApiTestbed;

beforeAll(async () => {
  bed = await startApiTestbed({ worker: false });
});

afterAll(async () => {
  await bed?.close();
});

/** An API whose database and Temporal server are both unreachable, with its log kept for inspection. */
async function appWithBrokenDependencies(): Promise<{ app: FastifyInstance; logLines: string[]; close(): Promise<void> }> {
  const logLines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const prisma = createPrisma('postgres://postgres@127.0.0.1:1/unreachable');
  const connection = Connection.lazy({ address: '127.0.0.1:1' });
  const app = await buildApp({
    env: parseEnv({ CASE_KEY_SECRET, LOG_LEVEL: 'info' }),
    prisma,
    temporal: new Client({ connection }),
    logger: { stream },
  });
  return {
    app,
    logLines,
    async close() {
      await app.close();
      await connection.close();
      await prisma.$disconnect();
    },
  };
}

describe('the API as an operator and an integrator see it', () => {
  it('documents itself: Swagger UI at /docs and OpenAPI generated from the schemas at /docs/json', async () => {
    const ui = await bed.app.inject({ url: '/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
    expect(ui.headers['content-security-policy']).toBeUndefined();

    const spec = (await bed.app.inject({ url: '/docs/json' })).json();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/cases', '/api/v1/cases/{caseId}', '/api/v1/cases/{caseId}/close', '/health']));
    const intake = spec.paths['/api/v1/cases'].post;
    const body = intake.requestBody.content['application/json'];
    expect(body.schema.properties.child.properties.kecamatan.enum).toContain('640804');
    expect(body.example.child.fullName).toBe('Siti Aminah');
    expect(Object.keys(intake.responses)).toEqual(expect.arrayContaining(['200', '201', '400', '401', '413']));
  });

  it('reports itself healthy when PostgreSQL and Temporal answer', async () => {
    const health = await bed.app.inject({ url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok', checks: { database: 'ok', temporal: 'ok' } });
  });

  it('gives every response a request id, keeping a well-formed one from the caller', async () => {
    const kept = await bed.app.inject({ url: '/health', headers: { 'x-request-id': 'portal-7f3a9c21' } });
    expect(kept.headers['x-request-id']).toBe('portal-7f3a9c21');
    const replaced = await bed.app.inject({ url: '/health', headers: { 'x-request-id': 'bad id\nwith newline' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with the one error shape and the security headers', async () => {
    const response = await bed.app.inject({ url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Data tidak ditemukan.' } });
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    });
  });
});

describe('when the database and Temporal are down', () => {
  it('says which check failed, hides the fault from the caller and keeps personal data out of the log', async () => {
    const broken = await appWithBrokenDependencies();
    try {
      const health = await broken.app.inject({ url: '/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toEqual({ status: 'unavailable', checks: { database: 'failed', temporal: 'failed' } });

      const child = report({ child: { fullName: 'Rahmat Hidayat' } });
      const response = await broken.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: { authorization: 'Bearer ats_abcdefgh_0123456789012345678901234567890123456789012' },
        payload: child,
      });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({ error: { code: 'INTERNAL_ERROR', message: 'Terjadi kesalahan pada server. Silakan coba lagi nanti.' } });
      expect(response.body).not.toMatch(/prisma|at \w|\.ts:|127\.0\.0\.1/i);

      await broken.app.inject({ url: '/tasks/Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA' });
      const log = broken.logLines.join('');
      expect(log).toContain('request failed');
      expect(log).toContain('/tasks/[token]');
      expect(log).not.toContain('Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA');
      expect(log).not.toContain(child.child.nik!);
      expect(log).not.toContain('Rahmat');
      expect(log).not.toContain('ats_abcdefgh_');
    } finally {
      await broken.close();
    }
  });
});
