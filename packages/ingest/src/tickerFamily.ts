import { type ChainFamily, listingAddressKey } from '@jil/psa';

/**
 * Currency / chain tickers used by OFAC ("Digital Currency Address - XBT …") and by the Lazarus CSV `chain` column,
 * mapped to a chain family and, where the ticker names one chain, its CAIP-2 id.
 * `shape` = the ticker is a token that lives on several chains (USDT, USDC) or was used by OFAC for an EVM chain
 * (ARB, BSC): the family is decided by the address shape (`0x…` → `evm`, `T…` → `tron`, `1…`/`3…`/`bc1…` → `bitcoin`,
 * as OFAC lists Omni Layer USDT addresses under `USDT`).
 * Tickers not in the table (XMR, ZEC, DASH, XRP, BSV, BTG, XVG, VET, DOT, …) map to `other`: kept as published,
 * never matched by a request, counted in the stats. BSV/BTG reuse Bitcoin's Base58 versions but are not Bitcoin.
 */
export const TICKERS: Readonly<Record<string, { family: ChainFamily | 'shape'; chain_id?: string }>> = {
  XBT: { family: 'bitcoin', chain_id: 'bip122:000000000019d6689c085ae165831e93' },
  BTC: { family: 'bitcoin', chain_id: 'bip122:000000000019d6689c085ae165831e93' },
  LTC: { family: 'litecoin', chain_id: 'bip122:12a765e31ffd4059bada1e25190f6e98' },
  BCH: { family: 'bitcoincash', chain_id: 'bip122:000000000000000000651ef99cb9fcbf' },
  TRX: { family: 'tron', chain_id: 'tron:0x2b6653dc' },
  SOL: { family: 'solana', chain_id: 'solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp' },
  ETH: { family: 'evm', chain_id: 'eip155:1' },
  ETC: { family: 'evm', chain_id: 'eip155:61' },
  ETHPOW: { family: 'evm', chain_id: 'eip155:10001' },
  BNB: { family: 'evm', chain_id: 'eip155:56' },
  MATIC: { family: 'evm', chain_id: 'eip155:137' },
  FTM: { family: 'evm', chain_id: 'eip155:250' },
  AVAX: { family: 'evm', chain_id: 'eip155:43114' },
  OPETH: { family: 'evm', chain_id: 'eip155:10' },
  ARBETH: { family: 'evm', chain_id: 'eip155:42161' },
  TOMO: { family: 'evm', chain_id: 'eip155:88' },
  BSC: { family: 'shape', chain_id: 'eip155:56' },
  ARB: { family: 'shape', chain_id: 'eip155:42161' },
  USDT: { family: 'shape' },
  USDC: { family: 'shape' },
};

/**
 * Chain family (and CAIP-2 id when the ticker names one chain) of an address listed under a ticker.
 *
 * @param ticker - e.g. `XBT`, `ETH`, `USDT` (case-insensitive).
 * @param address - the listed address (used for `shape` tickers).
 * @returns `{ family, chain_id? }`; `family` is `other` for unknown tickers, `evm` for a shape ticker whose address has neither shape.
 * @example
 * import { familyOfTicker } from './tickerFamily.js';
 * familyOfTicker('USDT', 'TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre'); // { family: 'tron' }
 */
export function familyOfTicker(ticker: string, address: string): { family: ChainFamily; chain_id?: string } {
  const entry = TICKERS[ticker.toUpperCase()];
  if (!entry) return { family: 'other' };
  if (entry.family !== 'shape') return entry.chain_id ? { family: entry.family, chain_id: entry.chain_id } : { family: entry.family };
  const text = address.trim();
  if (/^0x[0-9a-fA-F]{40}$/.test(text)) return entry.chain_id ? { family: 'evm', chain_id: entry.chain_id } : { family: 'evm' };
  if (/^T[1-9A-HJ-NP-Za-km-z]{33}$/.test(text)) return { family: 'tron', chain_id: 'tron:0x2b6653dc' };
  if (/^([13][1-9A-HJ-NP-Za-km-z]{25,34}|bc1[02-9ac-hj-np-z]{8,87})$/i.test(text)) {
    return { family: 'bitcoin', chain_id: TICKERS['XBT']!.chain_id! }; // USDT on the Omni Layer
  }
  return { family: 'evm' }; // no known shape: validated (and refused) as EVM
}

/**
 * Family, key and chain of an address listed under a ticker. When the address is not valid for the ticker's family
 * but is unmistakably an EVM (`0x` + 40 hex) or Tron (Base58Check, version 0x41) address, that family is used instead:
 * OFAC itself lists at least one Tron address under `XBT`, and a sanctioned address must not be dropped for a
 * mislabelled currency.
 *
 * @param ticker - e.g. `XBT`.
 * @param raw - the address as listed.
 * @returns `{ family, address, chain_id? }`, or `undefined` when the text is not a valid address.
 * @example
 * import { resolveTickerAddress } from './tickerFamily.js';
 * resolveTickerAddress('XBT', 'TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq')?.family; // 'tron'
 */
export function resolveTickerAddress(ticker: string, raw: string): { family: ChainFamily; address: string; chain_id?: string } | undefined {
  const declared = familyOfTicker(ticker, raw);
  const attempts: { family: ChainFamily; chain_id?: string }[] = [declared];
  if (declared.family !== 'evm') attempts.push({ family: 'evm' });
  if (declared.family !== 'tron') attempts.push({ family: 'tron', chain_id: 'tron:0x2b6653dc' });
  for (const { family, chain_id } of attempts) {
    try {
      const address = listingAddressKey(family, raw);
      return chain_id ? { family, address, chain_id } : { family, address };
    } catch {
      // try the next family
    }
  }
  return undefined;
}
