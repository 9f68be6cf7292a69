import { base64Decode, JilError } from '@jil/core';
import { isVerifiedValidatorSet } from '../validators/isVerifiedValidatorSet.js';
import { formatVerifierKey, parseVerifierKey, type NoteVerifierKey } from '@jil/core/tlog';
import type { VerifiedValidatorSet } from '../validators/ValidatorSet.js';

/** Prefix of a validator's witness name: `jil-validator/<validator id>`. */
export const WITNESS_NAME_PREFIX = 'jil-validator/';

/**
 * The witness name of a validator in cosignature lines (c2sp.org/tlog-cosignature): `jil-validator/<id>`, or
 * `undefined` when the id cannot be a signed-note key name (white space or `+`).
 */
export function witnessName(validatorId: string): string | undefined {
  return typeof validatorId === 'string' && /^[^\s+]+$/u.test(validatorId) ? `${WITNESS_NAME_PREFIX}${validatorId}` : undefined;
}

/**
 * The cosignature/v1 verifier keys of the validator set's active validators: the validators are the log's witnesses,
 * each cosigning with its Ed25519 validator key under the name `jil-validator/<id>` (docs/transparency-log.md).
 * A checkpoint is witnessed when it carries cosignatures from at least `set.threshold` of these keys.
 *
 * @param set - A verified validator set (`verifyValidatorSet`).
 * @returns one key per active validator with a usable id and an Ed25519 key, in set order (validators whose key is
 *   `mldsa65-ed25519` are left out: cosignature/v1 has no composite type).
 * @throws JilError `INVALID_ARGUMENT` (field `set`) for anything that is not a verified validator set.
 * @see c2sp.org/tlog-cosignature §Format (signature type 0x04)
 * @example
 * import { witnessVerifierKeys } from '@jil/psa/verify';
 * const keys = witnessVerifierKeys(verifyValidatorSet(pinned, { now: new Date() }));
 */
export function witnessVerifierKeys(set: VerifiedValidatorSet): NoteVerifierKey[] {
  if (!isVerifiedValidatorSet(set))
    throw new JilError('INVALID_ARGUMENT', 'set must be a verified validator set (verifyValidatorSet)', { details: { field: 'set' } });
  const keys: NoteVerifierKey[] = [];
  for (const validator of set.set.validators) {
    const name = witnessName(validator.id);
    // cosignature/v1 is Ed25519 only: a validator with a composite (hybrid) key does not witness (yet)
    const key = validator.keys.find((k) => k.alg === 'ed25519');
    if (validator.status !== 'active' || name === undefined || key === undefined) continue;
    keys.push(parseVerifierKey(formatVerifierKey({ name, publicKey: base64Decode(key.public_key), type: 'cosignature/v1' })));
  }
  return keys;
}
