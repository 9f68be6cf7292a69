import { dataPath, HAS_SHARED_DATA } from '@jil/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../datasets/types.js';
import { buildSnapshot, DATASET_DESCRIPTORS, ingestDatasets } from '../../ingest/index.js';
import type { NameHit, Stage } from '../types.js';
import { sanctionsContext, sanctionsRequest } from './__fixtures__/sanctionsFixtures.js';
import { createSanctionsStage } from './createSanctionsStage.js';

const LISTS = new Set(['ofac-sdn', 'un-consolidated']);

// Real OFAC SDN (sdn.csv 2024-05-03 + alt.csv) and UN consolidated list (2026-02-27) from ../shared/data.
describe.skipIf(!HAS_SHARED_DATA)('sanctions stage on the real lists (needs ../shared/data)', () => {
  let snapshot: Snapshot;
  let stage: Stage;
  beforeAll(async () => {
    snapshot = buildSnapshot(await ingestDatasets(dataPath(), { datasets: DATASET_DESCRIPTORS.filter((d) => LISTS.has(d.name)) }));
    stage = createSanctionsStage(snapshot);
  });
  const screen = (receiver: Parameters<typeof sanctionsRequest>[1]) => stage(sanctionsRequest({}, receiver), sanctionsContext(snapshot));
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
