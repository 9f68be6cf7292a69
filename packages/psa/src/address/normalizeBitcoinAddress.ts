import type { AddressKey } from '../datasets/types.js';
import { addressError } from './addressError.js';
import { decodeBase58Check } from './decodeBase58Check.js';
import { decodeSegwitAddress } from './decodeSegwitAddress.js';

/** Address rules of a Bitcoin-like chain: Base58Check version bytes and the segwit human-readable part. */
export interface BitcoinLikeParams {
  family: 'bitcoin' | 'litecoin';
  /** Base58Check version bytes accepted for 20-byte hashes (P2PKH, P2SH). */
  versions: readonly number[];
  /** Segwit human-readable part (BIP-173 §Segwit address format). */
  hrp: string;
}

/** Bitcoin mainnet: P2PKH 0x00 (`1…`), P2SH 0x05 (`3…`), segwit `bc1…`. */
export const BITCOIN_PARAMS: BitcoinLikeParams = { family: 'bitcoin', versions: [0x00, 0x05], hrp: 'bc' };
/** Litecoin mainnet: P2PKH 0x30 (`L…`), P2SH 0x32 (`M…`) and legacy P2SH 0x05 (`3…`), segwit `ltc1…`. */
export const LITECOIN_PARAMS: BitcoinLikeParams = { family: 'litecoin', versions: [0x30, 0x32, 0x05], hrp: 'ltc' };

/**
 * Strict Bitcoin-like address rule. Base58Check addresses are compared case-sensitively as written (the encoding is
 * canonical); segwit addresses are compared in lower case (BIP-173 §Uppercase/lowercase).
 *
 * @param address - the address as sent.
 * @param params - {@link BITCOIN_PARAMS} or {@link LITECOIN_PARAMS}.
 * @returns the {@link AddressKey}; `display` equals `normalized`.
 * @throws JilError `INVALID_ARGUMENT` (`address_format` / `address_checksum`).
 * @example
 * import { normalizeBitcoinAddress, BITCOIN_PARAMS } from '@jil/psa';
 * normalizeBitcoinAddress('BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', BITCOIN_PARAMS).normalized; // 'bc1qw508…'
 */
export function normalizeBitcoinAddress(address: string, params: BitcoinLikeParams): AddressKey {
  if (address.toLowerCase().startsWith(`${params.hrp}1`)) {
    const { normalized } = decodeSegwitAddress(address, params.hrp);
    return { family: params.family, normalized, display: normalized };
  }
  const payload = decodeBase58Check(address);
  if (payload.length !== 21 || !params.versions.includes(payload[0]!)) {
    throw addressError('address_format', `address is not a ${params.family} P2PKH, P2SH or segwit address`);
  }
  return { family: params.family, normalized: address, display: address };
}
