import { bech32 } from '@scure/base';
import { addressError } from './addressError.js';

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATORS = [0x98f2bc8e61n, 0x79b76d99e2n, 0xf33e5fb3c4n, 0xae2eabe2a8n, 0x1e4f43e470n];
/** Hash sizes in bits by the 3-bit size code of the version byte (CashAddr spec §Version byte). */
const HASH_BITS = [160, 192, 224, 256, 320, 384, 448, 512];

/** The CashAddr prefix of Bitcoin Cash mainnet. */
export const CASHADDR_PREFIX = 'bitcoincash';

/** CashAddr 40-bit BCH-code checksum (CashAddr spec §Checksum), over 5-bit values; 0 means valid. */
function polymod(values: readonly number[]): bigint {
  let c = 1n;
  for (const d of values) {
    const c0 = c >> 35n;
    c = ((c & 0x07ffffffffn) << 5n) ^ BigInt(d);
    for (let i = 0; i < 5; i++) if ((c0 >> BigInt(i)) & 1n) c ^= GENERATORS[i]!;
  }
  return c ^ 1n;
}

function prefixValues(prefix: string): number[] {
  return [...prefix].map((ch) => ch.charCodeAt(0) & 0x1f).concat(0);
}

/** A decoded CashAddr: hash type (0 = P2PKH, 1 = P2SH) and hash. */
export interface CashAddress {
  type: number;
  hash: Uint8Array;
}

/**
 * Encode a Bitcoin Cash address in CashAddr form, lower case, without the `bitcoincash:` prefix.
 *
 * @param type - 0 (P2PKH) or 1 (P2SH).
 * @param hash - 20-byte hash160 (other spec sizes are accepted).
 * @returns e.g. `qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a`.
 * @example
 * import { encodeCashAddress } from './cashAddress.js';
 * encodeCashAddress(0, new Uint8Array(20));
 */
export function encodeCashAddress(type: number, hash: Uint8Array): string {
  const size = HASH_BITS.indexOf(hash.length * 8);
  if (size < 0 || type < 0 || type > 15) throw addressError('address_format', 'CashAddr hash size or type is invalid');
  const words = bech32.toWords(Uint8Array.of((type << 3) | size, ...hash));
  const mod = polymod([...prefixValues(CASHADDR_PREFIX), ...words, 0, 0, 0, 0, 0, 0, 0, 0]);
  const check = Array.from({ length: 8 }, (_, i) => Number((mod >> BigInt(5 * (7 - i))) & 0x1fn));
  return [...words, ...check].map((w) => CHARSET[w]).join('');
}

/**
 * Decode a CashAddr (prefix `bitcoincash:` optional; all-lower or all-upper case).
 *
 * @param text - e.g. `bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a` or without the prefix.
 * @returns the {@link CashAddress}.
 * @throws JilError `INVALID_ARGUMENT` (`address_format` / `address_checksum`).
 * @example
 * import { decodeCashAddress } from './cashAddress.js';
 * decodeCashAddress('qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a').type; // 0
 */
export function decodeCashAddress(text: string): CashAddress {
  const lower = text.toLowerCase();
  if (text !== lower && text !== text.toUpperCase()) {
    throw addressError('address_format', 'CashAddr must not mix upper and lower case');
  }
  const body = lower.startsWith(`${CASHADDR_PREFIX}:`) ? lower.slice(CASHADDR_PREFIX.length + 1) : lower;
  const words = [...body].map((ch) => CHARSET.indexOf(ch));
  if (words.length < 9 || words.some((w) => w < 0)) throw addressError('address_format', 'address is not a valid CashAddr');
  if (polymod([...prefixValues(CASHADDR_PREFIX), ...words]) !== 0n) {
    throw addressError('address_checksum', 'address fails CashAddr checksum');
  }
  const bytes = bech32.fromWordsUnsafe(words.slice(0, -8));
  const version = bytes?.[0];
  if (!bytes || version === undefined || version & 0x80 || HASH_BITS[version & 7]! !== (bytes.length - 1) * 8) {
    throw addressError('address_format', 'CashAddr version byte does not match the hash length');
  }
  const type = version >> 3;
  if (type !== 0 && type !== 1) throw addressError('address_format', 'CashAddr type must be P2PKH or P2SH');
  return { type, hash: bytes.slice(1) };
}
