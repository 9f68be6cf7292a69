import { frostError } from '../frostError.js';
import { getCiphersuite, type CiphersuiteId } from '../suite/Ciphersuite.js';

/**
 * Verify a group signature under the group public key with the suite's verifier (RFC 9591 §6.1/§6.2;
 * `@noble/curves`). For `ed25519` the signature is also a plain RFC 8032 signature: `@jil/core` `verify` accepts it.
 *
 * @returns `false` for any invalid signature or key; never throws on bad signature bytes.
 * @throws JilError `INVALID_ARGUMENT` when an argument is not a Uint8Array.
 * @example
 * import { verifyGroupSignature } from '@jil/mpc';
 * verifyGroupSignature('ed25519', signature, message, groupKey); // true
 */
export function verifyGroupSignature(suite: CiphersuiteId, signature: Uint8Array, message: Uint8Array, groupPublicKey: Uint8Array): boolean {
  for (const [field, v] of [['signature', signature], ['message', message], ['groupPublicKey', groupPublicKey]] as const) {
    if (!(v instanceof Uint8Array)) throw frostError('INVALID_ARGUMENT', `${field} must be a Uint8Array`, { field });
  }
  try {
    return signature.length === 64 && getCiphersuite(suite).frost.verify(signature, message, groupPublicKey);
  } catch {
    return false;
  }
}
