import { dataPath, HAS_SHARED_DATA } from '@jil/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../datasets/types.js';
import { buildSnapshot, DATASET_DESCRIPTORS, ingestDatasets } from '../../ingest/index.js';
import type { KycHit } from '../types.js';
import { kycContext, kycRequest, VALID_IBANS } from './__fixtures__/kycFixtures.js';
import { createKycStage } from './createKycStage.js';
import { validateBic } from './validateBic.js';
import { validateIban } from './validateIban.js';

const DATASETS = new Set(['fatf', 'iban-registry', 'bic-bank-registry']);

// FATF June 2026 lists, the schwifty IBAN registry and bank registry from ../shared/data.
describe.skipIf(!HAS_SHARED_DATA)('KYC stage on the real registries (needs ../shared/data)', () => {
  let snapshot: Snapshot;
  beforeAll(async () => {
    snapshot = buildSnapshot(await ingestDatasets(dataPath(), { datasets: DATASET_DESCRIPTORS.filter((d) => DATASETS.has(d.name)) }));
  });

  it('validates the SWIFT registry examples against the ingested IBAN registry', () => {
    expect(snapshot.iban.size).toBe(127);
    for (const iban of [...VALID_IBANS, 'BE68539007547034', 'NL91ABNA0417164300', 'UA213223130000026007233566001']) {
      expect(validateIban(iban, snapshot.iban), iban).toMatchObject({ valid: true });
    }
  });

  it('knows German BICs from the bank registry (8 and 11 characters)', () => {
    expect(validateBic('MARKDEF1100', snapshot.banks)).toMatchObject({ valid: true, known: true });
    expect(validateBic('PBNKDEFF', snapshot.banks)).toMatchObject({ valid: true, known: true });
  });

  it('flags a corridor to Iran with the FATF row as provenance and cites the IBAN registry', async () => {
    const out = await createKycStage()(
      kycRequest({ country: 'CH', iban: 'CH9300762011623852957' }, { country: 'IR', iban: 'DE88370400440532013000' }),
      kycContext(snapshot),
    );
    expect(out.status).toBe('flag');
    const [corridor, edd, iban] = out.hits as KycHit[];
    expect(corridor).toMatchObject({
      kind: 'corridor',
      code: 'fatf_call_for_action',
      list: 'fatf',
      list_date: '2026-06-19',
      provenance: { dataset: 'fatf', file: 'fatf_lists_2026-06.csv' },
    });
    expect(corridor?.reason).toBe('Receiver country IR (Iran) is on the FATF call-for-action list (countermeasures), plenary 2026-06');
    expect(edd).toMatchObject({ kind: 'edd', code: 'edd_required', severity: 'flag' });
    expect(iban).toMatchObject({ kind: 'iban', code: 'iban_checksum', list: 'iban-registry', list_date: '2026-07-02' });
  });

  it('keeps a grey-list corridor (Vietnam) at pass with info hits', async () => {
    const out = await createKycStage()(kycRequest({ country: 'DE' }, { country: 'VN' }), kycContext(snapshot));
    expect(out.status).toBe('pass');
    expect((out.hits as KycHit[]).map((h) => [h.code, h.severity])).toEqual([
      ['fatf_increased_monitoring', 'info'],
      ['edd_risk_based', 'info'],
    ]);
  });
});
