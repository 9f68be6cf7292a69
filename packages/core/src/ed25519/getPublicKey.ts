import { assertBytes } from '../bytes/assertBytes.js';
import { backendImpl } from './backends.js';

/**
 * The Ed25519 public key of a 32-byte secret seed (RFC 8032 §5.1.5).
 *
 * @param secretKey - the 32-byte secret seed.
 * @returns the 32-byte encoded public key `A`.
 * @throws JilError `INVALID_ARGUMENT` when `secretKey` is not a 32-byte Uint8Array.
 * @see RFC 8032 §5.1.5
 * @example
 * import { getPublicKey, hexToBytes } from '@jil/core';
 * const publicKey = getPublicKey(hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'));
 */
export function getPublicKey(secretKey: Uint8Array): Uint8Array {
  assertBytes(secretKey, 'secretKey', 32);
  return backendImpl().getPublicKey(secretKey);
}
