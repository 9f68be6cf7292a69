import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { openPostgres, type Db } from './preclearanceStorage.js';
import { describeHqStorage } from './testing/describeHqStorage.js';

const url = process.env['JIL_TEST_DATABASE_URL'];

// Skipped without JIL_TEST_DATABASE_URL: needs a real PostgreSQL; .ci/run starts one.
describe.skipIf(url === undefined || url === '')('HQ storage on PostgreSQL', () => {
  const databaseUrl = url ?? '';
  // Each run works in its own schema, dropped afterwards, so parallel runs never collide.
  const schema = `jil_hq_test_${randomBytes(6).toString('hex')}`;
  let admin: Db | undefined;
  describeHqStorage({
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
});
