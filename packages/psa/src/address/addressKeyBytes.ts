import type { ChainFamily } from '../datasets/types.js';

/** Family order of the compact index: each family's keys form one sorted block, in this order. */
export const INDEX_FAMILIES: readonly ChainFamily[] = ['evm', 'bitcoin', 'litecoin', 'bitcoincash', 'tron', 'solana', 'other'];

const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) HEX[97 + i] = 10 + i;

const encoder = new TextEncoder();

/**
 * The bytes a normalized address key is stored and compared as in the compact index: an EVM key
 * (`0x` + 40 lower-case hex) → its 20 raw bytes; any other family → the UTF-8 bytes of the normalized text.
 * Byte order of these keys is the sort order of the index.
 *
 * @param family - the chain family.
 * @param normalized - `AddressKey.normalized`.
 * @param out - scratch buffer of at least 20 bytes (EVM) or 4 × the text length; a new array when omitted.
 * @returns the key bytes (a view of `out` when given), or `undefined` for an EVM text that is not 0x + 40 lower-case hex.
 * @example
 * import { addressKeyBytes } from './addressKeyBytes.js';
 * addressKeyBytes('evm', '0x098b716b8aaf21512996dc57eb0615e2383e2f96')?.length; // 20
 */
export function addressKeyBytes(family: ChainFamily, normalized: string, out?: Uint8Array): Uint8Array | undefined {
  if (family === 'evm') {
    if (normalized.length !== 42 || normalized.charCodeAt(0) !== 48 || normalized.charCodeAt(1) !== 120) return undefined;
    const bytes = out ?? new Uint8Array(20);
    for (let i = 0; i < 20; i++) {
      const hi = HEX[normalized.charCodeAt(2 + 2 * i)] ?? -1;
      const lo = HEX[normalized.charCodeAt(3 + 2 * i)] ?? -1;
      if (hi < 0 || lo < 0) return undefined;
      bytes[i] = (hi << 4) | lo;
    }
    return out ? bytes.subarray(0, 20) : bytes;
  }
  if (!out) return encoder.encode(normalized);
  let ascii = true;
  for (let i = 0; i < normalized.length; i++) {
    const c = normalized.charCodeAt(i);
    if (c > 127) {
      ascii = false;
      break;
    }
    out[i] = c;
  }
  if (ascii && normalized.length <= out.length) return out.subarray(0, normalized.length);
  const { written } = encoder.encodeInto(normalized, out);
  return written === undefined ? encoder.encode(normalized) : out.subarray(0, written);
}

/**
 * {@link addressKeyBytes} without allocating: writes the key bytes into `out` and returns their length.
 *
 * @param family - the chain family.
 * @param normalized - `AddressKey.normalized` (at most `out.length / 3` characters for non-EVM keys).
 * @param out - scratch buffer (≥ 20 bytes; ≥ 3 × the text length for other families).
 * @returns the number of bytes written, or -1 when the text is not a key of that family or does not fit.
 * @example
 * import { writeAddressKey } from './addressKeyBytes.js';
 * writeAddressKey('evm', '0x098b716b8aaf21512996dc57eb0615e2383e2f96', new Uint8Array(512)); // 20
 */
export function writeAddressKey(family: ChainFamily, normalized: string, out: Uint8Array): number {
  if (family === 'evm') {
    if (normalized.length !== 42 || normalized.charCodeAt(0) !== 48 || normalized.charCodeAt(1) !== 120) return -1;
    for (let i = 0; i < 20; i++) {
      const hi = HEX[normalized.charCodeAt(2 + 2 * i)] ?? -1;
      const lo = HEX[normalized.charCodeAt(3 + 2 * i)] ?? -1;
      if (hi < 0 || lo < 0) return -1;
      out[i] = (hi << 4) | lo;
    }
    return 20;
  }
  if (normalized.length * 3 > out.length) return -1;
  for (let i = 0; i < normalized.length; i++) {
    const c = normalized.charCodeAt(i);
    if (c > 127) return encoder.encodeInto(normalized, out).written ?? -1;
    out[i] = c;
  }
  return normalized.length;
}

/**
 * Lexicographic comparison of two byte strings (shorter first on a common prefix).
 *
 * @param a - first bytes (`a[aStart, aEnd)`).
 * @param aStart - start in `a`.
 * @param aEnd - end in `a`.
 * @param b - second bytes (`b[0, bLength)`).
 * @param bLength - length of the second key (default all of `b`).
 * @returns negative, 0 or positive.
 * @example
 * import { compareKeyBytes } from './addressKeyBytes.js';
 * compareKeyBytes(Uint8Array.of(1, 2), 0, 2, Uint8Array.of(1, 3)); // < 0
 */
export function compareKeyBytes(a: Uint8Array, aStart: number, aEnd: number, b: Uint8Array, bLength = b.length): number {
  const n = Math.min(aEnd - aStart, bLength);
  for (let i = 0; i < n; i++) {
    const d = (a[aStart + i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return aEnd - aStart - bLength;
}
