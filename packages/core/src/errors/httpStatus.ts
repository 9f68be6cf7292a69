import type { ErrorCode } from './codes.js';

/**
 * The HTTP status a service shell answers for each error code; `null` for codes that only occur on the client side
 * (`CLIENT_*`, raised by the SDK about its own request). `docs/errors.md` documents the same mapping with the
 * meaning of each code and what to do; `errors.test.ts` keeps the two in step.
 *
 * Groups: input and validation 400; authentication 401 (`AUTH_REPLAYED_NONCE` too: sign again with a fresh nonce);
 * authorization 403; not found 404; size 413; media type 415; PSA verification 422; server faults 500;
 * temporarily unavailable (quorum, stage deadline) 503.
 *
 * @see docs/errors.md; RFC 9110 §15 (status codes)
 * @example
 * import { HTTP_STATUS_BY_CODE, isJilError } from '@jil/core';
 * const status = isJilError(error) ? (HTTP_STATUS_BY_CODE[error.code] ?? 500) : 500;
 */
export const HTTP_STATUS_BY_CODE: Readonly<Record<ErrorCode, number | null>> = Object.freeze({
  INVALID_ARGUMENT: 400,
  INTERNAL: 500,
  CONFIG_INVALID: 500,
  NOT_FOUND: 404,
  CANONICAL_NON_FINITE_NUMBER: 400,
  CANONICAL_UNSAFE_INTEGER: 400,
  CANONICAL_UNSUPPORTED_TYPE: 400,
  CANONICAL_LONE_SURROGATE: 400,
  CANONICAL_NOT_PLAIN_OBJECT: 400,
  CANONICAL_CYCLE: 400,
  JSON_PARSE_ERROR: 400,
  JSON_DUPLICATE_KEY: 400,
  DSSE_MALFORMED: 400,
  KEY_INVALID: 400,
  AUTH_MISSING_HEADER: 401,
  AUTH_MALFORMED_HEADER: 401,
  AUTH_UNKNOWN_KEY: 401,
  AUTH_BAD_SIGNATURE: 401,
  AUTH_STALE_TIMESTAMP: 401,
  AUTH_REPLAYED_NONCE: 401,
  AUTH_FORBIDDEN: 403,
  REQUEST_MALFORMED_JSON: 400,
  REQUEST_TOO_LARGE: 413,
  REQUEST_UNSUPPORTED_MEDIA_TYPE: 415,
  REQUEST_VALIDATION_FAILED: 400,
  DATASET_NOT_FOUND: 500,
  DATASET_PARSE_ERROR: 500,
  STAGE_TIMEOUT: 503,
  STAGE_ERROR: 500,
  QUORUM_NOT_MET: 503,
  PSA_ENVELOPE_MALFORMED: 422,
  PSA_PAYLOAD_TYPE: 422,
  PSA_NOT_CANONICAL: 422,
  PSA_BODY_INVALID: 422,
  PSA_VALIDATOR_SET_INVALID: 422,
  PSA_VALIDATOR_SET_MISMATCH: 422,
  PSA_UNKNOWN_SIGNER: 422,
  PSA_INACTIVE_SIGNER: 422,
  PSA_DUPLICATE_SIGNER: 422,
  PSA_BAD_SIGNATURE: 422,
  PSA_THRESHOLD_NOT_MET: 422,
  PSA_JURISDICTIONS_NOT_MET: 422,
  PSA_NOT_YET_VALID: 422,
  PSA_EXPIRED: 422,
  PSA_TRANSFER_MISMATCH: 422,
  PSA_PREIMAGE_MISMATCH: 422,
  PSA_DOMAIN_MISMATCH: 422,
  PSA_CONSUMED: 422,
  STORAGE_ERROR: 500,
  CLIENT_TIMEOUT: null,
  CLIENT_NETWORK: null,
  CLIENT_HTTP: null,
  FROST_INVALID_ENCODING: 400,
  FROST_PROTOCOL_ERROR: 400,
  FROST_INVALID_SHARE: 422,
  FROST_INVALID_KEY_SHARE: 422,
  FROST_NONCE_REUSE: 409,
  KEYSTORE_DECRYPT_FAILED: 500,
  TIER1_VERDICT_NOT_PASS: 422,
});
