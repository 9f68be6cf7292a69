import { bech32, bech32m } from '@scure/base';
import { addressError } from './addressError.js';

/** A decoded segwit address (BIP-173 / BIP-350). */
export interface SegwitAddress {
  /** Witness version 0–16. */
  version: number;
  /** Witness program, 2–40 bytes (20 or 32 for version 0). */
  program: Uint8Array;
  /** Lower-case address text (the canonical comparison form). */
  normalized: string;
}

/**
 * Decode and validate a segwit address for one human-readable part: bech32 (BIP-173) for witness version 0,
 * bech32m (BIP-350) for versions 1–16; all-lower or all-upper case only; at most 90 characters.
 *
 * @param text - address text, e.g. `bc1q…` or `BC1Q…`.
 * @param hrp - expected human-readable part, lower case (`bc`, `ltc`).
 * @returns the {@link SegwitAddress}.
 * @throws JilError `INVALID_ARGUMENT`: `address_format` (case, hrp, program rules) or `address_checksum`.
 * @example
 * import { decodeSegwitAddress } from './decodeSegwitAddress.js';
 * decodeSegwitAddress('BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', 'bc').version; // 0
 */
export function decodeSegwitAddress(text: string, hrp: string): SegwitAddress {
  const lower = text.toLowerCase();
  if (text !== lower && text !== text.toUpperCase()) {
    throw addressError('address_format', 'bech32 address must not mix upper and lower case (BIP-173)');
  }
  if (!lower.startsWith(`${hrp}1`) || lower.length > 90) {
    throw addressError('address_format', `segwit address must start with ${hrp}1 and have at most 90 characters`);
  }
  const v0 = bech32.decodeUnsafe(lower, 90);
  const vN = v0 ? undefined : bech32m.decodeUnsafe(lower, 90);
  const decoded = v0 ?? vN;
  if (!decoded || decoded.words.length < 1) {
    throw addressError('address_checksum', 'address fails bech32/bech32m checksum');
  }
  if (decoded.prefix !== hrp) {
    throw addressError('address_format', `segwit address must have the human-readable part ${hrp}`);
  }
  const version = decoded.words[0]!;
  if (version > 16) throw addressError('address_format', 'segwit witness version must be 0 to 16');
  if ((version === 0) !== Boolean(v0)) {
    throw addressError('address_checksum', 'segwit v0 needs bech32 (BIP-173), v1+ needs bech32m (BIP-350)');
  }
  const program = bech32.fromWordsUnsafe(decoded.words.slice(1));
  if (!program || program.length < 2 || program.length > 40) {
    throw addressError('address_format', 'segwit witness program must be 2 to 40 bytes');
  }
  if (version === 0 && program.length !== 20 && program.length !== 32) {
    throw addressError('address_format', 'segwit v0 witness program must be 20 or 32 bytes');
  }
  return { version, program, normalized: lower };
}
