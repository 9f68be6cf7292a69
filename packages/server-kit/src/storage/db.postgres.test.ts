import { describe, expect, it } from 'vitest';
import { postgresSchemaHarness } from '@jil/testkit';
import { openDatabase } from './openDatabase.js';
import { openPostgres } from './openPostgres.js';
import { describeKitConformance } from './testing/describeKitConformance.js';

const url = process.env['JIL_TEST_DATABASE_URL'];

// Skipped without JIL_TEST_DATABASE_URL: needs a real PostgreSQL; .ci/run starts one.
describe.skipIf(url === undefined || url === '')('server-kit storage conformance on PostgreSQL', () => {
  const databaseUrl = url ?? '';
  describeKitConformance(postgresSchemaHarness(openPostgres, databaseUrl, 'jil_kit_test'));

  it('openDatabase picks PostgreSQL when databaseUrl is set', async () => {
    const db = await openDatabase({ databaseUrl, dataDir: '/nonexistent/never-used' });
    expect(db.kind).toBe('postgres');
    expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await db.close();
    await db.close(); // idempotent
  });
});
