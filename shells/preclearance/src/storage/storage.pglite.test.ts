import { describe } from 'vitest';
import { openPglite } from '@jil/server-kit';
import { describeStorageConformance } from './testing/describeStorageConformance.js';

// One in-memory PGlite for this file (it takes seconds and ~760 MB to start).
describe('storage conformance on PGlite (in memory)', () => {
  describeStorageConformance({
    open: () => openPglite(),
    dispose: (db) => db.close(),
  });
});
