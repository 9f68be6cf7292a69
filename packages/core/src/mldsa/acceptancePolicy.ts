import { ML_DSA_65 } from './params.js';

/**
 * JIL's ML-DSA-65 acceptance policy on the raw signature bytes, checked before either backend runs, so that the
 * answer on a malformed encoding never depends on the library (or the OpenSSL version) behind it.
 * `σ = c̃ (48 bytes) ‖ BitPack(z) (5 × 640 bytes) ‖ HintBitPack(h) (ω + k = 61 bytes)` (FIPS 204 Algorithm 26)
 * is refused when:
 *
 * 1. the hint is not a valid HintBitPack output: FIPS 204 Algorithm 21 (HintBitUnpack) returns ⊥ — a running
 *    count `y[ω + i]` that decreases or exceeds ω, indices of one polynomial not strictly increasing, or a non-zero
 *    byte after the last index. Each of these byte strings could otherwise stand for the same `h` as a valid one;
 * 2. a coefficient of `z` has `|z| ≥ γ1 − β` (the norm check of Algorithm 8, ML-DSA.Verify_internal; γ1 = 2^19, β = 196).
 *
 * Both checks are also inside ML-DSA.Verify of both backends (as observed on the Wycheproof ML-DSA-65 cases and
 * the README table); doing them here pins the outcome. The public key needs no check: pkDecode (Algorithm 23)
 * accepts every 1952-byte string, its 10-bit t1 coefficients cannot be out of range.
 */
export function meetsMlDsa65AcceptancePolicy(signature: Uint8Array): boolean {
  return isHintEncodingValid(signature) && isZWithinBound(signature);
}

const Z_OFFSET = ML_DSA_65.cTildeBytes;
const HINT_OFFSET = ML_DSA_65.cTildeBytes + ML_DSA_65.L * 640;

/** FIPS 204 Algorithm 21 (HintBitUnpack) on the last ω + k bytes of `signature`: `true` unless it returns ⊥. */
export function isHintEncodingValid(signature: Uint8Array): boolean {
  const { OMEGA, K } = ML_DSA_65;
  const y = signature.subarray(HINT_OFFSET, HINT_OFFSET + OMEGA + K);
  let index = 0;
  for (let i = 0; i < K; i++) {
    const end = y[OMEGA + i]!;
    if (end < index || end > OMEGA) return false;
    const first = index;
    while (index < end) {
      if (index > first && y[index - 1]! >= y[index]!) return false;
      index++;
    }
  }
  for (let i = index; i < OMEGA; i++) if (y[i] !== 0) return false;
  return true;
}

/**
 * `true` when every coefficient of `z` has `|z| < γ1 − β`. BitPack(z, γ1 − 1, γ1) (Algorithm 17; BitUnpack is Algorithm 19) stores
 * `v = γ1 − z` in 20 bits, least significant bit first, two coefficients per 5 bytes; the bound is `β < v < 2γ1 − β`.
 */
export function isZWithinBound(signature: Uint8Array): boolean {
  const { GAMMA1, BETA } = ML_DSA_65;
  const low = BETA;
  const high = 2 * GAMMA1 - BETA;
  for (let o = Z_OFFSET; o < HINT_OFFSET; o += 5) {
    const b2 = signature[o + 2]!;
    const v0 = signature[o]! | (signature[o + 1]! << 8) | ((b2 & 0x0f) << 16);
    const v1 = (b2 >> 4) | (signature[o + 3]! << 4) | (signature[o + 4]! << 12);
    if (v0 <= low || v0 >= high || v1 <= low || v1 >= high) return false;
  }
  return true;
}
