import { signDsse, type DsseSigner } from '@jil/core';
import { VALIDATOR_SET_PAYLOAD_TYPE, type SignedValidatorSet, type ValidatorSet } from './ValidatorSet.js';

/**
 * Sign a validator set document as a DSSE envelope, with no checks: a genesis set is signed by at least the threshold
 * of its own validators; a next version (`set.previous` present) by the previous version's quorum — prefer
 * `signNextValidatorSet`, which checks the result as a chain link.
 *
 * @param set the document (`validatorSetFor` for a genesis set).
 * @param signers Ed25519 signers whose keyid is `keyId(publicKey)`.
 * @returns the DSSE envelope (payload type `application/vnd.jil.validator-set.v1+json`).
 * @throws JilError `CANONICAL_*` when `set` is not I-JSON.
 * @example
 * import { generateEmbeddedValidators, signValidatorSet, validatorSetFor } from '@jil/psa';
 * const validators = generateEmbeddedValidators(20);
 * const genesis = signValidatorSet(validatorSetFor({ validators, setId: 'jil-main', validFrom, validUntil }), validators);
 */
export function signValidatorSet(set: ValidatorSet, signers: readonly DsseSigner[]): SignedValidatorSet {
  return signDsse(VALIDATOR_SET_PAYLOAD_TYPE, set, signers);
}
