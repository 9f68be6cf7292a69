import { describe } from 'vitest';
import { openPostgres } from '@jil/server-kit';
import { postgresSchemaHarness } from '@jil/testkit';
import { describeStorageConformance } from './testing/describeStorageConformance.js';

const url = process.env['JIL_TEST_DATABASE_URL'];

// Skipped without JIL_TEST_DATABASE_URL: needs a real PostgreSQL; .ci/run starts one.
describe.skipIf(url === undefined || url === '')('storage conformance on PostgreSQL', () => {
  describeStorageConformance(postgresSchemaHarness(openPostgres, url ?? '', 'jil_test'));
});
