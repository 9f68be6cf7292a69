import { describe, expect, it } from 'vitest';
import { postgresSchemaHarness } from '@jil/testkit';
import { openDatabase } from './openDatabase.js';
import { openPostgres } from './openPostgres.js';
import { describeStorageConformance } from './testing/describeStorageConformance.js';

const url = process.env['JIL_TEST_DATABASE_URL'];

// Skipped without JIL_TEST_DATABASE_URL: needs a real PostgreSQL; .ci/run starts one.
describe.skipIf(url === undefined || url === '')('storage conformance on PostgreSQL', () => {
  const databaseUrl = url ?? '';
  describeStorageConformance(postgresSchemaHarness(openPostgres, databaseUrl, 'jil_test'));

  it('openDatabase picks PostgreSQL when databaseUrl is set', async () => {
    const db = await openDatabase({ databaseUrl, dataDir: '/nonexistent/never-used' });
    expect(db.kind).toBe('postgres');
    expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await db.close();
    await db.close(); // idempotent
  });
});
