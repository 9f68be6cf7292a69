import type { BankEntry, FatfListing, IbanCountrySpec, Snapshot } from '../../../datasets/types.js';
import type { TransferRequest } from '../../../schema/transferRequest.js';
import type { StageContext } from '../../types.js';

/** A few IBAN registry rows copied from the SWIFT notation in iban-registry/generated.json (tests only). */
const SPECS: Array<[string, string, number, string, number, boolean]> = [
  ['DE', 'DE2!n8!n10!n', 22, '8!n10!n', 18, true],
  ['GB', 'GB2!n4!a6!n8!n', 22, '4!a6!n8!n', 18, true],
  ['CH', 'CH2!n5!n12!c', 21, '5!n12!c', 17, true],
  ['FR', 'FR2!n5!n5!n11!c2!n', 27, '5!n5!n11!c2!n', 23, true],
  ['IT', 'IT2!n1!a5!n5!n12!c', 27, '1!a5!n5!n12!c', 23, true],
  ['MT', 'MT2!n4!a5!n18!c', 31, '4!a5!n18!c', 27, true],
  ['NO', 'NO2!n4!n6!n1!n', 15, '4!n6!n1!n', 11, true],
  ['SA', 'SA2!n2!n18!c', 24, '2!n18!c', 20, false],
  ['IR', 'IR2!n22!n', 26, '22!n', 22, false],
  ['AD', 'AD2!n4!n4!n12!c', 24, '4!n4!n12!c', 20, true],
  ['AL', 'AL2!n8!n16!c', 28, '8!n16!c', 24, false],
  ['QA', 'QA2!n4!a21!c', 29, '4!a21!c', 25, false],
  ['BR', 'BR2!n8!n5!n10!n1!a1!c', 29, '8!n5!n10!n1!a1!c', 25, false],
];

/** IBAN registry fixture keyed by country. */
export const IBAN_REGISTRY: ReadonlyMap<string, IbanCountrySpec> = new Map(
  SPECS.map(([country, iban_spec, iban_length, bban_spec, bban_length, in_sepa_zone]) => [
    country,
    { country, iban_spec, iban_length, bban_spec, bban_length, in_sepa_zone },
  ]),
);

/** Example IBANs of the SWIFT IBAN registry for the fixture countries (all valid). */
export const VALID_IBANS = [
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
] as const;

const bank = (bic: string, name: string, country: string): [string, BankEntry] => [bic, { bic, name, country }];
/** Bank registry fixture (8- and 11-character forms, as in `Snapshot.banks`). */
export const BANKS: ReadonlyMap<string, BankEntry> = new Map([
  bank('MARKDEF1100', 'Bundesbank', 'DE'),
  bank('MARKDEF1', 'Bundesbank', 'DE'),
  bank('PBNKDEFFXXX', 'Postbank Ndl der Deutsche Bank', 'DE'),
  bank('PBNKDEFF', 'Postbank Ndl der Deutsche Bank', 'DE'),
  bank('UBSWCHZH80A', 'UBS Switzerland AG', 'CH'),
]);

const prov = (row: number) => ({ dataset: 'fatf', file: 'fatf_lists_2026-06.csv', row });
/** FATF rows (as of the June 2026 plenary) used by the tests. */
export const FATF: FatfListing[] = [
  {
    iso2: 'KP',
    country: "Democratic People's Republic of Korea",
    list: 'call_for_action',
    action: 'countermeasures',
    list_date: '2026-06-19',
    provenance: prov(2),
  },
  { iso2: 'IR', country: 'Iran', list: 'call_for_action', action: 'countermeasures', list_date: '2026-06-19', provenance: prov(3) },
  {
    iso2: 'MM',
    country: 'Myanmar',
    list: 'call_for_action',
    action: 'enhanced_due_diligence',
    list_date: '2026-06-19',
    provenance: prov(4),
  },
  { iso2: 'VN', country: 'Vietnam', list: 'increased_monitoring', action: 'none', list_date: '2026-06-19', provenance: prov(25) },
  { iso2: 'MC', country: 'Monaco', list: 'increased_monitoring', action: 'none', list_date: '2026-06-19', provenance: prov(18) },
];

/** A snapshot holding only what the KYC stage reads. */
export function kycSnapshot(): Snapshot {
  return {
    datasets: [
      {
        name: 'iban-registry',
        title: 'IBAN registry',
        source: 'schwifty',
        source_date: '2026-07-02',
        license: 'MIT',
        rows: 13,
        sha256: '0'.repeat(64),
        files: [{ file: 'generated.json', bytes: 1, sha256: '0'.repeat(64) }],
      },
    ],
    sha256: '0'.repeat(64),
    addresses: { lookup: () => [], size: 0 },
    sanctions: [],
    fatf: FATF,
    iban: IBAN_REGISTRY,
    banks: BANKS,
  };
}

/** A stage context over `snapshot`. */
export function kycContext(snapshot: Snapshot = kycSnapshot()): StageContext {
  return {
    snapshot,
    now: new Date('2026-07-01T00:00:00Z'),
    signal: new AbortController().signal,
    riskHistory: {
      recentBySender: async () => [],
      countSince: async () => 0,
      hasSentTo: async () => false,
      append: async () => {},
    },
  };
}

/** A valid transfer request; override the parties. */
export function kycRequest(
  sender: Partial<TransferRequest['sender']> = {},
  receiver: Partial<TransferRequest['receiver']> = {},
): TransferRequest {
  return {
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
  };
}
