import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export type EmbeddedPostgres = {
  /** postgres:// URL for `pg` and Prisma's adapter-pg. */
  url: string;
  port: number;
  stop(): Promise<void>;
};

export type EmbeddedPostgresOptions = {
  /** The database lives in <dataDir>/pglite and survives restarts. */
  dataDir: string;
  /** 0 picks a free port; the chosen one is in the returned url and port. */
  port: number;
  host?: string;
  /**
   * Connections beyond this are reset, not queued, so it must cover every pool pointed at the
   * url (pg.Pool and adapter-pg default to 10 each). Statements still run one at a time.
   */
  maxConnections?: number;
};

const DEFAULT_MAX_CONNECTIONS = 32;

/**
 * PostgreSQL compiled to WebAssembly (PGlite), served on a local port over the Postgres wire
 * protocol, standing in for a database server when DATABASE_URL is unset. One machine only.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const host = options.host ?? '127.0.0.1';
  const directory = path.join(options.dataDir, 'pglite');
  await mkdir(directory, { recursive: true });
  const db = await PGlite.create(directory);
  const server = new PGLiteSocketServer({ db, host, port: options.port, maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const port = Number(server.getServerConn().split(':').at(-1));
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;

  return {
    url: `postgresql://postgres:postgres@${urlHost}:${port}/postgres?sslmode=disable`,
    port,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
