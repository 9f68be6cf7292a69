import { test } from 'vitest';
import { scoreName } from './scoreName.js';

// Recorded, never asserted (vitest 5 `bench` fixture): `pnpm node24 vitest bench --run packages/psa/src/screening/sanctions`.
// Searching the real lists (OFAC SDN + UN, ~35,000 names) needs ingest: packages/ingest/src/sanctionsRealData.bench.ts.
test('name scoring', async ({ bench }) => {
  await bench('pairwise scoreName', () => {
    scoreName('Vladimir Vladimirovich Putin', 'PUTIN, Vladimir', 'Person');
  });
});
