/** Which engine a {@link Db} talks to. */
export type DbKind = 'pglite' | 'postgres';

/** Positional parameters for `$1 … $n`. Pass JSON as a string with a `$n::text::jsonb` cast. */
export type SqlParams = readonly unknown[];

/** Rows of one statement. int8 columns arrive as `number`, `bigint` or `string` depending on the engine. */
export interface QueryResult<T> {
  rows: T[];
}

/**
 * The one database handle the shells use: the same SQL runs on PGlite (embedded) and
 * PostgreSQL (`pg`). Driver failures surface as `JilError('STORAGE_ERROR')` with the SQLSTATE in
 * `details.sqlstate`; no parameter value is ever copied into a message.
 *
 * @example
 * import { openDatabase } from '@jil/server-kit';
 * const db = await openDatabase({ dataDir: '.jil/pglite' });
 * const { rows } = await db.query<{ n: number }>('SELECT 1 AS n');
 * await db.close();
 */
export interface Db {
  /** `pglite` or `postgres`. */
  readonly kind: DbKind;
  /**
   * Runs one statement with positional parameters.
   * @throws JilError `STORAGE_ERROR` when the engine rejects it.
   */
  query<T>(sql: string, params?: SqlParams): Promise<QueryResult<T>>;
  /**
   * Runs a script of one or more statements without parameters (migrations).
   * @throws JilError `STORAGE_ERROR` when the engine rejects it.
   */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK (and rethrow) when it throws.
   * Inside `fn` use only `tx`; calling `transaction` on `tx` opens a savepoint.
   * The outer handle is not usable from inside `fn` on PGlite (it waits for the transaction).
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** Closes the database (idempotent). Closing a transaction handle throws `INTERNAL`. */
  close(): Promise<void>;
}
