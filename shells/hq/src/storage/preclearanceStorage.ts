/**
 * HQ reuses the pre-clearance shell's storage layer — the `Db` interface over PGlite and `pg`, `openDatabase`,
 * numbered migrations with checksums, `PgNonceStore` — instead of copying it.
 */
export {
  int8ToNumber,
  migrate,
  openDatabase,
  openPglite,
  openPostgres,
  PgNonceStore,
  toDate,
  type Db,
  type MigrateResult,
} from '@jil/shell-preclearance';
