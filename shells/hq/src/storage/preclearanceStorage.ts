/**
 * HQ reuses the pre-clearance shell's storage layer — the `Db` interface over PGlite and `pg`, `openDatabase`,
 * numbered migrations with checksums, `PgNonceStore` — instead of copying it. Imported by path until
 * `@jil/shell-preclearance` exports these from its index; this file is the only place that knows the paths.
 */
export type { Db, DbKind, QueryResult, SqlParams } from '../../../preclearance/src/storage/Db.js';
export { openDatabase, type OpenDatabaseOptions } from '../../../preclearance/src/storage/openDatabase.js';
export { openPglite } from '../../../preclearance/src/storage/openPglite.js';
export { openPostgres, type OpenPostgresOptions } from '../../../preclearance/src/storage/openPostgres.js';
export { migrate, type MigrateResult } from '../../../preclearance/src/storage/migrate.js';
export { PgNonceStore } from '../../../preclearance/src/storage/PgNonceStore.js';
export { int8ToNumber } from '../../../preclearance/src/storage/int8ToNumber.js';
export { toDate } from '../../../preclearance/src/storage/toDate.js';
export { sqlstateOf } from '../../../preclearance/src/storage/storageError.js';
