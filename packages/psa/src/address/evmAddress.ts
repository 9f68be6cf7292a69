import { keccak_256 } from '@noble/hashes/sha3.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { AddressKey } from '../datasets/types.js';
import { JilError } from '@jil/core';
import { addressError } from './addressError.js';

const HEX40 = /^[0-9a-fA-F]{40}$/;
const LOWER_HEX40 = /^[0-9a-f]{40}$/;

/**
 * EIP-55 mixed-case checksum encoding of a 20-byte address given as 40 lower-case hex characters.
 * A hex letter is upper-cased when the matching nibble of keccak256(lower-case hex ASCII) is ≥ 8 (EIP-55 §Specification).
 *
 * @param lowerHex40 - 40 lower-case hex characters, without `0x`.
 * @returns `0x` + 40 characters in checksum case.
 * @throws JilError `INVALID_ARGUMENT` (`details.field`: `lowerHex40`) when it is not 40 lower-case hex characters.
 * @example
 * import { toChecksumAddress } from '@jil/psa';
 * toChecksumAddress('5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'); // '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
 */
export function toChecksumAddress(lowerHex40: string): string {
  if (typeof lowerHex40 !== 'string' || !LOWER_HEX40.test(lowerHex40)) {
    throw new JilError('INVALID_ARGUMENT', 'lowerHex40 must be 40 lower-case hex characters', {
      details: { field: 'lowerHex40', issue: 'address_format' },
    });
  }
  const hash = keccak_256(utf8ToBytes(lowerHex40));
  let out = '0x';
  for (let i = 0; i < 40; i++) {
    const ch = lowerHex40[i]!;
    const nibble = (hash[i >> 1]! >> (i % 2 === 0 ? 4 : 0)) & 0x0f;
    out += nibble >= 8 ? ch.toUpperCase() : ch;
  }
  return out;
}

/**
 * Strict EVM address rule: `0x` + 40 hex; mixed case must be a valid EIP-55 checksum; all-lower and all-upper
 * hex are accepted unchecked (EIP-55 §Rationale). Key = lower-case hex, display = EIP-55.
 *
 * @param address - the address as the caller sent it.
 * @returns the {@link AddressKey} with `family: 'evm'`.
 * @throws JilError `INVALID_ARGUMENT` (`details.issue`: `address_format` or `address_checksum`).
 * @example
 * import { normalizeEvmAddress } from '@jil/psa';
 * normalizeEvmAddress('0x52908400098527886E0F7030069857D2E4169EE7').normalized; // '0x52908400098527886e0f7030069857d2e4169ee7'
 */
export function normalizeEvmAddress(address: string): AddressKey {
  const hex = address.startsWith('0x') ? address.slice(2) : '';
  if (!HEX40.test(hex)) {
    throw addressError('address_format', 'address must be 0x followed by 40 hex characters');
  }
  const lower = hex.toLowerCase();
  const display = toChecksumAddress(lower);
  if (hex !== lower && hex !== hex.toUpperCase() && `0x${hex}` !== display) {
    throw addressError('address_checksum', 'address fails EIP-55 checksum');
  }
  return { family: 'evm', normalized: `0x${lower}`, display };
}
