/**
 * @jil/server-kit — what the shells share, and only the shells (private, never published): the `Db` interface over
 * PGlite and `pg` with numbered migrations, the nonce store, argument checks, the Fastify JSON conventions and the
 * Prometheus metrics (`/metrics`).
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
export { OutboxRelay, type OutboxRelayOptions } from './events/OutboxRelay.js';
// HTTP: the error shape, strict JSON bodies, the edge errors raised before routing.
export { installJsonConventions } from './http/installJsonConventions.js';
export { edgeServerOptions, type EdgeServerOptions } from './http/edgeServerOptions.js';
export { parseJsonBody } from './http/parseJsonBody.js';
export { findNulFields } from './http/findNulFields.js';
export { toErrorReply } from './http/errorReply.js';
// Metrics: one prom-client registry per service, the HTTP request series and `GET /metrics` (docs/operations.md §Metrics).
export {
  createMetrics,
  LATENCY_BUCKETS_SECONDS,
  type CreateMetricsOptions,
  type Metrics,
  type MetricSpec,
  type MetricCounter,
  type MetricGauge,
  type MetricHistogram,
} from './metrics/createMetrics.js';
export { installHttpMetrics, UNMATCHED_ROUTE, type HttpMetricsOptions } from './metrics/installHttpMetrics.js';
