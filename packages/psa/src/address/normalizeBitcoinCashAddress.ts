import type { AddressKey } from '../datasets/types.js';
import { addressError } from './addressError.js';
import { CASHADDR_PREFIX, decodeCashAddress, encodeCashAddress } from './cashAddress.js';
import { decodeBase58Check } from './decodeBase58Check.js';

/** Legacy Base58Check version byte → CashAddr type (P2PKH 0x00 → 0, P2SH 0x05 → 1). */
const LEGACY_TYPES: Readonly<Record<number, number>> = { 0: 0, 5: 1 };

/**
 * Strict Bitcoin Cash address rule. Accepts CashAddr (with or without `bitcoincash:`) and legacy Base58Check
 * P2PKH/P2SH; both are keyed by the lower-case CashAddr payload without prefix, so the two spellings of one
 * address match each other.
 *
 * @param address - the address as sent.
 * @returns the {@link AddressKey}; `display` is `bitcoincash:` + the key.
 * @throws JilError `INVALID_ARGUMENT` (`address_format` / `address_checksum`).
 * @example
 * import { normalizeBitcoinCashAddress } from '@jil/psa';
 * normalizeBitcoinCashAddress('1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu').normalized; // 'qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a'
 */
export function normalizeBitcoinCashAddress(address: string): AddressKey {
  let type: number;
  let hash: Uint8Array;
  if (/^[13][1-9A-HJ-NP-Za-km-z]+$/.test(address)) {
    const payload = decodeBase58Check(address);
    const legacy = LEGACY_TYPES[payload[0]!];
    if (payload.length !== 21 || legacy === undefined) {
      throw addressError('address_format', 'address is not a Bitcoin Cash P2PKH or P2SH address');
    }
    type = legacy;
    hash = payload.subarray(1);
  } else {
    ({ type, hash } = decodeCashAddress(address));
  }
  const normalized = encodeCashAddress(type, hash);
  return { family: 'bitcoincash', normalized, display: `${CASHADDR_PREFIX}:${normalized}` };
}
