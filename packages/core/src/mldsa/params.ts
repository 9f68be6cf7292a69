/**
 * Internal: the ML-DSA-65 sizes and bounds this folder needs (FIPS 204 §4, Tables 1 and 2).
 * Lengths are in bytes; `GAMMA1`, `BETA` and `OMEGA` are the coefficient bounds of Table 1.
 */
export const ML_DSA_65 = {
  /** The secret seed ξ of ML-DSA.KeyGen (Algorithm 1). */
  seedBytes: 32,
  /** pkEncode(ρ, t1): 32 + 32 · k · 10 (Algorithm 22). */
  publicKeyBytes: 1952,
  /** sigEncode(c̃, z, h): λ/4 + ℓ · 32 · 20 + ω + k (Algorithm 26). */
  signatureBytes: 3309,
  /** The context string `ctx` of ML-DSA.Sign / ML-DSA.Verify: at most 255 bytes (Algorithms 2, 3). */
  maxContextBytes: 255,
  /** λ/4: length of the commitment hash c̃. */
  cTildeBytes: 48,
  /** Rows k and columns ℓ of the matrix A. */
  K: 6,
  L: 5,
  /** γ1 = 2^19: range of the mask y; z is packed as γ1 − z in 20 bits. */
  GAMMA1: 2 ** 19,
  /** β = τ · η = 49 · 4. */
  BETA: 196,
  /** ω: the maximum number of 1s in the hint h. */
  OMEGA: 55,
} as const;
