import { signDsse, type DsseSigner } from '../quorum/signDsse.js';
import { VALIDATOR_SET_PAYLOAD_TYPE, type SignedValidatorSet, type ValidatorSet } from './ValidatorSet.js';

/**
 * Sign a validator set document. A genesis set is signed by a quorum of its own validators; a rotation
 * (`set.previous` present) must be signed by a quorum of the previous set.
 */
export function signValidatorSet(set: ValidatorSet, signers: readonly DsseSigner[]): SignedValidatorSet {
  return signDsse(VALIDATOR_SET_PAYLOAD_TYPE, set, signers);
}
