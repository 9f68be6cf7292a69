/**
 * `@jil/psa/verify` — offline verification only: PSA envelopes and validator sets. Runs in a browser;
 * pulls in no ingest, no stages, no network code.
 */
export {
  PSA_CHECKS,
  verifyPsa,
  type PsaCheck,
  type PsaExpectation,
  type VerifyPsaFailure,
  type VerifyPsaOptions,
  type VerifyPsaResult,
} from './psa/verifyPsa.js';
export { PSA_PAYLOAD_TYPE, PsaBodySchema, TX_PREIMAGE_HASH_ALGS, type PsaBody, type TxPreimageHashAlg } from './psa/PsaBody.js';
export { LOG_ENTRY_MAX_BYTES, psaDigestEntry, psaLogEntry } from './psa/psaLogEntry.js';
export { verifyQuorum, type QuorumSigner, type VerifyQuorumResult } from './quorum/verifyQuorum.js';
export { verifyValidatorSet, type VerifyValidatorSetOptions } from './validators/verifyValidatorSet.js';
export { verifyValidatorSetChain, type VerifyValidatorSetChainOptions } from './validators/verifyValidatorSetChain.js';
export { isVerifiedValidatorSet } from './validators/isVerifiedValidatorSet.js';
export {
  VALIDATOR_SET_PAYLOAD_TYPE,
  ValidatorSetSchema,
  type SignedValidatorSet,
  type Validator,
  type ValidatorKey,
  type ValidatorSet,
  type VerifiedValidatorSet,
} from './validators/ValidatorSet.js';
export { WITNESS_NAME_PREFIX, witnessName, witnessVerifierKeys } from './witness/witnessKeys.js';
