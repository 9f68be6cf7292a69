import type { AddressKey } from '../datasets/types.js';
import { addressError } from './addressError.js';
import { decodeBase58Check } from './decodeBase58Check.js';

/**
 * Strict Tron address rule: Base58Check of 21 bytes whose first byte is 0x41 (the `T…` form). Compared
 * case-sensitively as written. The hex form (`41…`) is not accepted.
 *
 * @param address - the address as sent.
 * @returns the {@link AddressKey} with `family: 'tron'`.
 * @throws JilError `INVALID_ARGUMENT` (`address_format` / `address_checksum`).
 * @example
 * import { normalizeTronAddress } from '@jil/psa';
 * normalizeTronAddress('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t').normalized; // same string
 */
export function normalizeTronAddress(address: string): AddressKey {
  const payload = decodeBase58Check(address);
  if (payload.length !== 21 || payload[0] !== 0x41) {
    throw addressError('address_format', 'address is not a Tron address (Base58Check, version 0x41)');
  }
  return { family: 'tron', normalized: address, display: address };
}
