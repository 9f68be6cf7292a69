/**
 * @jil/sdk — what custodians and exchanges import: the HTTP client and offline PSA verification.
 * `verifyPsa` needs nothing but the envelope, a pinned validator set (plus the versions published since) and a clock;
 * `verifyValidatorSetChain` moves an exchange's pin forward (docs/operations.md).
 */
export { JilClient, type JilClientOptions, type StoredPsaResponse, type ValidateResponse, type VerifyResponse } from './JilClient.js';
export {
  PSA_CHECKS,
  PSA_PAYLOAD_TYPE,
  verifyPsa,
  verifyValidatorSet,
  verifyValidatorSetChain,
  type PsaBody,
  type PsaCheck,
  type PsaExpectation,
  type SignedValidatorSet,
  type ValidatorSet,
  type VerifiedValidatorSet,
  type VerifyPsaOptions,
  type VerifyPsaResult,
  type VerifyValidatorSetChainOptions,
} from '@jil/psa';
export { JilError, isJilError, ERROR_CODES, type ErrorCode } from '@jil/core';
