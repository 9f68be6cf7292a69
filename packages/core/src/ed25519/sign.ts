import { assertBytes } from '../bytes/assertBytes.js';
import { backendImpl } from './backends.js';

/**
 * Sign `message` with Ed25519 (RFC 8032 §5.1.6; deterministic, so every backend gives the same bytes).
 *
 * @param message - the bytes to sign (for JIL envelopes: `pae(payloadType, payload)`).
 * @param secretKey - the 32-byte secret seed (RFC 8032 §5.1.5), not a 64-byte expanded key.
 * @returns the 64-byte signature `R || S`.
 * @throws JilError `INVALID_ARGUMENT` when `message` is not a Uint8Array or `secretKey` is not 32 bytes.
 * @see RFC 8032 §5.1.6
 * @example
 * import { generateKeyPair, sign, utf8ToBytes } from '@jil/core';
 * const { secretKey } = generateKeyPair();
 * const signature = sign(utf8ToBytes('hello'), secretKey); // Uint8Array(64)
 */
export function sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  assertBytes(message, 'message');
  assertBytes(secretKey, 'secretKey', 32);
  return backendImpl().sign(message, secretKey);
}
