import type { EntityName, SanctionsEntity, Snapshot, StageContext, TransferRequest } from '@jil/psa';

/** A listed party's schema (`@jil/psa` exports the name `PartySchema` for the transfer request's zod schema). */
type PartySchema = SanctionsEntity['schema'];

const entity = (
  list: 'ofac-sdn' | 'un-consolidated',
  entry_id: string,
  schema: PartySchema,
  names: Array<string | EntityName>,
  extra: Partial<SanctionsEntity> = {},
): SanctionsEntity => ({
  list,
  entry_id,
  schema,
  names: names.map((n, i) => (typeof n === 'string' ? { name: n, kind: i === 0 ? 'primary' : 'aka' } : n)),
  programs: list === 'ofac-sdn' ? ['SDGT'] : ['QDi'],
  countries: [],
  birth_dates: [],
  list_date: list === 'ofac-sdn' ? '2024-05-03' : '2026-02-27',
  provenance:
    list === 'ofac-sdn'
      ? { dataset: list, file: 'sdn.csv', row: Number(entry_id), key: entry_id }
      : { dataset: list, file: 'UN_consolidated.xml', key: entry_id },
  ...extra,
});

/** Invented list entries shaped like the ingested OFAC SDN and UN rows (tests only; not real designations). */
export const ENTITIES: SanctionsEntity[] = [
  entity('ofac-sdn', '1001', 'Person', ['PETROV, Ivan Sergeyevich', 'PETROV, Ivan'], {
    programs: ['RUSSIA-EO14024'],
    countries: ['RU'],
    birth_dates: ['12 Mar 1961'],
  }),
  entity('ofac-sdn', '1002', 'Organization', ['OOO ROMASHKA TRADING', 'ROMASHKA TRADING LLC'], { programs: ['RUSSIA-EO14024'] }),
  entity('ofac-sdn', '1003', 'Vessel', ['ROMASHKA']),
  entity('ofac-sdn', '1004', 'Person', ['AL-HAKIM, Yusuf Abd al-Rahman']),
  entity('ofac-sdn', '1005', 'Person', ['GARCIA LOPEZ, Juan Carlos'], { programs: ['SDNTK'], countries: ['MX'] }),
  entity('un-consolidated', 'QDi.900', 'Person', [
    { name: 'ABU BAKR AL-MASRI', kind: 'primary' },
    { name: 'Abu Bakr', kind: 'alias', quality: 'Low' },
    { name: 'Hamid Salim Masri', kind: 'alias', quality: 'Good' },
  ]),
  entity('un-consolidated', 'QDe.900', 'Organization', ['NORTHERN LIGHT FOUNDATION']),
];

/** A snapshot holding only the sanctions entities. */
export function sanctionsSnapshot(entities: SanctionsEntity[] = ENTITIES): Snapshot {
  return {
    datasets: [],
    sha256: 'f'.repeat(64),
    addresses: { lookup: () => [], size: 0 },
    sanctions: entities,
    fatf: [],
    iban: new Map(),
    banks: new Map(),
  };
}

/** Fixed party salts of {@link sanctionsContext}: 32 bytes of 0x11 (sender) and 0x22 (receiver), base64. */
export const FIXTURE_SALTS = {
  sender: 'ERERERERERERERERERERERERERERERERERERERERERE=',
  receiver: 'IiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiI=',
};

/** A stage context over `snapshot`. */
export function sanctionsContext(snapshot: Snapshot): StageContext {
  return {
    snapshot,
    now: new Date('2026-07-01T00:00:00Z'),
    signal: new AbortController().signal,
    riskHistory: { recentBySender: async () => [], countSince: async () => 0, hasSentTo: async () => false, append: async () => {} },
    partySalts: FIXTURE_SALTS,
  };
}

/** A valid transfer request with the given parties. */
export function sanctionsRequest(
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
