import { sha256 } from '@noble/hashes/sha2.js';
import { base58 } from '@scure/base';
import { addressError } from './addressError.js';

/**
 * Decode a Base58Check string (Bitcoin alphabet): payload followed by the first 4 bytes of SHA-256(SHA-256(payload)).
 * The string must be the canonical encoding of its bytes (re-encoding gives it back), so it is a unique key.
 *
 * @param text - Base58Check text, case-sensitive.
 * @returns the payload (version byte(s) + data), without the checksum.
 * @throws JilError `INVALID_ARGUMENT`: `address_format` for a non-Base58 string, `address_checksum` for a bad checksum.
 * @example
 * import { decodeBase58Check } from './decodeBase58Check.js';
 * decodeBase58Check('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2')[0]; // 0x00 (P2PKH version)
 */
export function decodeBase58Check(text: string): Uint8Array {
  let raw: Uint8Array;
  try {
    raw = base58.decode(text);
  } catch {
    throw addressError('address_format', 'address is not valid Base58');
  }
  if (raw.length < 5 || base58.encode(raw) !== text) {
    throw addressError('address_format', 'address is not valid Base58Check');
  }
  const payload = raw.subarray(0, raw.length - 4);
  const check = sha256(sha256(payload));
  for (let i = 0; i < 4; i++) {
    if (check[i] !== raw[payload.length + i]) throw addressError('address_checksum', 'address fails Base58Check checksum');
  }
  return payload;
}
