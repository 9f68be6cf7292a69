import type { AddressCategory } from '@jil/psa';

/**
 * Etherscan label slug → JIL address category (the label-cloud slugs of brianleect/etherscan-labels, chosen from
 * their real frequencies across the 7 files). An entry yields one listing per distinct category of its slugs;
 * an entry none of whose slugs is here is ignored and counted as `unmapped_labels`.
 *
 * | category | slugs | why |
 * |---|---|---|
 * | sanctioned | `ofac-sanctions-lists` | Etherscan's OFAC tag (72, mostly Tornado Cash contracts) |
 * | mixer | `tornado-cash`, `ethereum-mixer`, `typhoon-cash`, `typhoon-network` | Tornado Cash and its forks (Typhoon on ETH/BSC/Polygon) |
 * | phishing | `phish-hack` | fake-token / drainer addresses (arbiscan 95) |
 * | scam | `heist`, `exploit`, `scam` | hack proceeds, exploiters, rug pulls; a `Fake_Phishing…` name tag makes it `phishing` |
 * | exchange | `exchange`, `hot-wallet`, `binance-deposit` + one slug per centralized exchange (below) | info only |
 * | defi | `dex`, `defi`, `amm`, `yield-farming`, `lending` + one slug per DeFi protocol (below) | info only |
 * | bridge | `bridge` + bridge protocols (below) | info only |
 *
 * Deliberately ignored (counted): `take-action` (3,090 "Multichain Hack Alert" addresses are users exposed by the
 * Multichain approval exploit, i.e. victims), `compromised` (victims), `blocked` (token-issuer block lists without
 * a reason), `high-risk`, `something-fishy`, `flagged-by-sec` (too vague for a hard fail), `mev-bot`,
 * `maker-vault-owner` / `rocket-pool` (mostly end-user addresses), `cold-wallet` alone (also non-exchange wallets),
 * token/industry tags (`token-contract`, `stablecoin`, `nft`, `gaming`, …).
 */
export const ETHERSCAN_SLUG_CATEGORIES: Readonly<Record<string, AddressCategory>> = Object.freeze({
  'ofac-sanctions-lists': 'sanctioned',
  ...slugs('mixer', ['tornado-cash', 'ethereum-mixer', 'typhoon-cash', 'typhoon-network']),
  'phish-hack': 'phishing',
  ...slugs('scam', ['heist', 'exploit', 'scam']),
  ...slugs('exchange', [
    'exchange',
    'hot-wallet',
    'binance-deposit',
    'binance',
    'coinbase',
    'kraken',
    'okx',
    'huobi',
    'bitfinex',
    'kucoin',
    'gemini',
    'bybit',
    'gate-io',
    'crypto-com',
    'ftx',
    'poloniex',
    'bithumb',
    'bitstamp',
    'upbit',
    'bittrex',
    'deribit',
    'hotbit',
    'bitmart',
    'hitbtc',
    'coinone',
    'korbit',
    'latoken',
    'ascendex',
    'digifinex',
    'coinbit',
    'paribu',
    'remitano',
    'coinhako',
    'coinsquare',
    'coinmetro',
    'bitmex',
    'tidex',
    'crex24',
    'zb-com',
    'abcc',
    'bgogo',
    'allbit',
    'topbtc',
    'cobinhood',
    'kryptono',
    'coss-io',
    'quadrigacx',
    'yunbi',
    'hoo-com',
    'bitcoin-suisse',
    'lcx-ag',
    'maskex',
    'changenow',
    'trade-io',
  ]),
  ...slugs('defi', [
    'dex',
    'defi',
    'amm',
    'yield-farming',
    'lending',
    'uniswap',
    'sushiswap',
    'balancer',
    'curve-fi',
    'aave',
    'compound',
    'compound-governance',
    '1inch',
    'bancor',
    'kyberswap',
    '0x-protocol',
    'pancakeswap',
    'quickswap',
    'spookyswap',
    'spiritswap',
    'trader-joe',
    'pangolin',
    'burgerswap',
    'bscswap',
    'mdex',
    'wigoswap',
    'beethoven-x',
    'maker',
    'lido',
    'yearn-finance',
    'synthetix',
    'dydx',
    'paraswap',
    'cow-protocol',
    'loopring',
    'airswap',
    'tokenlon',
    'convex-finance',
    'instadapp',
    'liquity',
    'idle-finance',
    'cream-finance',
    'venus-protocol',
    'alpaca-finance',
    'beefy-finance',
    'benqi-finance',
    'platypus-finance',
    'mstable',
    'dforce',
    'rari-capital',
    'bzx',
    'set-protocol',
    'index-protocol',
    'aura-finance',
    'alchemix-finance',
    'pendle',
    'gearbox-protocol',
    'harvest-finance',
    'zapper-fi',
    'defi-saver',
    'furucombo',
    'sudoswap',
  ]),
  ...slugs('bridge', [
    'bridge',
    'optimism-bridge',
    'orbit-bridge',
    'wormhole',
    'hop-protocol',
    'across-protocol',
    'synapse',
    'celer-network',
    'connext',
    'anyswap',
    'multichain',
    'axelar',
  ]),
});

