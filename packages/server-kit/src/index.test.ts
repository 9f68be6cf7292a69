import { describe, expect, it } from 'vitest';
import { sourceExportNames } from '@jil/testkit';
import * as kit from './index.js';

describe('@jil/server-kit surface', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(kit).sort()).toEqual([
      'ArgumentCheck',
      'LATENCY_BUCKETS_SECONDS',
      'OutboxRelay',
      'PgNonceStore',
      'UNMATCHED_ROUTE',
      'createMetrics',
      'edgeServerOptions',
      'findNulFields',
      'installHttpMetrics',
      'installJsonConventions',
      'int8ToBigInt',
      'int8ToNumber',
      'migrate',
      'openDatabase',
      'openPglite',
      'openPostgres',
      'parseJsonBody',
      'sqlstateOf',
      'toDate',
      'toErrorReply',
    ]);
  });

  it('exports exactly these types', () => {
    expect(sourceExportNames(new URL('./index.ts', import.meta.url)).types).toEqual([
      'CreateMetricsOptions',
      'Db',
      'DbKind',
      'EdgeServerOptions',
      'HttpMetricsOptions',
      'MetricCounter',
      'MetricGauge',
      'MetricHistogram',
      'MetricSpec',
      'Metrics',
      'MigrateResult',
      'OpenDatabaseOptions',
      'OpenPostgresOptions',
      'OutboxRelayOptions',
      'QueryResult',
      'SqlParams',
    ]);
  });
});
