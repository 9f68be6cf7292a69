import { base64Encode, JilError } from '@jil/core';
import { VALIDATOR_KEY_SUITES } from './validatorKeySuites.js';
import type { ValidatorKey } from './ValidatorSet.js';

/**
 * The validator-set entry of a public key: `{ alg, public_key: base64(key), keyid }`, with `keyid` derived from the
 * key (hex SHA-256 of its bytes), never chosen.
 *
 * @param publicKey the public key: 32 bytes for `ed25519` (RFC 8032 §5.1.5), 1984 for `mldsa65-ed25519`
 *   (`compositeGenerateKeyPair`, draft-ietf-lamps-pq-composite-sigs-19 §4.1).
 * @param alg the key's suite, default `'ed25519'`.
 * @returns a {@link ValidatorKey}.
 * @throws JilError `INVALID_ARGUMENT` (`details.field` `publicKey` or `alg`) for a wrong type, length or suite.
 * @example
 * import { generateKeyPair } from '@jil/core';
 * import { validatorKey } from '@jil/psa';
 * validatorKey(generateKeyPair().publicKey); // { alg: 'ed25519', public_key: '…', keyid: '…' }
 */
export function validatorKey(publicKey: Uint8Array, alg: ValidatorKey['alg'] = 'ed25519'): ValidatorKey {
  const suite = typeof alg === 'string' && Object.hasOwn(VALIDATOR_KEY_SUITES, alg) ? VALIDATOR_KEY_SUITES[alg] : undefined;
  if (suite === undefined)
    throw new JilError('INVALID_ARGUMENT', `alg must be one of ${Object.keys(VALIDATOR_KEY_SUITES).join(', ')}`, {
      details: { field: 'alg' },
    });
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== suite.publicKeyBytes) {
    throw new JilError('INVALID_ARGUMENT', `publicKey must be a ${suite.publicKeyBytes}-byte ${alg} public key`, {
      details: { field: 'publicKey' },
    });
  }
  return { alg, public_key: base64Encode(publicKey), keyid: suite.keyId(publicKey) };
}
