/** Issue many PSAs quickly against a running service (tests of the transparency log). */
import type { JilClient, ValidateResponse } from '@jil/sdk/client';

const HOT_WALLET = '0x0519035923133db8356bb16018454ebc751e4348'; // synthetic, in no list (shells/cli/src/demo/scenarios.ts)
const CLEAN = '0x6861495f5311a3eae8f8df6f63ea3bcbda60f664'; // synthetic, in no list

/** A clean ETH transfer request (the demo's first scenario), unique per `i`, from its own sender account. */
export function transferRequest(i: number, tag = 'tlog'): Record<string, unknown> {
  return {
    transit_id: `${tag}-${i}`,
    chain_id: 'eip155:1',
    asset: 'ETH',
    amount: '2.5',
    amount_usd: '8750.00',
    source_address: HOT_WALLET,
    destination_address: CLEAN,
    sender: { id: `acct-${tag}-${i}`, name: 'Helvetia Digital Assets AG', type: 'organization', country: 'CH' },
    receiver: { id: 'acct-2002', name: 'Nordlicht Trading GmbH', type: 'organization', country: 'DE' },
    custodian_id: 'demo-custodian',
    exchange_id: 'demo-exchange',
  };
}

/** Issues `count` PSAs one after the other (so log indexes follow issue order), numbered from `from`. */
export async function issuePsas(client: JilClient, count: number, from = 0, tag = 'tlog'): Promise<ValidateResponse[]> {
  const out: ValidateResponse[] = [];
  for (let i = from; i < from + count; i++) out.push(await client.validate(transferRequest(i, tag)));
  return out;
}
