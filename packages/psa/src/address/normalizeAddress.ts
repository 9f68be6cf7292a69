import type { AddressKey, ChainFamily } from '../datasets/types.js';
import { addressError } from './addressError.js';
import { chainFamilyOf } from './chainFamilyOf.js';
import { normalizeEvmAddress } from './evmAddress.js';
import { BITCOIN_PARAMS, LITECOIN_PARAMS, normalizeBitcoinAddress } from './normalizeBitcoinAddress.js';
import { normalizeBitcoinCashAddress } from './normalizeBitcoinCashAddress.js';
import { normalizeSolanaAddress } from './normalizeSolanaAddress.js';
import { normalizeTronAddress } from './normalizeTronAddress.js';

export { chainFamilyOf };

/** Strict per-family rules, keyed by family. `other` has none: JIL does not screen such chains. */
const RULES: Readonly<Partial<Record<ChainFamily, (address: string) => AddressKey>>> = {
  evm: normalizeEvmAddress,
  bitcoin: (a) => normalizeBitcoinAddress(a, BITCOIN_PARAMS),
  litecoin: (a) => normalizeBitcoinAddress(a, LITECOIN_PARAMS),
  bitcoincash: normalizeBitcoinCashAddress,
  tron: normalizeTronAddress,
  solana: normalizeSolanaAddress,
};

/**
 * Validate an address for a CAIP-2 chain and return its comparison key. Strict: no trimming, checksums enforced
 * (EIP-55 for mixed-case EVM, Base58Check, bech32/bech32m, CashAddr). Error messages name the rule, never the field.
 *
 * @param chainId - CAIP-2 chain id (see {@link chainFamilyOf} for the supported table).
 * @param address - the address as the caller sent it.
 * @returns `{ family, normalized, display }` — EVM: lower-case key, EIP-55 display; Bitcoin/Litecoin: Base58 as
 *   written or lower-case bech32; Bitcoin Cash: CashAddr payload; Tron/Solana: Base58 as written.
 * @throws JilError `INVALID_ARGUMENT` with `details.issue` = `chain_unsupported`, `address_format` or `address_checksum`.
 * @example
 * import { normalizeAddress } from '@jil/psa';
 * normalizeAddress('eip155:1', '0x098b716b8aaf21512996dc57eb0615e2383e2f96').display;
 * // '0x098B716B8Aaf21512996dC57EB0615e2383E2f96'
 */
export function normalizeAddress(chainId: string, address: string): AddressKey {
  const family = chainFamilyOf(chainId);
  const rule = family === undefined ? undefined : RULES[family];
  if (!rule)
    throw addressError(
      'chain_unsupported',
      typeof chainId === 'string' ? `chain ${chainId.slice(0, 80)} is not supported` : 'chainId must be a CAIP-2 string',
    );
  if (typeof address !== 'string' || address.length === 0 || address.length > 128) {
    throw addressError('address_format', 'address must be a non-empty string of at most 128 characters');
  }
  if (address.trim() !== address) throw addressError('address_format', 'address must not have surrounding whitespace');
  return rule(address);
}
