import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { int8ToNumber } from '@jil/server-kit';
import type { ConformanceBackend, ConformanceContext } from '@jil/server-kit/testing';
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
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER " +
        'BY table_name',
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
