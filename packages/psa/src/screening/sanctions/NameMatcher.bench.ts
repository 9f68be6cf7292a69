import { dataPath, HAS_SHARED_DATA } from '@jil/testkit';
import { test } from 'vitest';
import { DATASET_DESCRIPTORS, ingestDatasets } from '../../ingest/index.js';
import { createNameMatcher } from './NameMatcher.js';
import { scoreName } from './scoreName.js';

// Recorded, never asserted (vitest 5 `bench` fixture): `pnpm node24 vitest bench --run packages/psa/src/screening/sanctions`.
const lists = new Set(['ofac-sdn', 'un-consolidated']);
const entities = HAS_SHARED_DATA
  ? (await ingestDatasets(dataPath(), { datasets: DATASET_DESCRIPTORS.filter((d) => lists.has(d.name)) })).sanctions
  : [];
const matcher = createNameMatcher(entities);
const queries = [
  'Vladimir Putin',
  'Maria Gonzalez Lopez',
  'Banco Nacional de Cuba',
  'Abdulhai Salek',
  'John Smith',
  'Mahmood Ahmadinezhad',
];

// Without ../shared/data there is no list to screen against.
test.skipIf(!HAS_SHARED_DATA)('name screening (OFAC SDN + UN, ~35,000 names)', async ({ bench }) => {
  let k = 0;
  await bench.compare(
    bench('search one party name', () => {
      matcher.search({ name: queries[k++ % queries.length] as string }, { minScore: 0.8 });
    }),
    bench('pairwise scoreName', () => {
      scoreName('Vladimir Vladimirovich Putin', 'PUTIN, Vladimir', 'Person');
    }),
  );
});
