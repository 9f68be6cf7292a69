/**
 * Test-only reference model of the ML-DSA-65 signature pre-check, written as a literal transcription of FIPS 204
 * (bit-by-bit BitUnpack, Algorithm 21 with its own variable names) instead of the byte arithmetic of
 * acceptancePolicy.ts, plus helpers that build malformed signatures.
 */
export const K = 6;
export const L = 5;
export const OMEGA = 55;
export const GAMMA1 = 2 ** 19;
export const BETA = 196;
export const Z_OFFSET = 48;
export const HINT_OFFSET = 48 + L * 640;

/** Algorithm 21 HintBitUnpack(y): the k × 256 hint, or `null` for ⊥. */
export function referenceHintBitUnpack(y: Uint8Array): number[][] | null {
  const h = Array.from({ length: K }, () => new Array<number>(256).fill(0));
  let Index = 0;
  for (let i = 0; i < K; i++) {
    if (y[OMEGA + i]! < Index || y[OMEGA + i]! > OMEGA) return null;
    const First = Index;
    while (Index < y[OMEGA + i]!) {
      if (Index > First && y[Index - 1]! >= y[Index]!) return null;
      h[i]![y[Index]!] = 1;
      Index = Index + 1;
    }
  }
  for (let i = Index; i < OMEGA; i++) if (y[i] !== 0) return null;
  return h;
}

/** Algorithm 19 BitUnpack(v, γ1 − 1, γ1) for the ℓ polynomials of z: 1280 integers in [−γ1 + 1, γ1]. */
export function referenceZ(signature: Uint8Array): number[] {
  const bit = (i: number): number => (signature[Z_OFFSET + (i >> 3)]! >> (i & 7)) & 1;
  const z: number[] = [];
  for (let c = 0; c < L * 256; c++) {
    let v = 0;
    for (let j = 0; j < 20; j++) v += bit(20 * c + j) * 2 ** j;
    z.push(GAMMA1 - v);
  }
  return z;
}

/** The reference answer of the pre-check: HintBitUnpack ≠ ⊥ and ‖z‖∞ < γ1 − β. */
export function referencePreCheck(signature: Uint8Array): boolean {
  return (
    referenceHintBitUnpack(signature.subarray(HINT_OFFSET)) !== null && referenceZ(signature).every((z) => Math.abs(z) < GAMMA1 - BETA)
  );
}

/** A copy of `signature` whose z coefficient number `index` (0 … 1279) is `z` (|z| ≤ 2^19). */
export function withZ(signature: Uint8Array, index: number, z: number): Uint8Array {
  const out = Uint8Array.from(signature);
  const v = GAMMA1 - z;
  for (let j = 0; j < 20; j++) {
    const i = 20 * index + j;
    const byte = Z_OFFSET + (i >> 3);
    out[byte] = (out[byte]! & ~(1 << (i & 7))) | (((v >> j) & 1) << (i & 7));
  }
  return out;
}

/** A copy of `signature` with its hint bytes (ω + k) changed by `edit`. */
export function withHint(signature: Uint8Array, edit: (y: Uint8Array) => void): Uint8Array {
  const out = Uint8Array.from(signature);
  edit(out.subarray(HINT_OFFSET));
  return out;
}

/** HintBitPack (Algorithm 20) of a k × 256 hint with at most ω ones. */
export function referenceHintBitPack(h: readonly (readonly number[])[]): Uint8Array {
  const y = new Uint8Array(OMEGA + K);
  let Index = 0;
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < 256; j++) {
      if (h[i]![j] !== 0) {
        y[Index] = j;
        Index = Index + 1;
      }
    }
    y[OMEGA + i] = Index;
  }
  return y;
}
