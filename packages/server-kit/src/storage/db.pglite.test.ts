import { describe } from 'vitest';
import { openPglite } from './openPglite.js';
import { describeKitConformance } from './testing/describeKitConformance.js';

// One in-memory PGlite for this file (it takes seconds and ~760 MB to start).
describe('server-kit storage conformance on PGlite (in memory)', () => {
  describeKitConformance({
    open: () => openPglite(),
    dispose: (db) => db.close(),
  });
});
