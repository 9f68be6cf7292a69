/**
 * The CAIP-2 spellings in use for each chain JIL screens, canonical form first. A PSA always carries the canonical
 * form (`domain.chain_id`), whatever spelling the request used.
 *
 * | canonical | also accepted | where they come from |
 * |---|---|---|
 * | `eip155:<decimal>` | `eip155:0x<hex>` | CAIP-2 §eip155 is decimal; wallets copy `eth_chainId`'s hex (`0x1`) |
 * | `bip122:000000000019d6689c085ae165831e93` | — | Bitcoin (BIP-122: first 32 hex of the genesis hash) |
 * | `bip122:12a765e31ffd4059bada1e25190f6e98` | — | Litecoin |
 * | `bip122:000000000000000000651ef99cb9fcbf` | — | Bitcoin Cash |
 * | `tron:0x2b6653dc` | `tron:0x2B6653DC`, `tron:728126428`, `tron:mainnet` | Tron (1) |
 * | `eip155:728126428` | — | Tron's EVM chain id (2) |
 * | `solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp` | `solana:4sGjMW1sUnHzSxGspuhpqLDx6wiyjNtZ`, `solana:mainnet` | Solana (3) |
 *
 * 1. The tron namespace (last 4 genesis bytes, hex; WalletConnect, x402), the same number in decimal, the plain name
 *    (Privy and others).
 * 2. `eth_chainId` of TronGrid's JSON-RPC, viem's `tron`: kept as an EVM chain id, because callers using it send
 *    EVM-form (`0x…`) addresses, which the Tron rule (Base58Check `T…`) would refuse.
 * 3. CAIP-30 (genesis hash, truncated); the legacy reference; the Wallet Standard name.
 */
export const CHAIN_ID_SPELLINGS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'bip122:000000000019d6689c085ae165831e93': [],
  'bip122:12a765e31ffd4059bada1e25190f6e98': [],
  'bip122:000000000000000000651ef99cb9fcbf': [],
  'tron:0x2b6653dc': ['tron:0x2B6653DC', 'tron:728126428', 'tron:mainnet'],
  'solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp': ['solana:4sGjMW1sUnHzSxGspuhpqLDx6wiyjNtZ', 'solana:mainnet'],
});

const ALIASES: ReadonlyMap<string, string> = new Map(
  Object.entries(CHAIN_ID_SPELLINGS).flatMap(([canonical, others]) => [
    [canonical, canonical] as const,
    ...others.map((o) => [o, canonical] as const),
  ]),
);
const EIP155_DECIMAL = /^eip155:([1-9][0-9]{0,31})$/;
const EIP155_HEX = /^eip155:0x([1-9a-fA-F][0-9a-fA-F]{0,25})$/;

/** One line for error messages and docs: every accepted spelling, grouped by chain. */
export const ACCEPTED_CHAIN_IDS: string = [
  'eip155:<decimal chain id> (any EVM chain; eip155:0x<hex> is accepted and written in decimal)',
  ...Object.entries(CHAIN_ID_SPELLINGS).map(([canonical, others]) =>
    others.length === 0 ? canonical : `${canonical} (or ${others.join(', ')})`,
  ),
].join('; ');

/**
 * The canonical CAIP-2 form of a chain id JIL screens, or `undefined` when JIL does not screen that chain.
 *
 * @param chainId - a CAIP-2 chain id in any spelling of {@link CHAIN_ID_SPELLINGS}, or `eip155:<decimal | 0x hex>`.
 * @returns e.g. `tron:0x2b6653dc` for `tron:mainnet`, `eip155:137` for `eip155:0x89`; `undefined` otherwise.
 * @example
 * import { normalizeChainId } from '@jil/psa';
 * normalizeChainId('tron:728126428'); // 'tron:0x2b6653dc'
 * normalizeChainId('eip155:0x1'); // 'eip155:1'
 * normalizeChainId('cosmos:cosmoshub-4'); // undefined
 */
export function normalizeChainId(chainId: string): string | undefined {
  if (typeof chainId !== 'string') return undefined;
  const alias = ALIASES.get(chainId);
  if (alias !== undefined) return alias;
  if (EIP155_DECIMAL.test(chainId)) return chainId;
  const hex = EIP155_HEX.exec(chainId);
  if (hex === null) return undefined;
  const decimal = `eip155:${BigInt(`0x${hex[1]}`).toString(10)}`;
  return ALIASES.get(decimal) ?? (decimal.length <= 39 ? decimal : undefined);
}
