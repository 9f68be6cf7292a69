import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { JilError } from '@jil/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../Db.js';
import { migrate, type MigrateResult } from '../migrate.js';
import { describeDbConformance } from './describeDbConformance.js';
import { describeMigrateConformance } from './describeMigrateConformance.js';
import { describeNonceStoreConformance } from './describeNonceStoreConformance.js';

/** The kit's own fixture migrations (`auth_nonces`, `conformance_rows`); shells ship theirs. */
export const CONFORMANCE_MIGRATIONS_DIR: string = fileURLToPath(new URL('./migrations/', import.meta.url));

/** The fixture's migrations, as `migrate` reports them. */
export const CONFORMANCE_MIGRATIONS = ['0001_conformance', '0002_conformance_rows'];

/** How a test file opens and disposes of the database under test (once per file). */
export interface ConformanceBackend {
  /** Opens an empty database (in-memory PGlite, or a fresh PostgreSQL schema). */
  open(): Promise<Db>;
  /** Closes it and drops what `open` created. */
  dispose(db: Db): Promise<void>;
}

/** What the parts of the suite share: the migrated database and the first `migrate` result. */
export interface ConformanceContext {
  db: Db;
  firstMigrate: MigrateResult;
}

/** A unique suffix so that tests sharing one database never see each other's rows. */
export const unique = (): string => randomUUID().slice(0, 8);

/** The `JilError` a promise rejects with (fails the test when it resolves or throws something else). */
export async function rejectionOf(promise: Promise<unknown>): Promise<JilError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(JilError);
  return outcome as JilError;
}

/** The `field` names listed by a validation error. */
export function fieldsOf(error: JilError): string[] {
  const fields = error.details['fields'];
  return Array.isArray(fields) ? fields.map((f: { field: string }) => f.field) : [];
}

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
