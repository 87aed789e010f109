import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';

/** The database handle activities and the API receive. */
export type Db = PrismaClient;

/** The pool under each client createPrisma made: Prisma lends out none of its connections outside a transaction. */
const poolsOfClients = new WeakMap<PrismaClient, pg.Pool>();

/** A Prisma client on a pg pool of at most `maxConnections` (DATABASE_POOL_SIZE in the processes); pg's default of 10 otherwise. */
export function createPrisma(databaseUrl: string, options: { maxConnections?: number } = {}): PrismaClient {
  const pool = new pg.Pool({ connectionString: databaseUrl, ...(options.maxConnections === undefined ? {} : { max: options.maxConnections }) });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  poolsOfClients.set(prisma, pool);
  return prisma;
}

/**
 * One connection of the client's pool, the caller's alone until it calls `release()`: for a statement
 * that must run the moment it is due, not after the queries queued ahead of it for a free connection.
 */
export function reserveConnection(prisma: PrismaClient): Promise<pg.PoolClient> {
  const pool = poolsOfClients.get(prisma);
  if (!pool) throw new Error('reserveConnection needs a client made by createPrisma');
  return pool.connect();
}
