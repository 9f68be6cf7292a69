import { base58 } from '@scure/base';
import type { AddressKey } from '../datasets/types.js';
import { addressError } from './addressError.js';

/**
 * Strict Solana address rule: Base58 (Bitcoin alphabet, no checksum) of exactly 32 bytes, canonical encoding.
 * Compared case-sensitively as written. Solana addresses carry no checksum, so typos cannot be detected.
 *
 * @param address - the address as sent.
 * @returns the {@link AddressKey} with `family: 'solana'`.
 * @throws JilError `INVALID_ARGUMENT` (`address_format`).
 * @example
 * import { normalizeSolanaAddress } from '@jil/psa';
 * normalizeSolanaAddress('11111111111111111111111111111111').normalized; // the System Program
 */
export function normalizeSolanaAddress(address: string): AddressKey {
  let bytes: Uint8Array | undefined;
  try {
    bytes = address.length >= 32 && address.length <= 44 ? base58.decode(address) : undefined;
  } catch {
    bytes = undefined;
  }
  if (bytes?.length !== 32 || base58.encode(bytes) !== address) {
    throw addressError('address_format', 'address must be 32 bytes in Base58');
  }
  return { family: 'solana', normalized: address, display: address };
}
