import type { AddressKey, ChainFamily } from '../datasets/types.js';
import { addressError } from './addressError.js';
import { toChecksumAddress } from './evmAddress.js';
import { BITCOIN_PARAMS, LITECOIN_PARAMS, normalizeBitcoinAddress } from './normalizeBitcoinAddress.js';
import { normalizeBitcoinCashAddress } from './normalizeBitcoinCashAddress.js';
import { normalizeSolanaAddress } from './normalizeSolanaAddress.js';
import { normalizeTronAddress } from './normalizeTronAddress.js';

const EVM = /^0x[0-9a-f]{40}$/;

/**
 * The comparison key of an address as a list publishes it — lenient where lists are messy: surrounding whitespace
 * is trimmed and EVM addresses are lower-cased without an EIP-55 check (lists mix checksummed, lower-case and
 * wrongly-cased spellings). Other families are validated as strictly as {@link normalizeAddress} (their checksums
 * are case-exact), so a key from a list always equals the key of the same address in a request. Family `other`
 * keeps the trimmed text as is (no rules known; never matched by a request).
 *
 * Cheaper than {@link addressKeyFromListing}: no EIP-55 display is computed.
 *
 * @param family - the chain family the list states or implies.
 * @param raw - the address text from the list.
 * @returns the normalized key text.
 * @throws JilError `INVALID_ARGUMENT` (`address_format` / `address_checksum`) when the text is not an address of that family.
 * @example
 * import { listingAddressKey } from '@jil/psa';
 * listingAddressKey('evm', ' 0x098B716B8Aaf21512996dC57EB0615e2383E2f96 '); // '0x098b716b…2f96'
 */
export function listingAddressKey(family: ChainFamily, raw: string): string {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text.length === 0 || text.length > 128) throw addressError('address_format', 'listed address is empty or too long');
  switch (family) {
    case 'evm': {
      const lower = text.toLowerCase();
      if (!EVM.test(lower)) throw addressError('address_format', 'address must be 0x followed by 40 hex characters');
      return lower;
    }
    case 'bitcoin':
      return normalizeBitcoinAddress(text, BITCOIN_PARAMS).normalized;
    case 'litecoin':
      return normalizeBitcoinAddress(text, LITECOIN_PARAMS).normalized;
    case 'bitcoincash':
      return normalizeBitcoinCashAddress(text).normalized;
    case 'tron':
      return normalizeTronAddress(text).normalized;
    case 'solana':
      return normalizeSolanaAddress(text).normalized;
    default:
      return text;
  }
}

/**
 * {@link listingAddressKey} plus the display form, as an {@link AddressKey}.
 *
 * @param family - the chain family the list states or implies.
 * @param raw - the address text from the list.
 * @returns `{ family, normalized, display }` (EVM display is EIP-55; Bitcoin Cash display has the `bitcoincash:` prefix).
 * @throws JilError `INVALID_ARGUMENT` when the text is not an address of that family.
 * @example
 * import { addressKeyFromListing } from '@jil/psa';
 * addressKeyFromListing('evm', '0x098b716b8aaf21512996dc57eb0615e2383e2f96').display; // '0x098B716B8Aaf…2f96'
 */
export function addressKeyFromListing(family: ChainFamily, raw: string): AddressKey {
  const normalized = listingAddressKey(family, raw);
  const display =
    family === 'evm' ? toChecksumAddress(normalized.slice(2)) : family === 'bitcoincash' ? `bitcoincash:${normalized}` : normalized;
  return { family, normalized, display };
}
