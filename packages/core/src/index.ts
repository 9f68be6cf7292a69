/**
 * @jil/core — canonical bytes (RFC 8785), DSSE envelopes, Ed25519 (RFC 8032), ML-DSA-65 (FIPS 204), composite
 * ML-DSA-65 + Ed25519 (draft-ietf-lamps-pq-composite-sigs-19), HMAC request auth, Ed25519 peer request auth, UUIDv7,
 * errors.
 * Depends only on the @noble family; every export runs offline and in a browser.
 * The export names are locked by `index.test.ts`.
 */
export { ERROR_CODES, isErrorCode, type ErrorCode } from './errors/codes.js';
export { JilError, isJilError, type FieldIssue, type JilErrorOptions } from './errors/JilError.js';
export { HTTP_STATUS_BY_CODE } from './errors/httpStatus.js';
export {
  base64Decode,
  base64Encode,
  bytesToHex,
  bytesToUtf8,
  constantTimeEqual,
  hexToBytes,
  sha256Bytes,
  sha256Hex,
  utf8ToBytes,
} from './bytes/encoding.js';
export { canonicalBytes, canonicalize, type CanonicalizeOptions } from './canonical/canonicalize.js';
export { parseJson } from './canonical/parseJson.js';
export { pae } from './dsse/pae.js';
export type { DsseEnvelope, DsseSignature } from './dsse/DsseEnvelope.js';
export { assertDsseEnvelope, isDsseEnvelope } from './dsse/assertDsseEnvelope.js';
export { signDsse, type DsseSigner } from './dsse/signDsse.js';
export {
  DSSE_LIMITS,
  openDsse,
  type DsseCheck,
  type DsseFailure,
  type OpenDsseOptions,
  type OpenedDsse,
} from './dsse/openDsse.js';
export {
  verifyDsseSignatures,
  type DsseSignatureFault,
  type DsseSignaturePolicy,
  type DsseVerificationKey,
} from './dsse/verifyDsseSignatures.js';
export type { VerificationFailure, VerificationResult } from './verify/VerificationResult.js';
export { availableEd25519Backends, type Ed25519Backend } from './ed25519/backends.js';
export { generateKeyPair, type Ed25519KeyPair } from './ed25519/generateKeyPair.js';
export { getPublicKey } from './ed25519/getPublicKey.js';
export { keyId } from './ed25519/keyId.js';
export { sign } from './ed25519/sign.js';
export { createSigner, type Ed25519Signer } from './ed25519/createSigner.js';
export { verify, verifyWith } from './ed25519/verify.js';
export { availableMlDsaBackends, type MlDsaBackend } from './mldsa/backends.js';
export { mlDsa65CreateSigner, type MlDsa65Signer } from './mldsa/createSigner.js';
export { mlDsa65GenerateKeyPair, type MlDsa65KeyPair } from './mldsa/generateKeyPair.js';
export { mlDsa65GetPublicKey } from './mldsa/getPublicKey.js';
export { mlDsa65KeyId } from './mldsa/keyId.js';
export type { MlDsa65Options } from './mldsa/MlDsa65Options.js';
export { mlDsa65Sign } from './mldsa/sign.js';
export { mlDsa65Verify, mlDsa65VerifyWith } from './mldsa/verify.js';
export { COMPOSITE_MLDSA65_ED25519 } from './composite/params.js';
export { availableCompositeBackends, type CompositeBackend } from './composite/backends.js';
export { compositeCreateSigner, type CompositeSigner } from './composite/createSigner.js';
export { compositeGenerateKeyPair, type CompositeKeyPair } from './composite/generateKeyPair.js';
export { compositeGetPublicKey } from './composite/getPublicKey.js';
export { compositeKeyId } from './composite/keyId.js';
export type { CompositeOptions } from './composite/CompositeOptions.js';
export { compositeSign } from './composite/sign.js';
export { compositeVerify, compositeVerifyWith } from './composite/verify.js';
export { hmacSha256 } from './hmac/hmacSha256.js';
export { JIL_AUTH_HEADERS, type JilAuthHeaders } from './hmac/authHeaders.js';
export { canonicalRequest, type CanonicalRequestParameters } from './hmac/canonicalRequest.js';
export { signRequest, type SignRequestParameters } from './hmac/signRequest.js';
export {
  verifyRequest,
  type VerifyRequestInput,
  type VerifyRequestOptions,
  type VerifyRequestResult,
} from './hmac/verifyRequest.js';
export type { NonceStore } from './hmac/NonceStore.js';
export { MemoryNonceStore, type MemoryNonceStoreOptions } from './hmac/MemoryNonceStore.js';
export { isUuidV7, uuidv7 } from './id/uuidv7.js';
export { PEER_AUTH_HEADERS, type PeerProtocol } from './peer/PeerProtocol.js';
export { peerRequestMessage, peerResponseMessage, type PeerRequestFields } from './peer/peerMessages.js';
export { signPeerRequest, type SignPeerRequestParameters } from './peer/signPeerRequest.js';
export { verifyPeerRequest, type VerifyPeerRequestInput, type VerifyPeerRequestOptions } from './peer/verifyPeerRequest.js';
export { signPeerResponse } from './peer/signPeerResponse.js';
export { verifyPeerResponse } from './peer/verifyPeerResponse.js';
