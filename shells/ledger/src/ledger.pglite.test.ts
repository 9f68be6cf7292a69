import { openPglite } from '@jil/server-kit';
import { describe } from 'vitest';
import { describeLedgerBehaviour } from './testing/describeLedgerBehaviour.js';

// One in-memory PGlite for this file (it takes seconds and ~760 MB to start).
describe('ledger on PGlite (in memory)', () => {
  describeLedgerBehaviour({ open: () => openPglite(), dispose: (db) => db.close() });
});
