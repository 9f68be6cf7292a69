/**
 * @jil/server-kit — what the shells share, and only the shells (private, never published): the `Db` interface over
 * PGlite and `pg` with numbered migrations, the nonce store, argument checks and the Fastify JSON conventions.
 */
// Storage: one Db interface, two engines, numbered migrations with checksums (each shell passes its own folder).
export type { Db, DbKind, QueryResult, SqlParams } from './storage/Db.js';
export { openDatabase, type OpenDatabaseOptions } from './storage/openDatabase.js';
export { openPglite } from './storage/openPglite.js';
export { openPostgres, type OpenPostgresOptions } from './storage/openPostgres.js';
export { migrate, type MigrateResult } from './storage/migrate.js';
export { PgNonceStore } from './storage/PgNonceStore.js';
export { ArgumentCheck } from './storage/ArgumentCheck.js';
export { int8ToBigInt, int8ToNumber } from './storage/int8ToNumber.js';
export { toDate } from './storage/toDate.js';
export { sqlstateOf } from './storage/storageError.js';
// HTTP: the error shape, strict JSON bodies, the edge errors raised before routing.
export { installJsonConventions } from './http/installJsonConventions.js';
export { edgeServerOptions, type EdgeServerOptions } from './http/edgeServerOptions.js';
export { parseJsonBody } from './http/parseJsonBody.js';
export { findNulFields } from './http/findNulFields.js';
export { toErrorReply } from './http/errorReply.js';
