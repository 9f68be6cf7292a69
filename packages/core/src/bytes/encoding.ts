import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { JilError } from '../errors/JilError.js';

/**
 * Re-exported from `@noble/hashes/utils`: `bytesToHex(bytes) → lower-case hex`, `hexToBytes(hex) → bytes`
 * (throws a noble `Error` on odd length or non-hex), `utf8ToBytes(text) → UTF-8 bytes`.
 * @example
 * import { bytesToHex, hexToBytes, utf8ToBytes } from '@jil/core';
 * bytesToHex(utf8ToBytes('hi')); // '6869'
 */
export { bytesToHex, hexToBytes, utf8ToBytes };

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
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return btoa(s);
}

const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Strict standard base64 decode (RFC 4648 §4): padding required, no whitespace, no URL alphabet.
 * @throws JilError `INVALID_ARGUMENT` when `text` is not canonical base64.
 * @example
 * import { base64Decode } from '@jil/core';
 * base64Decode('aGk='); // Uint8Array [0x68, 0x69]; 'aGk' and 'aGl=' throw
 */
export function base64Decode(text: string): Uint8Array {
  if (typeof text !== 'string' || !B64.test(text)) {
    throw new JilError('INVALID_ARGUMENT', 'value is not canonical base64');
  }
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  // reject non-canonical trailing bits (e.g. "QR==" vs "QQ==")
  if (base64Encode(out) !== text) throw new JilError('INVALID_ARGUMENT', 'value is not canonical base64');
  return out;
}

/**
 * SHA-256 (FIPS 180-4) of bytes or of a UTF-8 string.
 * @example
 * import { sha256Bytes } from '@jil/core';
 * sha256Bytes('abc').length; // 32
 */
export function sha256Bytes(data: Uint8Array | string): Uint8Array {
  return sha256(typeof data === 'string' ? utf8ToBytes(data) : data);
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
 * @example
 * import { constantTimeEqual } from '@jil/core';
 * constantTimeEqual(expectedMac, receivedMac);
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
