/**
 * Test helpers every storage conformance suite shares — the kit's (describeKitConformance) and the shells' (e.g.
 * pre-clearance's describeStorageConformance): the backend a test file runs against, the shared context, and small
 * assertions on `JilError`s. Imported as `@jil/server-kit/testing`; they use vitest, so only test code imports them.
 */
import { randomUUID } from 'node:crypto';
import { JilError } from '@jil/core';
import { expect } from 'vitest';
import type { Db } from '../Db.js';
import type { MigrateResult } from '../migrate.js';

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
