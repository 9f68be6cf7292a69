import { describe } from 'vitest';
import { postgresSchemaHarness } from '@jil/testkit';
import { openPostgres } from '@jil/server-kit';
import { describeHqStorage } from './testing/describeHqStorage.js';

const url = process.env['JIL_TEST_DATABASE_URL'];

// Skipped without JIL_TEST_DATABASE_URL: needs a real PostgreSQL; .ci/run starts one.
describe.skipIf(url === undefined || url === '')('HQ storage on PostgreSQL', () => {
  describeHqStorage(postgresSchemaHarness(openPostgres, url ?? '', 'jil_hq_test'));
});
