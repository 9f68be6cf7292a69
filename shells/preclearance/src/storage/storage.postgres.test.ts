import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Db } from './Db.js';
import { openDatabase } from './openDatabase.js';
import { openPostgres } from './openPostgres.js';
import { describeStorageConformance } from './testing/describeStorageConformance.js';

const url = process.env['JIL_TEST_DATABASE_URL'];

// Skipped without JIL_TEST_DATABASE_URL: needs a real PostgreSQL; .ci/run starts one.
describe.skipIf(url === undefined || url === '')('storage conformance on PostgreSQL', () => {
  const databaseUrl = url ?? '';
  // Each run works in its own schema, dropped afterwards, so parallel runs never collide.
  const schema = `jil_test_${randomBytes(6).toString('hex')}`;
  let admin: Db | undefined;

  describeStorageConformance({
    async open() {
      admin = await openPostgres(databaseUrl);
      await admin.exec(`CREATE SCHEMA ${schema}`);
      return openPostgres(databaseUrl, { searchPath: schema });
    },
    async dispose(db) {
      await db.close();
      await admin?.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin?.close();
    },
  });

  it('openDatabase picks PostgreSQL when databaseUrl is set', async () => {
    const db = await openDatabase({ databaseUrl, dataDir: '/nonexistent/never-used' });
    expect(db.kind).toBe('postgres');
    expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await db.close();
    await db.close(); // idempotent
  });
});
