import { JilError } from '@jil/core';
import { buildNextValidatorSet, currentSetOf, findValidator, type NextValidatorSetOptions } from './buildNextValidatorSet.js';
import { validatorKey } from './validatorKey.js';
import type { ValidatorKey, ValidatorSet, VerifiedValidatorSet } from './ValidatorSet.js';

/** Options of {@link rotateValidatorKey}. */
export interface RotateValidatorKeyOptions extends NextValidatorSetOptions {
  /** The new key's suite, default `'ed25519'`; `'mldsa65-ed25519'` moves the validator to the hybrid suite. */
  alg?: ValidatorKey['alg'];
}

/**
 * The next version of a validator set with one validator's key replaced (DESIGN.md §Validator set; docs/operations.md
 * "Rotating one validator's key"). The validator keeps its id, jurisdiction and status; all its keys are replaced by
 * `newPublicKey`. The old key is not kept: once the next version is the newest, a PSA signed with it fails with
 * `PSA_UNKNOWN_SIGNER`. The result is unsigned: sign it with `signNextValidatorSet` (the current version's quorum,
 * which may include the rotating validator's old key).
 *
 * @param set the current version (`verified.set`, or the verified set itself).
 * @param validatorId the validator whose key changes; not retired.
 * @param newPublicKey its new public key (32-byte Ed25519, or 1984-byte composite with `options.alg`
 *   `'mldsa65-ed25519'`); not used anywhere in the set.
 * @param options `{ alg?, validFrom?, validUntil? }`: the key's suite and the next version's window (default: the current window).
 * @returns the unsigned next version: `version + 1`, `previous` naming `set`.
 * @throws JilError `INVALID_ARGUMENT` (`details.field`, `details.rule`: `unknown_validator`, `retired`, `key_reused`, and
 *   the rules of every next version — `window`, `liveness`, `intersection`, …).
 * @example
 * import { generateKeyPair } from '@jil/core';
 * import { rotateValidatorKey, signNextValidatorSet } from '@jil/psa';
 * const fresh = generateKeyPair(); // on the validator's own machine; only the public key travels
 * const next = rotateValidatorKey(current.set, 'val-03', fresh.publicKey);
 * const signed = signNextValidatorSet(next, quorumOfCurrent, current);
 */
export function rotateValidatorKey(
  set: ValidatorSet | VerifiedValidatorSet,
  validatorId: string,
  newPublicKey: Uint8Array,
  options: RotateValidatorKeyOptions = {},
): ValidatorSet {
  const current = currentSetOf(set);
  const target = findValidator(current, validatorId);
  const key = validatorKey(newPublicKey, options.alg ?? 'ed25519');
  if (current.validators.some((v) => v.keys.some((k) => k.keyid === key.keyid))) {
    throw new JilError('INVALID_ARGUMENT', `the new key ${key.keyid.slice(0, 16)}… is already in the set; use a fresh key`, {
      details: { field: 'newPublicKey', rule: 'key_reused' },
    });
  }
  const validators = current.validators.map((v) => (v.id === target.id ? { ...v, keys: [key] } : v));
  return buildNextValidatorSet(set, { validators }, options);
}
