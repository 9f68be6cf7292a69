import type { ChainFamily } from '../datasets/types.js';

/**
 * The CAIP-2 chain ids JIL screens, by exact id. `eip155:*` is matched by namespace (see {@link chainFamilyOf}).
 *
 * | CAIP-2 id | family | note |
 * |---|---|---|
 * | `eip155:<decimal chain id>` | `evm` | every EVM chain (CAIP-3 / EIP-155) |
 * | `bip122:000000000019d6689c085ae165831e93` | `bitcoin` | BIP-122: first 32 hex of the genesis block hash |
 * | `bip122:12a765e31ffd4059bada1e25190f6e98` | `litecoin` | Litecoin genesis |
 * | `bip122:000000000000000000651ef99cb9fcbf` | `bitcoincash` | block 478559, first block after the BCH fork |
 * | `tron:0x2b6653dc`, `tron:728126428`, `tron:mainnet` | `tron` | three spellings in use (see below) |
 * | `solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp` | `solana` | CAIP-30 (truncated genesis hash; legacy id below) |
 *
 * Tron's three spellings: WalletConnect (last 4 genesis bytes, hex), MetaMask (the same number, decimal), plain. Solana's
 * legacy id is `solana:4sGjMW1sUnHzSxGspuhpqLDx6wiyjNtZ`.
 */
export const CHAIN_FAMILIES: Readonly<Record<string, ChainFamily>> = Object.freeze({
  'bip122:000000000019d6689c085ae165831e93': 'bitcoin',
  'bip122:12a765e31ffd4059bada1e25190f6e98': 'litecoin',
  'bip122:000000000000000000651ef99cb9fcbf': 'bitcoincash',
  'tron:0x2b6653dc': 'tron',
  'tron:728126428': 'tron',
  'tron:mainnet': 'tron',
  'solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp': 'solana',
  'solana:4sGjMW1sUnHzSxGspuhpqLDx6wiyjNtZ': 'solana',
});

/** `eip155:` followed by a decimal chain id without leading zeros (CAIP-2 reference, at most 32 chars). */
const EIP155 = /^eip155:[1-9][0-9]{0,31}$/;

/**
 * Chain family of a CAIP-2 chain id (CAIP-2 §Syntax), or `undefined` when JIL does not screen that chain.
 *
 * @param caip2ChainId - e.g. `eip155:1`, `bip122:000000000019d6689c085ae165831e93`.
 * @returns `evm`, `bitcoin`, `litecoin`, `bitcoincash`, `tron`, `solana`, or `undefined`. Never `other`.
 * @example
 * import { chainFamilyOf } from '@jil/psa';
 * chainFamilyOf('eip155:137'); // 'evm'
 * chainFamilyOf('cosmos:cosmoshub-4'); // undefined
 */
export function chainFamilyOf(caip2ChainId: string): ChainFamily | undefined {
  if (typeof caip2ChainId !== 'string') return undefined;
  if (EIP155.test(caip2ChainId)) return 'evm';
  return Object.hasOwn(CHAIN_FAMILIES, caip2ChainId) ? CHAIN_FAMILIES[caip2ChainId] : undefined;
}
