import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex as nobleBytesToHex, hexToBytes as nobleHexToBytes, utf8ToBytes as nobleUtf8ToBytes } from '@noble/hashes/utils.js';
import { JilError } from '../errors/JilError.js';
import { assertBytes, describeType } from './assertBytes.js';
import { loadNodeCrypto } from './nodeCrypto.js';

/**
 * Lower-case hex of `bytes` (`@noble/hashes/utils`).
 * @throws JilError `INVALID_ARGUMENT` when `bytes` is not a Uint8Array.
 * @example
 * import { bytesToHex, utf8ToBytes } from '@jil/core';
 * bytesToHex(utf8ToBytes('hi')); // '6869'
 */
export function bytesToHex(bytes: Uint8Array): string {
  assertBytes(bytes, 'bytes');
  return nobleBytesToHex(bytes);
}

/**
 * Bytes of an even-length hex string, either case (`@noble/hashes/utils`).
 * @throws JilError `INVALID_ARGUMENT` for a non-string, an odd length or a non-hex character.
 */
export function hexToBytes(hex: string): Uint8Array {
  if (typeof hex !== 'string')
    throw new JilError('INVALID_ARGUMENT', `hex must be a string, got ${describeType(hex)}`, { details: { field: 'hex' } });
  try {
    return nobleHexToBytes(hex);
  } catch (cause) {
    throw new JilError('INVALID_ARGUMENT', 'hex must be an even number of hex characters', { details: { field: 'hex' }, cause });
  }
}

/**
 * UTF-8 bytes of `text` (lone surrogates become U+FFFD, as TextEncoder does).
 * @throws JilError `INVALID_ARGUMENT` when `text` is not a string.
 */
export function utf8ToBytes(text: string): Uint8Array {
  if (typeof text !== 'string')
    throw new JilError('INVALID_ARGUMENT', `text must be a string, got ${describeType(text)}`, { details: { field: 'text' } });
  return nobleUtf8ToBytes(text);
}

const td = new TextDecoder('utf-8', { fatal: true });

/**
 * Decode UTF-8 bytes; throws `INVALID_ARGUMENT` on malformed UTF-8.
 * @see RFC 3629; WHATWG Encoding (fatal decoder)
 * @example
 * import { bytesToUtf8, utf8ToBytes } from '@jil/core';
 * bytesToUtf8(utf8ToBytes('é')); // 'é'
 */
export function bytesToUtf8(bytes: Uint8Array): string {
  try {
    return td.decode(bytes);
  } catch (cause) {
    throw new JilError('INVALID_ARGUMENT', 'bytes are not valid UTF-8', { cause });
  }
}

/**
 * Standard base64 (RFC 4648 §4, with padding) of `bytes`.
 * @example
 * import { base64Encode } from '@jil/core';
 * base64Encode(new Uint8Array([0xff])); // '/w=='
 */
export function base64Encode(bytes: Uint8Array): string {
  assertBytes(bytes, 'bytes');
  return NodeBuffer ? NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') : base64EncodeTable(bytes);
}

/** {@link base64Encode} without `Buffer` (what browsers run); exported for the tests only, not from the package. */
export function base64EncodeTable(bytes: Uint8Array): string {
  // table-driven, no Buffer (browsers) and no per-byte string concatenation (4.5 KB composite signatures)
  const out: string[] = [];
  const full = bytes.length - (bytes.length % 3);
  let chunk = '';
  for (let i = 0; i < full; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    chunk += B64_PAIRS[n >>> 12]! + B64_PAIRS[n & 0xfff]!;
    if (chunk.length >= 8192) {
      out.push(chunk);
      chunk = '';
    }
  }
  const rest = bytes.length - full;
  if (rest === 1) {
    const n = bytes[full]!;
    chunk += `${B64_ALPHABET[n >>> 2]! + B64_ALPHABET[(n & 0x03) << 4]!}==`;
  } else if (rest === 2) {
    const n = (bytes[full]! << 8) | bytes[full + 1]!;
    chunk += `${B64_ALPHABET[n >>> 10]! + B64_ALPHABET[(n >>> 4) & 0x3f]! + B64_ALPHABET[(n & 0x0f) << 2]!}=`;
  }
  out.push(chunk);
  return out.join('');
}

/**
 * Node's `Buffer` when running on Node (native base64, many times faster on the 4.5 KB composite signatures), else
 * `undefined` (browsers: the table-driven code below). Reached through `globalThis`, so bundles never pull a polyfill.
 */
const NodeBuffer = (
  globalThis as {
    Buffer?: {
      from(data: ArrayBufferLike | string, offset?: number | string, length?: number): Uint8Array & { toString(encoding: string): string };
    };
  }
).Buffer;

