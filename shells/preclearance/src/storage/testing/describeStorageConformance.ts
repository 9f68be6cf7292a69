import { randomUUID } from 'node:crypto';
import { JilError } from '@jil/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { int8ToNumber, type Db, type MigrateResult } from '@jil/server-kit';
import { migratePreclearance } from '../migratePreclearance.js';
import { describeRepositoryConformance } from './describeRepositoryConformance.js';

/** Every table the pre-clearance migrations create. */
const TABLES = [
  'access_key_events',
  'access_keys',
  'auth_nonces',
  'event_dead_letters',
  'event_inbox',
  'event_mesh_node',
  'event_outbox',
  'event_source_positions',
  'psas',
  'request_log',
  'sanctions_clearance_events',
  'sanctions_clearances',
  'schema_migrations',
  'tlog_checkpoints',
  'tlog_entries',
  'tlog_origin',
  'tlog_remote_entries',
  'tlog_sequence',
  'tlog_tiles',
  'tlog_witness_state',
  'transfer_history',
  'validator_evidence',
];

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
 * The pre-clearance storage conformance suite: every test runs unchanged against each engine. The database is
 * opened once in `beforeAll` and migrated from empty. `Db`, `migrate` and `PgNonceStore` themselves are tested in
 * `@jil/server-kit`; this suite covers the pre-clearance migrations and repositories.
 */
export function describeStorageConformance(backend: ConformanceBackend): void {
  const context = {} as ConformanceContext;
  beforeAll(async () => {
    context.db = await backend.open();
    context.firstMigrate = await migratePreclearance(context.db);
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

  it('creates every table in the current schema', async () => {
    const { rows } = await context.db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
    );
    expect(rows.map((r) => r.table_name)).toEqual(TABLES);
  });

  it('is idempotent: a second run applies nothing', async () => {
    expect(await migratePreclearance(context.db)).toEqual({ applied: [], unknown: [] });
    const { rows } = await context.db.query<{ version: unknown }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => int8ToNumber(r.version))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  describe('repositories', () => describeRepositoryConformance(context));
}
