import { createSanctionsStage, type Snapshot, type TransferRequest } from '@jil/psa';
import { dataPath, emptySnapshot, HAS_SHARED_DATA } from '@jil/testkit';
import { test } from 'vitest';
import { buildSnapshot } from './buildSnapshot.js';
import { DATASET_DESCRIPTORS } from './datasetDescriptors.js';
import { ingestDatasets } from './ingestDatasets.js';

// Recorded, never asserted (vitest 5 `bench` fixture): `pnpm node24 vitest bench --run packages/ingest/src/sanctionsRealData`.
const lists = new Set(['ofac-sdn', 'un-consolidated']);
const snapshot: Snapshot = HAS_SHARED_DATA
  ? buildSnapshot(await ingestDatasets(dataPath(), { datasets: DATASET_DESCRIPTORS.filter((d) => lists.has(d.name)) }))
  : emptySnapshot();
const stage = createSanctionsStage(snapshot);
const context = {
  snapshot,
  now: new Date('2026-07-01T00:00:00Z'),
  signal: new AbortController().signal,
  riskHistory: { recentBySender: async () => [], countSince: async () => 0, hasSentTo: async () => false, append: async () => {} },
  partySalts: { sender: 'ERERERERERERERERERERERERERERERERERERERERERE=', receiver: 'IiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiI=' },
};
const queries = [
  'Vladimir Putin',
  'Maria Gonzalez Lopez',
  'Banco Nacional de Cuba',
  'Abdulhai Salek',
  'John Smith',
  'Mahmood Ahmadinezhad',
];
const request = (name: string): TransferRequest => ({
  transit_id: 'tx-1',
  chain_id: 'eip155:1',
  asset: 'ETH',
  amount: '1',
  amount_usd: '3000',
  source_address: '0x0000000000000000000000000000000000000001',
  destination_address: '0x0000000000000000000000000000000000000002',
  sender: { id: 's1' },
  receiver: { id: 'r1', name },
  custodian_id: 'cust',
});

// Without ../shared/data there is no list to screen against.
test.skipIf(!HAS_SHARED_DATA)('sanctions stage on the real lists (OFAC SDN + UN, ~35,000 names)', async ({ bench }) => {
  let k = 0;
  await bench('screen one receiver name', async () => {
    await stage(request(queries[k++ % queries.length] as string), context);
  });
});
