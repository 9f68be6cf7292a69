import type { Db } from '@jil/server-kit';

/** The error {@link failingDb} throws: a process dying in the middle of a write. */
export class InjectedCrash extends Error {
  override readonly name = 'InjectedCrash';
}

/**
 * The same real database, except that inside a transaction the statement after the first `okStatements` throws
 * {@link InjectedCrash}, as if the process died mid-write (the transaction rolls back). Outside transactions it is
 * the database itself.
 */
export function failingDb(db: Db, okStatements: number): Db {
  return {
    kind: db.kind,
    query: (sql, params) => db.query(sql, params),
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
    transaction: (fn) =>
      db.transaction((tx) => {
        let count = 0;
        const dying: Db = {
          kind: tx.kind,
          query: (sql, params) => (count++ >= okStatements ? Promise.reject(new InjectedCrash('injected crash')) : tx.query(sql, params)),
          exec: (sql) => tx.exec(sql),
          transaction: (inner) => tx.transaction(inner),
          close: () => tx.close(),
        };
        return fn(dying);
      }),
  };
}
