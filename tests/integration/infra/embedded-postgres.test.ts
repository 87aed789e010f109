import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../../infra/embedded-postgres.js';

describe('embedded PostgreSQL (a real server) for `npm start` without DATABASE_URL', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ats-embedded-pg-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await use(client);
    } finally {
      await client.end();
    }
  }

  it('keeps what was written across a restart on the same data directory', async () => {
    const first = await startEmbeddedPostgres({ dataDir, port: 0, password: 'rahasia-uji' });
    expect(first.url).toBe(`postgresql://postgres:rahasia-uji@127.0.0.1:${first.port}/postgres?sslmode=disable`);
    await withClient(first.url, async (client) => {
      await client.query('CREATE TABLE kecamatan (code text PRIMARY KEY, name text NOT NULL)');
      await client.query('INSERT INTO kecamatan VALUES ($1, $2)', ['64.08.04', 'Sangatta Utara']);
    });
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir, port: 0, password: 'rahasia-uji' });
    try {
      const { rows } = await withClient(second.url, (client) => client.query('SELECT code, name FROM kecamatan'));
      expect(rows).toEqual([{ code: '64.08.04', name: 'Sangatta Utara' }]);
    } finally {
      await second.stop();
    }
  });

  it('keeps every committed row when the server is killed outright, and starts again after recovery', async () => {
    const first = await startEmbeddedPostgres({ dataDir, port: 0, password: 'rahasia-uji' });
    await withClient(first.url, (client) => client.query('INSERT INTO kecamatan VALUES ($1, $2)', ['64.08.01', 'Muara Ancalong']));
    process.kill(first.pid, 'SIGKILL');
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir, port: 0, password: 'rahasia-uji' });
    try {
      const { rows } = await withClient(second.url, (client) => client.query('SELECT code FROM kecamatan ORDER BY code'));
      expect(rows.map((row) => row.code)).toEqual(['64.08.01', '64.08.04']);
    } finally {
      await second.stop();
    }
  });

  it('stops a server an earlier, killed start left running on the same data directory', async () => {
    const orphan = await startEmbeddedPostgres({ dataDir, port: 0, password: 'rahasia-uji' });
    const next = await startEmbeddedPostgres({ dataDir, port: 0, password: 'rahasia-uji' });
    try {
      expect(() => process.kill(orphan.pid, 0)).toThrow();
      const { rows } = await withClient(next.url, (client) => client.query('SELECT count(*)::int AS n FROM kecamatan'));
      expect(rows[0].n).toBe(2);
    } finally {
      await Promise.all([next.stop(), orphan.stop()]);
    }
  });

  it('refuses a wrong password', async () => {
    const db = await startEmbeddedPostgres({ dataDir, port: 0, password: 'rahasia-uji' });
    try {
      await expect(withClient(db.url.replace('rahasia-uji', 'salah'), (client) => client.query('SELECT 1'))).rejects.toThrow(/password authentication failed/);
    } finally {
      await db.stop();
    }
  });

  it('serves api and worker connections at once, each getting its own answers', async () => {
    const db = await startEmbeddedPostgres({ dataDir, port: 0, password: 'rahasia-uji' });
    const api = new pg.Pool({ connectionString: db.url, max: 4 });
    const worker = new pg.Pool({ connectionString: db.url, max: 4 });
    // The server's shutdown reaches clients that are still closing; pg reports that as a pool error.
    for (const pool of [api, worker]) pool.on('error', () => {});
    try {
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          (i % 2 ? api : worker).query<{ n: number; s: string }>('SELECT $1::int AS n, $2::text AS s', [i, `kasus-${i}`]),
        ),
      );
      expect(answers.map((r) => r.rows[0])).toEqual(Array.from({ length: 200 }, (_, i) => ({ n: i, s: `kasus-${i}` })));

      await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const client = await (i % 2 ? api : worker).connect();
          try {
            await client.query('BEGIN');
            await client.query('INSERT INTO kecamatan VALUES ($1, $2)', [`x-${i}`, 'uji']);
            await client.query(i % 2 ? 'ROLLBACK' : 'COMMIT');
          } finally {
            client.release();
          }
        }),
      );
      const { rows } = await api.query<{ count: number }>("SELECT count(*)::int AS count FROM kecamatan WHERE name = 'uji'");
      expect(rows[0]!.count).toBe(10);
    } finally {
      await Promise.all([api.end(), worker.end()]);
      await db.stop();
    }
  });

  it('refuses to start on a port that is taken', async () => {
    const db = await startEmbeddedPostgres({ dataDir, port: 0, password: 'rahasia-uji' });
    try {
      await expect(startEmbeddedPostgres({ dataDir: `${dataDir}-other`, port: db.port, password: 'rahasia-uji' })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await db.stop();
      await rm(`${dataDir}-other`, { recursive: true, force: true });
    }
  });
});
