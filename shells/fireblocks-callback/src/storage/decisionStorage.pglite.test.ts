import { describe } from 'vitest';
import { openPglite } from '@jil/server-kit';
import { describeDecisionStorage } from './testing/describeDecisionStorage.js';

describe('Fireblocks callback storage on PGlite', () => {
  describeDecisionStorage({ open: () => openPglite(), dispose: (db) => db.close() });
});
