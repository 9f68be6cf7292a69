/**
 * The identifiers and sizes of the composite signature id-MLDSA65-Ed25519-SHA512 (ML-DSA-65 + Ed25519, pre-hash
 * SHA-512) as specified in draft-ietf-lamps-pq-composite-sigs-19: OID and Label from §6 (Algorithm Identifiers
 * and Parameters), Prefix from §2.2, sizes from §4 and Appendix A. Lengths are in bytes; every size is exact (both
 * components have fixed-length encodings).
 *
 * @see draft-ietf-lamps-pq-composite-sigs-19 §2.2, §4, §6, Appendix A
 * @example
 * import { COMPOSITE_MLDSA65_ED25519 } from '@jil/core';
 * COMPOSITE_MLDSA65_ED25519.signatureBytes; // 3373 = 3309 (ML-DSA-65) + 64 (Ed25519)
 */
export const COMPOSITE_MLDSA65_ED25519 = Object.freeze({
  /** The algorithm name of the draft (§6). */
  algorithm: 'id-MLDSA65-Ed25519-SHA512',
  /** Its object identifier (§6; IANA, SMI Security for PKIX Algorithms). */
  oid: '1.3.6.1.5.5.7.6.48',
  /** The ASCII signature Label (§6): bound into M' and used as the ML-DSA context string. */
  label: 'COMPSIG-MLDSA65-Ed25519-SHA512',
  /** The ASCII Prefix that starts every M' (§2.2). */
  prefix: 'CompositeAlgorithmSignatures2025',
  /** Composite public key `mldsaPK (1952) ‖ Ed25519 A (32)` (§4.1). */
  publicKeyBytes: 1984,
  /** Composite secret key `ML-DSA seed ξ (32) ‖ Ed25519 secret seed (32)` (§4.2). */
  secretKeyBytes: 64,
  /** Composite signature `mldsaSig (3309) ‖ Ed25519 R ‖ S (64)` (§4.3). */
  signatureBytes: 3373,
  /** The application context `ctx`: 0–255 bytes, its length encoded in one byte of M' (§2.2, §3.2 step 1). */
  maxContextBytes: 255,
  /** Length of PH(M) = SHA-512(M) (§2.1, §6). */
  preHashBytes: 64,
} as const);

/** Internal: the component sizes of the split (§4.1–§4.3; FIPS 204 Table 2, RFC 8032 §5.1). */
export const COMPONENT = {
  mlDsaPublicKeyBytes: 1952,
  mlDsaSeedBytes: 32,
  mlDsaSignatureBytes: 3309,
  ed25519PublicKeyBytes: 32,
  ed25519SecretKeyBytes: 32,
  ed25519SignatureBytes: 64,
} as const;
