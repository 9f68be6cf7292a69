/**
 * @jil/sdk — what custodians and exchanges import: the HTTP client and offline PSA verification.
 * `verifyPsa` needs nothing but the envelope, a pinned validator set and a clock.
 */
export { JilClient, type JilClientOptions, type StoredPsaResponse, type ValidateResponse, type VerifyResponse } from './JilClient.js';
export {
  PSA_CHECKS,
  PSA_PAYLOAD_TYPE,
  verifyPsa,
  verifyValidatorSet,
  type PsaBody,
  type PsaCheck,
  type PsaExpectation,
  type SignedValidatorSet,
  type ValidatorSet,
  type VerifiedValidatorSet,
  type VerifyPsaOptions,
  type VerifyPsaResult,
} from '@jil/psa';
export { JilError, isJilError, ERROR_CODES, type ErrorCode } from '@jil/core';
