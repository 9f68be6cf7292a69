/**
 * The demo transfers. Addresses and names come from the real lists in ../shared/data (see each comment);
 * the synthetic "clean" addresses are SHA-256-derived strings that appear in no list.
 */
export interface DemoScenario {
  title: string;
  /** What the screening must conclude; the demo exits non-zero when it does not. */
  expect: { verdict: 'pass' | 'flag' | 'fail'; note: string };
  transfer: Record<string, unknown>;
}

const ETH = 'eip155:1';
const BTC = 'bip122:000000000019d6689c085ae165831e93';
const HOT_WALLET = '0x0519035923133db8356bb16018454ebc751e4348'; // synthetic, in no list
const CLEAN = '0x6861495f5311a3eae8f8df6f63ea3bcbda60f664'; // synthetic, in no list
const LARGE_DEST = '0xfe8f6fee86528a8ae90511811ced3c6d7aa59e53'; // synthetic, in no list

let n = 0;
/** Each demo transfer comes from a different customer account, so one sender's velocity does not colour the others. */
function transfer(fields: Record<string, unknown>): Record<string, unknown> {
  n += 1;
  return {
    transit_id: `demo-${Date.now().toString(36)}-${n}`,
    chain_id: ETH,
    asset: 'ETH',
    amount: '2.5',
    amount_usd: '8750.00',
    source_address: HOT_WALLET,
    destination_address: CLEAN,
    sender: { id: `acct-10${String(n).padStart(2, '0')}`, name: 'Helvetia Digital Assets AG', type: 'organization', country: 'CH' },
    receiver: { id: 'acct-2002', name: 'Nordlicht Trading GmbH', type: 'organization', country: 'DE' },
    custodian_id: 'demo-custodian',
    exchange_id: 'demo-exchange',
    ...fields,
  };
}

/** The ten demo transfers of issue 2's main job. */
export function demoScenarios(): DemoScenario[] {
  n = 0;
  return [
    {
      title: 'clean transfer',
      expect: { verdict: 'pass', note: 'no list hit' },
      transfer: transfer({ tx_preimage_hash: 'a3f1c2d4e5b6978812345678901234567890abcdef1234567890abcdef123456' }),
    },
    // ofac-eth-ultrasoundmoney/data.csv: "POTEKHIN, Danil"
    {
      title: "destination on OFAC's Ethereum list",
      expect: { verdict: 'fail', note: 'sanctioned address' },
      transfer: transfer({ destination_address: '0x7F367cC41522cE07553e823bf3be79A889DEbe1B' }),
    },
    // lazarus-attributed CSV: Ronin Bridge exploiter ("Primary")
    {
      title: 'Ronin-exploit Lazarus address',
      expect: { verdict: 'fail', note: 'DPRK attribution' },
      transfer: transfer({ destination_address: '0x098b716b8aaf21512996dc57eb0615e2383e2f96' }),
    },
    // etherscan labels: "Tornado.Cash: Router"
    {
      title: 'Tornado Cash router contract',
      expect: { verdict: 'fail', note: 'mixer' },
      transfer: transfer({ destination_address: '0xd90e2f925da726b50c4ed8d0fb90ad053324f31b' }),
    },
    // scamsniffer/address.json, first entry
    {
      title: 'ScamSniffer phishing address',
      expect: { verdict: 'fail', note: 'phishing' },
      transfer: transfer({ destination_address: '0x101ce0cedd142f199c9ef61739ae59b6611a0fc0' }),
    },
    // etherscan labels: "Binance 14"
    {
      title: 'exchange hot wallet (Binance 14)',
      expect: { verdict: 'pass', note: 'informational hit only' },
      transfer: transfer({ destination_address: '0x28c6c06298d514db089934071355e5743bf21d60' }),
    },
    // ofac-sdn/sdn.csv ent_num 21326: "BOGACHEV, Evgeniy Mikhaylovich" (CYBER2)
    {
      title: 'sender named on the SDN list',
      expect: { verdict: 'fail', note: 'sanctions name match' },
      transfer: transfer({ sender: { id: 'acct-3003', name: 'Evgeniy Mikhaylovich Bogachev', type: 'person', country: 'RU' } }),
    },
    // fatf/fatf_lists_2026-06.csv: IR call_for_action
    {
      title: 'corridor into a FATF call-for-action country',
      expect: { verdict: 'flag', note: 'FATF black list corridor' },
      transfer: transfer({ receiver: { id: 'acct-4004', name: 'Parsian Trading Company', type: 'organization', country: 'IR' } }),
    },
    {
      title: 'very large transfer (25M USD)',
      expect: { verdict: 'pass', note: 'elevated risk score' },
      transfer: transfer({ amount: '7142.857142857142857142', amount_usd: '25000000.00', destination_address: LARGE_DEST }),
    },
    // ofac-crypto-0xb10c/sanctioned_addresses_XBT.txt
    {
      title: 'Bitcoin destination on the OFAC XBT list',
      expect: { verdict: 'fail', note: 'sanctioned address (bech32)' },
      transfer: transfer({
        chain_id: BTC,
        asset: 'BTC',
        amount: '0.15',
        amount_usd: '9450.00',
        source_address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
        destination_address: 'bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmw',
      }),
    },
  ];
}
