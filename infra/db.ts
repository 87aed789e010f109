import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';

/** The database handle activities and the API receive. */
export type Db = PrismaClient;

/** A Prisma client on a pg pool of at most `maxConnections` (DATABASE_POOL_SIZE in the processes); pg's default of 10 otherwise. */
export function createPrisma(databaseUrl: string, options: { maxConnections?: number } = {}): PrismaClient {
  const pool = { connectionString: databaseUrl, ...(options.maxConnections === undefined ? {} : { max: options.maxConnections }) };
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}
