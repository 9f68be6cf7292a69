import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import type { ConformanceBackend, ConformanceContext } from './conformanceHelpers.js';

import { describeDbConformance } from './describeDbConformance.js';
import { describeMigrateConformance } from './describeMigrateConformance.js';
import { describeNonceStoreConformance } from './describeNonceStoreConformance.js';

/** The kit's own fixture migrations (`auth_nonces`, `conformance_rows`); shells ship theirs. */
export const CONFORMANCE_MIGRATIONS_DIR: string = fileURLToPath(new URL('./migrations/', import.meta.url));

/** The fixture's migrations, as `migrate` reports them. */
export const CONFORMANCE_MIGRATIONS = ['0001_conformance', '0002_conformance_rows'];

/**
 * The kit's conformance suite: every test runs unchanged against each engine. The database is opened once in
 * `beforeAll` and migrated from empty with the fixture migrations. The shells' suites test their own tables.
 */
export function describeKitConformance(backend: ConformanceBackend): void {
  const context = {} as ConformanceContext;
  beforeAll(async () => {
    context.db = await backend.open();
    context.firstMigrate = await migrate(context.db, CONFORMANCE_MIGRATIONS_DIR);
  });
  afterAll(async () => {
    if (context.db !== undefined) await backend.dispose(context.db);
  });

  it('opens an empty database and applies every migration of the folder', () => {
    expect(context.firstMigrate).toEqual({ applied: CONFORMANCE_MIGRATIONS, unknown: [] });
  });

  describe('Db', () => describeDbConformance(context));
  describe('migrate', () => describeMigrateConformance(context));
  describe('PgNonceStore', () => describeNonceStoreConformance(context));
}
