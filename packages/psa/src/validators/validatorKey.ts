import { base64Encode, JilError, keyId } from '@jil/core';
import type { ValidatorKey } from './ValidatorSet.js';

/**
 * The validator-set entry of a public key: `{ alg, public_key: base64(key), keyid }`, with `keyid` derived from the
 * key (hex SHA-256 of its bytes), never chosen.
 *
 * @param publicKey the 32-byte Ed25519 public key (RFC 8032 §5.1.5).
 * @param alg the key's suite; `'ed25519'`.
 * @returns a {@link ValidatorKey}.
 * @throws JilError `INVALID_ARGUMENT` (`details.field` `publicKey`) for a wrong type or length.
 * @example
 * import { generateKeyPair } from '@jil/core';
 * import { validatorKey } from '@jil/psa';
 * validatorKey(generateKeyPair().publicKey); // { alg: 'ed25519', public_key: '…', keyid: '…' }
 */
export function validatorKey(publicKey: Uint8Array, alg: ValidatorKey['alg'] = 'ed25519'): ValidatorKey {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) {
    throw new JilError('INVALID_ARGUMENT', `publicKey must be a 32-byte ${alg} public key`, { details: { field: 'publicKey' } });
  }
  return { alg, public_key: base64Encode(publicKey), keyid: keyId(publicKey) };
}
