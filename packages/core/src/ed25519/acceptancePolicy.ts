import { hexToBytes } from '../bytes/encoding.js';

/**
 * JIL's Ed25519 acceptance policy, checked on the raw bytes before either backend runs (so `node:crypto` and
 * `@noble/ed25519` see only inputs on which they agree). A signature `R || S` under public key `A` is refused when:
 *
 * 1. `S ≥ L` (RFC 8032 §5.1.7 step 1; L = 2^252 + 27742317777372353535851937790883648493);
 * 2. `A` or `R` is a non-canonical encoding: the 255-bit `y` is `≥ p = 2^255 − 19` (RFC 8032 §5.1.3 step 1);
 * 3. `A` or `R` is one of the 8 points of small order (any sign bit, which also covers the non-canonical
 *    "x = 0 with sign bit 1" encodings of RFC 8032 §5.1.3 step 4).
 *
 * Then the backend checks the cofactorless equation `[S]B = R + [k]A` with `k = SHA-512(R || A || M) mod L`
 * over the original bytes; `A` and `R` must decode to curve points. Mixed-order points are not refused.
 */
export function meetsAcceptancePolicy(signature: Uint8Array, publicKey: Uint8Array): boolean {
  const r = signature.subarray(0, 32);
  return (
    isReducedScalar(signature.subarray(32, 64)) &&
    isCanonicalY(publicKey) &&
    isCanonicalY(r) &&
    !isSmallOrderEncoding(publicKey) &&
    !isSmallOrderEncoding(r)
  );
}

/** L, little-endian (RFC 8032 §5.1). */
const L_LE = hexToBytes('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010');

/**
 * Canonical `y` of the 8 small-order points with the sign bit cleared (RFC 7748 / libsodium blocklist):
 * y = 0 (order 4, x = ±√−1), y = 1 (identity), y = p − 1 (order 2) and the two `y` of the four points of order 8.
 * `acceptancePolicy.test.ts` rebuilds this set from the torsion subgroup with noble's point arithmetic.
 */
export const SMALL_ORDER_Y: readonly Uint8Array[] = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
].map(hexToBytes);

/** `true` when the 32-byte little-endian scalar is `< L`. */
export function isReducedScalar(s: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    if (s[i]! !== L_LE[i]!) return s[i]! < L_LE[i]!;
  }
  return false; // equal to L
}

/** `true` when the encoded `y` (bit 255 cleared) is `< p = 2^255 − 19`: p − 1 = ec ff … ff 7f little-endian. */
export function isCanonicalY(point: Uint8Array): boolean {
  if ((point[31]! & 0x7f) !== 0x7f) return true;
  for (let i = 30; i >= 1; i--) if (point[i]! !== 0xff) return true;
  return point[0]! < 0xed;
}

/** `true` when the encoding (sign bit ignored) is one of the small-order points; assumes `isCanonicalY`. */
export function isSmallOrderEncoding(point: Uint8Array): boolean {
  for (const y of SMALL_ORDER_Y) {
    let diff = (point[31]! & 0x7f) ^ y[31]!;
    for (let i = 0; i < 31; i++) diff |= point[i]! ^ y[i]!;
    if (diff === 0) return true;
  }
  return false;
}
