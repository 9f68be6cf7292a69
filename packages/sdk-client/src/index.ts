/**
 * @jil/sdk — offline PSA verification for exchanges and custodians: no network code, no Node built-ins, no zod
 * classic (the body and validator-set schemas use zod/mini), so it bundles for browsers (docs/verify-in-browser.md).
 * `verifyPsa` needs nothing but the envelope, a pinned validator set (plus the versions published since), a clock and,
 * optionally, the PSA's transparency-log proof; `verifyValidatorSetChain` moves an exchange's pin forward
 * (docs/operations.md). The HTTP client is `@jil/sdk/client`.
 */
export {
  LOG_ENTRY_MAX_BYTES,
  PSA_CHECKS,
  PSA_PAYLOAD_TYPE,
  psaLogEntry,
  verifyPsa,
  verifyValidatorSet,
  verifyValidatorSetChain,
  type PsaBody,
  type PsaCheck,
  type PsaExpectation,
  type SignedValidatorSet,
  type TxPreimageHashAlg,
  type ValidatorSet,
  type VerifiedValidatorSet,
  type VerifyPsaFailure,
  type VerifyPsaOptions,
  type VerifyPsaResult,
  type VerifyValidatorSetChainOptions,
} from '@jil/psa/verify';
export { JilError, isJilError, ERROR_CODES, type ErrorCode, type VerificationFailure } from '@jil/core';
