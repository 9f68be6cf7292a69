import { describe } from 'vitest';
import { openPglite } from '@jil/server-kit';
import { describeHqStorage } from './testing/describeHqStorage.js';

describe('HQ storage on PGlite', () => {
  describeHqStorage({ open: () => openPglite(), dispose: (db) => db.close() });
});
