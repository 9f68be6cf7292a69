import { fileURLToPath } from 'node:url';
import { type Db, type MigrateResult, migrate } from '@jil/server-kit';

/** `shells/ledger/migrations/`, resolved from this file. */
export const LEDGER_MIGRATIONS_DIR: string = fileURLToPath(new URL('../migrations/', import.meta.url));

/**
 * Brings the ledger's schema up to date with its numbered migrations (`migrate` of `@jil/server-kit`: one transaction
 * per file, checksums, advisory lock). Run it before constructing a `Ledger`.
 * @throws JilError `STORAGE_ERROR` when an applied file changed or a migration fails.
 * @example
 * import { migrateLedger } from '@jil/shell-ledger';
 * await migrateLedger(db); // { applied: ['0001_ledger'], unknown: [] } on an empty database
 */
export function migrateLedger(db: Db): Promise<MigrateResult> {
  return migrate(db, LEDGER_MIGRATIONS_DIR);
}