function slugs<C extends AddressCategory>(category: C, names: readonly string[]): Record<string, C> {
  return Object.fromEntries(names.map((n) => [n, category]));
}

/**
 * Categories of one Etherscan entry: one per distinct category of its slugs, in the order of
 * `HARD_CATEGORIES` then `INFO_CATEGORIES`. A `scam` entry whose name tag starts with `Fake_Phishing` is `phishing`.
 *
 * @param labels - the entry's label slugs.
 * @param name - the entry's Etherscan name tag.
 * @returns the categories (empty when no slug is mapped).
 * @example
 * import { categoriesOfEtherscanLabels } from '@jil/ingest';
 * categoriesOfEtherscanLabels(['ofac-sanctions-lists', 'tornado-cash'], 'Tornado.Cash: Router'); // ['sanctioned', 'mixer']
 */
export function categoriesOfEtherscanLabels(labels: readonly string[], name: string): AddressCategory[] {
  const found = new Set<AddressCategory>();
  for (const slug of labels) {
    const category = Object.hasOwn(ETHERSCAN_SLUG_CATEGORIES, slug) ? ETHERSCAN_SLUG_CATEGORIES[slug] : undefined;
    if (category === 'scam' && /^fake_phishing/i.test(name)) found.add('phishing');
    else if (category) found.add(category);
  }
  return CATEGORY_ORDER.filter((c) => found.has(c));
}

const CATEGORY_ORDER: readonly AddressCategory[] = ['sanctioned', 'dprk', 'mixer', 'scam', 'phishing', 'exchange', 'defi', 'bridge'];

/**
 * DPRK state actors designated by OFAC under their own names (all three are `DPRK3` organizations in sdn.csv,
 * ent_num 27307–27309). An SDN crypto address is `dprk` (in addition to `sanctioned`) when its SDN name is one of
 * these, or when the SDN entry's Remarks say `nationality Korea, North` / `citizen Korea, North`
 * (see {@link isDprkSdnEntry}). Programs alone are not used: DPRK programs also list third-country helpers.
 */
export const DPRK_SDN_NAMES: ReadonlySet<string> = new Set(['LAZARUS GROUP', 'BLUENOROFF', 'ANDARIEL']);

/**
 * The DPRK rule for one SDN entry (see {@link DPRK_SDN_NAMES}).
 *
 * @param name - SDN name as published (e.g. `LAZARUS GROUP`, `KIM, Sang Man`).
 * @param remarks - the entry's Remarks text, when known.
 * @returns `true` when the address should also be listed as `dprk`.
 * @example
 * import { isDprkSdnEntry } from '@jil/ingest';
 * isDprkSdnEntry('LAZARUS GROUP'); // true
 * isDprkSdnEntry('KIM, Sang Man', 'DOB 25 Apr 1965; nationality Korea, North; …'); // true
 */
export function isDprkSdnEntry(name: string, remarks?: string): boolean {
  if (DPRK_SDN_NAMES.has(name.trim().toUpperCase())) return true;
  return remarks !== undefined && /(?:^|;\s*)(?:alt\.\s+)?(?:nationality|citizen) Korea, North\b/.test(remarks);
}
