import { JilError } from '@jil/core';
import type { Db, DbKind, QueryResult, SqlParams } from './Db.js';

/** Runs statements on the connection that holds an open transaction. Errors are already wrapped. */
export interface StatementRunner {
  query<T>(sql: string, params: SqlParams): Promise<QueryResult<T>>;
  exec(sql: string): Promise<void>;
}

/** A transaction-scoped {@link Db} and the switch that retires it when the transaction ends. */
export interface TransactionHandle {
  db: Db;
  /** After this, every call on `db` throws `INTERNAL` (the connection may serve someone else). */
  end(): void;
}

/**
 * Builds the `tx` handle passed to `Db.transaction` callbacks, shared by both engines.
 * `tx.transaction(fn)` opens a savepoint, released on success and rolled back when `fn` throws.
 *
 * @param kind - Engine of the outer database.
 * @param runner - Statement runner bound to the transaction's connection.
 */
export function createTransactionHandle(kind: DbKind, runner: StatementRunner): TransactionHandle {
  let open = true;
  let savepoints = 0;
  const check = (): void => {
    if (!open) throw new JilError('INTERNAL', 'transaction handle used after its transaction ended');
  };
  const db: Db = {
    kind,
    async query<T>(sql: string, params: SqlParams = []): Promise<QueryResult<T>> {
      check();
      return runner.query<T>(sql, params);
    },
    async exec(sql: string): Promise<void> {
      check();
      await runner.exec(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      check();
      const name = `jil_sp_${++savepoints}`;
      await runner.exec(`SAVEPOINT ${name}`);
      const nested = createTransactionHandle(kind, runner);
      try {
        const result = await fn(nested.db);
        await runner.exec(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (error) {
        await runner.exec(`ROLLBACK TO SAVEPOINT ${name}`);
        throw error;
      } finally {
        nested.end();
      }
    },
    async close(): Promise<void> {
      throw new JilError('INTERNAL', 'a transaction handle cannot be closed; return from the callback');
    },
  };
  return {
    db,
    end: () => {
      open = false;
    },
  };
}
