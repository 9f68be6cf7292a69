import { describe, expect, it } from 'vitest';
import { sourceExportNames } from '@jil/testkit';
import * as kit from './index.js';

describe('@jil/server-kit surface', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(kit).sort()).toEqual([
      'ArgumentCheck',
      'PgNonceStore',
      'edgeServerOptions',
      'findNulFields',
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
      'Db',
      'DbKind',
      'EdgeServerOptions',
      'MigrateResult',
      'OpenDatabaseOptions',
      'OpenPostgresOptions',
      'QueryResult',
      'SqlParams',
    ]);
  });
});
