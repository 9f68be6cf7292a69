import { dataPath, HAS_SHARED_DATA } from '@jil/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKycStage, type KycHit, type Snapshot, type StageContext, type TransferRequest } from '@jil/psa';
import { buildSnapshot } from './buildSnapshot.js';
import { DATASET_DESCRIPTORS } from './datasetDescriptors.js';
import { ingestDatasets } from './ingestDatasets.js';

const DATASETS = new Set(['fatf', 'iban-registry', 'bic-bank-registry']);

/** Example IBANs of the SWIFT IBAN registry (all valid). */
const VALID_IBANS = [
  'DE89370400440532013000',
  'GB82WEST12345698765432',
  'GB29NWBK60161331926819',
  'CH9300762011623852957',
  'FR1420041010050500013M02606',
  'IT60X0542811101000000123456',
  'MT84MALT011000012345MTLCAST001S',
  'NO9386011117947',
  'SA0380000000608010167519',
  'AD1200012030200359100100',
  'AL47212110090000000235698741',
  'QA58DOHB00001234567890ABCDEFG',
  'BR1800360305000010009795493C1',
];

/** A stage context over `snapshot`. */
const kycContext = (snapshot: Snapshot): StageContext => ({
  snapshot,
  now: new Date('2026-07-01T00:00:00Z'),
  signal: new AbortController().signal,
  riskHistory: { recentBySender: async () => [], countSince: async () => 0, hasSentTo: async () => false, append: async () => {} },
});

/** A valid transfer request; override the parties. */
const kycRequest = (
  sender: Partial<TransferRequest['sender']> = {},
  receiver: Partial<TransferRequest['receiver']> = {},
): TransferRequest => ({
  transit_id: 'tx-1',
  chain_id: 'eip155:1',
  asset: 'ETH',
  amount: '1',
  amount_usd: '3000',
  source_address: '0x0000000000000000000000000000000000000001',
  destination_address: '0x0000000000000000000000000000000000000002',
  sender: { id: 's1', ...sender },
  receiver: { id: 'r1', ...receiver },
  custodian_id: 'cust',
});

/** The KYC stage's IBAN and BIC hits for a receiver with these accounts (corridor hits left out). */
const accountHits = async (snapshot: Snapshot, receiver: Partial<TransferRequest['receiver']>): Promise<KycHit[]> =>
  ((await createKycStage()(kycRequest({}, receiver), kycContext(snapshot))).hits as KycHit[]).filter(
    (h) => h.kind === 'iban' || h.kind === 'bic',
  );

// FATF June 2026 lists, the schwifty IBAN registry and bank registry from ../shared/data.
describe.skipIf(!HAS_SHARED_DATA)('KYC stage on the real registries (needs ../shared/data)', () => {
  let snapshot: Snapshot;
  beforeAll(async () => {
    snapshot = buildSnapshot(await ingestDatasets(dataPath(), { datasets: DATASET_DESCRIPTORS.filter((d) => DATASETS.has(d.name)) }));
  });

  it('validates the SWIFT registry examples against the ingested IBAN registry', async () => {
    expect(snapshot.iban.size).toBe(127);
    for (const iban of [...VALID_IBANS, 'BE68539007547034', 'NL91ABNA0417164300', 'UA213223130000026007233566001']) {
      expect(await accountHits(snapshot, { iban }), iban).toEqual([]);
    }
    expect(await accountHits(snapshot, { iban: 'DE88370400440532013000' })).toMatchObject([{ kind: 'iban', code: 'iban_checksum' }]);
  });

  it('knows German BICs from the bank registry (8 and 11 characters)', async () => {
    expect(snapshot.banks.has('MARKDEF1100')).toBe(true);
    expect(await accountHits(snapshot, { bic: 'MARKDEF1100', country: 'DE' })).toEqual([]);
    expect(await accountHits(snapshot, { bic: 'PBNKDEFF', country: 'DE' })).toEqual([]);
    // A well-formed German BIC the registry does not hold is mentioned (info), which is what "known" above rules out.
    expect(await accountHits(snapshot, { bic: 'ZZZZDEFFXXX', country: 'DE' })).toMatchObject([
      { kind: 'bic', code: 'bic_not_in_registry' },
    ]);
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
