import { randomUUID } from 'node:crypto';
import { JilError } from '@jil/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../Db.js';
import { migrate, type MigrateResult } from '../migrate.js';
import { describeDbConformance } from './describeDbConformance.js';
import { describeMigrateConformance } from './describeMigrateConformance.js';
import { describeRepositoryConformance } from './describeRepositoryConformance.js';

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
 * The storage conformance suite: every test runs unchanged against each engine. The database is
 * opened once in `beforeAll` and migrated from empty.
 */
export function describeStorageConformance(backend: ConformanceBackend): void {
  const context = {} as ConformanceContext;
  beforeAll(async () => {
    context.db = await backend.open();
    context.firstMigrate = await migrate(context.db);
  });
  afterAll(async () => {
    if (context.db !== undefined) await backend.dispose(context.db);
  });

  it('opens an empty database and applies every migration', () => {
    expect(context.firstMigrate).toEqual({
      applied: [
        '0001_init',
        '0002_sanctions_clearances',
        '0003_transparency_log',
        '0004_validator_evidence',
        '0005_access_key_admin',
        '0006_transit_id_idempotency',
        '0007_event_mesh',
        '0008_event_source_positions',
        '0009_event_mesh_clearances',
      ],
      unknown: [],
    });
  });

  describe('Db', () => describeDbConformance(context));
  describe('migrate', () => describeMigrateConformance(context));
  describe('repositories', () => describeRepositoryConformance(context));
}
