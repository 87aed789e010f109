import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';

/** The database handle activities and the API receive. */
export type Db = PrismaClient;

/**
 * A Prisma client on a pg pool. The embedded PGlite server serves one connection at a time,
 * so `npm start` passes `maxConnections: 1`; elsewhere pg's default pool size applies.
 */
export function createPrisma(databaseUrl: string, options: { maxConnections?: number } = {}): PrismaClient {
  const pool = { connectionString: databaseUrl, ...(options.maxConnections === undefined ? {} : { max: options.maxConnections }) };
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}
