import { Pool, type PoolClient } from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { errorFields, logger } from '../lib/logger';
import * as schema from './schema';

// In staging and production DATABASE_URL is the PgBouncer address (port 6432).
export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: 10,
  idleTimeoutMillis: 30_000,
  connectionTimeoutMillis: 5_000,
});

pool.on('error', (err) => {
  // Raised for idle clients whose server connection went away (pooler reload,
  // failover). The pool drops the client; nothing else to do here.
  logger.warn('idle database client failed', errorFields(err));
});

export const db = drizzle(pool, { schema, logger: process.env.LOG_SQL === '1' });

export type Database = typeof db;

/** The pool itself or a client checked out of it. */
export type Queryable = Pool | PoolClient;

/**
 * Runs `work` in a transaction on one checked-out client and always returns
 * the client to the pool. Rolls back on any thrown error.
 */
export async function withTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackErr: unknown) => {
      logger.warn('rollback failed', errorFields(rollbackErr));
    });
    throw err;
  } finally {
    client.release();
  }
}

export async function checkDatabase(): Promise<void> {
  await pool.query('SELECT 1');
}

export async function closeDatabase(): Promise<void> {
  await pool.end();
}
