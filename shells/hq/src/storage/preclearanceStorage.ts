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
  sqlstateOf,
  toDate,
  type Db,
  type DbKind,
  type MigrateResult,
  type OpenDatabaseOptions,
  type OpenPostgresOptions,
  type QueryResult,
  type SqlParams,
} from '@jil/shell-preclearance';
