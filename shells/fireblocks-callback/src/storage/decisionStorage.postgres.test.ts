import { describe } from 'vitest';
import { openPostgres } from '@jil/server-kit';
import { postgresSchemaHarness } from '@jil/testkit';
import { describeDecisionStorage } from './testing/describeDecisionStorage.js';

const url = process.env['JIL_TEST_DATABASE_URL'];

// Skipped without JIL_TEST_DATABASE_URL: needs a real PostgreSQL; .ci/run starts one.
describe.skipIf(url === undefined || url === '')('Fireblocks callback storage on PostgreSQL', () => {
  describeDecisionStorage(postgresSchemaHarness(openPostgres, url ?? '', 'jil_fireblocks_test'));
});
