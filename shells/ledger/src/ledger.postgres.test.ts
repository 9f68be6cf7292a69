import { openPostgres } from '@jil/server-kit';
import { postgresSchemaHarness } from '@jil/testkit';
import { describe } from 'vitest';
import { describeLedgerBehaviour } from './testing/describeLedgerBehaviour.js';

const url = process.env['JIL_TEST_DATABASE_URL'];

// Skipped without JIL_TEST_DATABASE_URL: needs a real PostgreSQL; .ci/run starts one. Each run gets its own schema.
describe.skipIf(url === undefined || url === '')('ledger on PostgreSQL', () => {
  describeLedgerBehaviour(postgresSchemaHarness(openPostgres, url ?? '', 'jil_ledger_test'));
});
