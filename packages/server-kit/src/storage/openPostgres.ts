import { JilError } from '@jil/core';
import pg from 'pg';
import type { Db, QueryResult, SqlParams } from './Db.js';
import { storageError } from './storageError.js';
import { createTransactionHandle } from './transactionHandle.js';

/** Options for {@link openPostgres}. */
export interface OpenPostgresOptions {
  /** `search_path` of every connection, e.g. a per-test schema. Must be a plain identifier. */
  searchPath?: string;
  /** Pool size (default 10). */
  maxConnections?: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens a PostgreSQL connection pool (`pg.Pool`) and checks that the server answers.
 *
 * @param url - Connection string, e.g. `postgres://jil@127.0.0.1:5432/jil`. Never logged.
 * @param options - Optional `searchPath` and `maxConnections`.
 * @returns A {@link Db} of kind `postgres`.
 * @throws JilError `INVALID_ARGUMENT` for a bad `searchPath`; `STORAGE_ERROR` when the server
 *   cannot be reached (the message never contains the URL).
 *
 * @example
 * import { openPostgres } from './openPostgres.js';
 * const db = await openPostgres(process.env.DATABASE_URL ?? 'postgres://localhost/jil');
 * await db.close();
 */
export async function openPostgres(url: string, options: OpenPostgresOptions = {}): Promise<Db> {
  const { searchPath, maxConnections = 10 } = options;
  if (searchPath !== undefined && !IDENTIFIER.test(searchPath)) {
    throw new JilError('INVALID_ARGUMENT', 'searchPath must be a lower-case SQL identifier', {
      details: { field: 'searchPath' },
    });
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    ...(searchPath === undefined ? {} : { options: `-c search_path=${searchPath}` }),
  });
  // An idle client that loses its connection emits `error`; without a listener the process dies.
  pool.on('error', () => {});
  const run = async <T>(client: pg.Pool | pg.PoolClient, sql: string, params: SqlParams): Promise<QueryResult<T>> => {
    try {
      const result = await client.query(sql, [...params]);
      return { rows: result.rows as T[] };
    } catch (error) {
      throw storageError('query', error);
    }
  };
  let ended: Promise<void> | undefined;
  const db: Db = {
    kind: 'postgres',
    query: <T>(sql: string, params: SqlParams = []) => run<T>(pool, sql, params),
    async exec(sql: string): Promise<void> {
      await run(pool, sql, []);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw storageError('connect', error);
      }
      const handle = createTransactionHandle('postgres', {
        query: <R>(sql: string, params: SqlParams) => run<R>(client, sql, params),
        exec: async (sql: string) => {
          await run(client, sql, []);
        },
      });
      let broken = false;
      try {
        await run(client, 'BEGIN', []);
        const result = await fn(handle.db);
        await run(client, 'COMMIT', []);
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true; // discard the connection rather than return it mid-transaction
        }
        throw error;
      } finally {
        handle.end();
        client.release(broken);
      }
    },
    close(): Promise<void> {
      ended ??= pool.end().catch((error: unknown) => {
        throw storageError('close', error);
      });
      return ended;
    },
  };
  try {
    await db.query('SELECT 1');
  } catch (error) {
    await db.close().catch(() => {});
    throw storageError('connect', error);
  }
  return db;
}
