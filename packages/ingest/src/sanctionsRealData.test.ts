import { dataPath, HAS_SHARED_DATA } from '@jil/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSanctionsStage, type NameHit, type Snapshot, type Stage, type StageContext, type TransferRequest } from '@jil/psa';
import { buildSnapshot } from './buildSnapshot.js';
import { DATASET_DESCRIPTORS } from './datasetDescriptors.js';
import { ingestDatasets } from './ingestDatasets.js';

const LISTS = new Set(['ofac-sdn', 'un-consolidated']);

/** A stage context over `snapshot`, with fixed party salts (32 bytes of 0x11 and 0x22). */
const sanctionsContext = (snapshot: Snapshot): StageContext => ({
  snapshot,
  now: new Date('2026-07-01T00:00:00Z'),
  signal: new AbortController().signal,
  riskHistory: { recentBySender: async () => [], countSince: async () => 0, hasSentTo: async () => false, append: async () => {} },
  partySalts: { sender: 'ERERERERERERERERERERERERERERERERERERERERERE=', receiver: 'IiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiI=' },
});

/** A valid transfer request with the given receiver. */
const sanctionsRequest = (receiver: Partial<TransferRequest['receiver']>): TransferRequest => ({
  transit_id: 'tx-1',
  chain_id: 'eip155:1',
  asset: 'ETH',
  amount: '1',
  amount_usd: '3000',
  source_address: '0x0000000000000000000000000000000000000001',
  destination_address: '0x0000000000000000000000000000000000000002',
  sender: { id: 's1' },
  receiver: { id: 'r1', ...receiver },
  custodian_id: 'cust',
});

// Real OFAC SDN (sdn.csv 2024-05-03 + alt.csv) and UN consolidated list (2026-02-27) from ../shared/data.
describe.skipIf(!HAS_SHARED_DATA)('sanctions stage on the real lists (needs ../shared/data)', () => {
  let snapshot: Snapshot;
  let stage: Stage;
  beforeAll(async () => {
    snapshot = buildSnapshot(await ingestDatasets(dataPath(), { datasets: DATASET_DESCRIPTORS.filter((d) => LISTS.has(d.name)) }));
    stage = createSanctionsStage(snapshot);
  });
  const screen = (receiver: Partial<TransferRequest['receiver']>) => stage(sanctionsRequest(receiver), sanctionsContext(snapshot));
  const first = (hits: readonly unknown[]) => hits[0] as NameHit;

  it('fails an SDN individual by primary name (PUTIN, Vladimir Vladimirovich, ent_num 35096)', async () => {
    const out = await screen({ name: 'Vladimir Vladimirovich Putin', type: 'person' });
    expect(out.status).toBe('fail');
    expect(first(out.hits)).toMatchObject({
      list: 'ofac-sdn',
      list_date: '2024-05-03',
      entry_id: '35096',
      matched_name: 'PUTIN, Vladimir Vladimirovich',
      matched_alias: 'PUTIN, Vladimir Vladimirovich',
      schema: 'Person',
      programs: ['RUSSIA-EO14024'],
      score: 1,
      severity: 'hard',
      provenance: { dataset: 'ofac-sdn', file: 'sdn.csv', key: '35096' },
    });
  });

  it('fails an SDN individual by alias (alt.csv "PUTIN, Vladimir")', async () => {
    const out = await screen({ name: 'Vladimir Putin', type: 'person' });
    expect(out.status).toBe('fail');
    expect(first(out.hits)).toMatchObject({
      entry_id: '35096',
      matched_name: 'PUTIN, Vladimir Vladimirovich',
      matched_alias: 'PUTIN, Vladimir',
      score: 1,
    });
  });

  it('fails an SDN organization by alias (BANCO NACIONAL DE CUBA a.k.a. NATIONAL BANK OF CUBA, ent_num 306)', async () => {
    const out = await screen({ name: 'National Bank of Cuba', type: 'organization' });
    expect(out.status).toBe('fail');
    expect(first(out.hits)).toMatchObject({
      entry_id: '306',
      matched_name: 'BANCO NACIONAL DE CUBA',
      matched_alias: 'NATIONAL BANK OF CUBA',
      list_date: '2024-05-03',
    });
  });

  it('flags a misspelt SDN name for review instead of failing it', async () => {
    const out = await screen({ name: 'Vladimr Putin' });
    expect(out.status).toBe('flag');
    expect(first(out.hits)).toMatchObject({ entry_id: '35096', severity: 'flag' });
  });

  it('finds a UN individual that is not on this SDN file (ABDULHAI SALEK, TAi.108)', async () => {
    const out = await screen({ name: 'Abdulhai Salek', date_of_birth: '1965' });
    expect(out.status).toBe('fail');
    expect(first(out.hits)).toMatchObject({
      list: 'un-consolidated',
      list_date: '2026-02-27',
      entry_id: 'TAi.108',
      matched_name: 'ABDULHAI SALEK',
      provenance: { dataset: 'un-consolidated', file: 'UN_consolidated.xml' },
    });
  });

  it('does not fail common names that are not listed', async () => {
    for (const name of ['Maria Gonzalez Lopez', 'John Smith', 'Anna Schmidt', 'Acme Trading GmbH']) {
      const out = await screen({ name });
      expect(out.status, name).not.toBe('fail');
    }
    expect((await screen({ name: 'Maria Gonzalez Lopez', type: 'person' })).status).toBe('pass');
  });
});