const B64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Two base64 characters per 12 bits. */
const B64_PAIRS: readonly string[] = Array.from({ length: 4096 }, (_, n) => B64_ALPHABET[n >>> 6]! + B64_ALPHABET[n & 0x3f]!);
/** Character code → 6-bit value, or -1 outside the standard alphabet. */
const B64_VALUES = (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) t[B64_ALPHABET.charCodeAt(i)] = i;
  return t;
})();

function notBase64(): never {
  throw new JilError('INVALID_ARGUMENT', 'value is not canonical base64');
}

/**
 * Strict standard base64 decode (RFC 4648 §4): padding required, no whitespace, no URL alphabet, and the unused
 * bits of the last character zero (RFC 4648 §3.5: `QR==` is refused, `QQ==` is the encoding of `A`), so every byte
 * string has exactly one accepted encoding. On Node, native `Buffer` decoding checked by re-encoding; elsewhere one
 * table-driven pass over the text (the same answers: `base64.test.ts` runs both).
 * @throws JilError `INVALID_ARGUMENT` when `text` is not canonical base64.
 * @example
 * import { base64Decode } from '@jil/core';
 * base64Decode('aGk='); // Uint8Array [0x68, 0x69]; 'aGk' and 'aGl=' throw
 */
export function base64Decode(text: string): Uint8Array {
  if (typeof text !== 'string' || text.length % 4 !== 0) notBase64();
  if (NodeBuffer) {
    // Buffer decodes leniently (skips whitespace, takes the URL alphabet, ignores trailing bits); the text is
    // canonical exactly when re-encoding the bytes gives the same text back.
    const decoded = NodeBuffer.from(text, 'base64');
    if (decoded.toString('base64') !== text) notBase64();
    return new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength).slice();
  }
  return base64DecodeTable(text);
}

/** {@link base64Decode} without `Buffer` (what browsers run); exported for the tests only, not from the package. */
export function base64DecodeTable(text: string): Uint8Array {
  if (typeof text !== 'string' || text.length % 4 !== 0) notBase64();
  const len = text.length;
  const padding = len === 0 ? 0 : text.charCodeAt(len - 1) === 61 ? (text.charCodeAt(len - 2) === 61 ? 2 : 1) : 0;
  const out = new Uint8Array((len / 4) * 3 - padding);
  const value = (i: number): number => {
    const c = text.charCodeAt(i);
    const v = c < 128 ? B64_VALUES[c]! : -1;
    if (v < 0) notBase64();
    return v;
  };
  const whole = padding === 0 ? len : len - 4;
  let o = 0;
  for (let i = 0; i < whole; i += 4) {
    const n = (value(i) << 18) | (value(i + 1) << 12) | (value(i + 2) << 6) | value(i + 3);
    out[o++] = n >>> 16;
    out[o++] = (n >>> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  if (padding === 2) {
    const a = value(len - 4);
    const b = value(len - 3);
    if ((b & 0x0f) !== 0) notBase64();
    out[o] = (a << 2) | (b >>> 4);
  } else if (padding === 1) {
    const a = value(len - 4);
    const b = value(len - 3);
    const c = value(len - 2);
    if ((c & 0x03) !== 0) notBase64();
    out[o++] = (a << 2) | (b >>> 4);
    out[o] = ((b & 0x0f) << 4) | (c >>> 2);
  }
  return out;
}

/**
 * SHA-256 (FIPS 180-4) of bytes or of a UTF-8 string.
 * @example
 * import { sha256Bytes } from '@jil/core';
 * sha256Bytes('abc').length; // 32
 */
export function sha256Bytes(data: Uint8Array | string): Uint8Array {
  const bytes = typeof data === 'string' ? utf8ToBytes(data) : data;
  assertBytes(bytes, 'data');
  // OpenSSL's SHA-256 where node:crypto exists (several times faster on the multi-KB bodies hashed per request)
  const crypto = loadNodeCrypto();
  return crypto ? new Uint8Array(crypto.createHash('sha256').update(bytes).digest()) : sha256(bytes);
}

/**
 * Lower-case hex SHA-256 of bytes or of a UTF-8 string.
 * @example
 * import { sha256Hex } from '@jil/core';
 * sha256Hex(''); // 'e3b0c442…b855'
 */
export function sha256Hex(data: Uint8Array | string): string {
  return bytesToHex(sha256Bytes(data));
}

/**
 * Constant-time equality of two byte arrays (time depends only on the lengths).
 * Returns `false` for different lengths.
 * @throws JilError `INVALID_ARGUMENT` when `a` or `b` is not a Uint8Array.
 * @example
 * import { constantTimeEqual } from '@jil/core';
 * constantTimeEqual(expectedMac, receivedMac);
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  assertBytes(a, 'a');
  assertBytes(b, 'b');
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
