import { MemoryAddressIndex, parseTransferRequest, type DatasetManifest, type Snapshot, type TransferRequest } from '@jil/psa';
import { ENTITIES } from './sanctionsFixtures.js';

/** An invented sanctioned address (tests only; not a real designation). */
export const LISTED = '0x1111111111111111111111111111111111111111';

const manifest = (name: string, source_date: string, rows: number, hex: string): DatasetManifest => ({
  name,
  title: name,
  source: 'test',
  source_date,
  license: 'none',
  rows,
  sha256: hex.repeat(64),
  files: [],
});

/**
 * A small snapshot for validator tests: one sanctioned address (`ofac-crypto-0xb10c`) and the invented sanctions
 * entries of the sanctions fixtures (`ofac-sdn`). `doctored` drops the address but keeps the manifests and hash — a
 * validator whose data was altered while it still claims the same snapshot.
 */
export function reviewSnapshot(o: { sourceDate?: string; sha256?: string; doctored?: boolean } = {}): Snapshot {
  const date = o.sourceDate ?? '2026-11-20';
  const addresses = MemoryAddressIndex.from(
    o.doctored
      ? []
      : [
          {
            family: 'evm',
            address: LISTED,
            category: 'sanctioned',
            severity: 'hard',
            list: 'ofac-crypto-0xb10c',
            list_date: date,
            label: 'TEST ENTITY',
            provenance: { dataset: 'ofac-crypto-0xb10c', file: 'test.csv', row: 2 },
          },
        ],
  );
  return {
    datasets: [manifest('ofac-crypto-0xb10c', date, 1, 'a'), manifest('ofac-sdn', date, ENTITIES.length, 'b')],
    sha256: o.sha256 ?? 'c'.repeat(64),
    addresses,
    sanctions: ENTITIES.map((e) => ({ ...e, list_date: date })),
    fatf: [],
    iban: new Map(),
    banks: new Map(),
  };
}

/** A transfer request for the review tests (synthetic addresses in no list unless `destination` says otherwise). */
export function reviewRequest(over: Record<string, unknown> = {}): TransferRequest {
  return parseTransferRequest({
    transit_id: 'rv-1',
    chain_id: 'eip155:1',
    asset: 'ETH',
    amount: '2',
    amount_usd: '7000.00',
    source_address: '0x0519035923133db8356bb16018454ebc751e4348',
    destination_address: '0x6861495f5311a3eae8f8df6f63ea3bcbda60f664',
    sender: { id: 's-1', name: 'Helvetia Digital Assets AG', type: 'organization', country: 'CH' },
    receiver: { id: 'r-1', name: 'Nordlicht Trading GmbH', type: 'organization', country: 'DE' },
    custodian_id: 'cust-1',
    ...over,
  });
}
