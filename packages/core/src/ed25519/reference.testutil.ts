import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes } from '@noble/hashes/utils.js';

/**
 * Test-only reference model of the JIL policy, written with noble's point API instead of the byte tables of
 * acceptancePolicy.ts: strict decoding (`y < p`, no x = 0 with sign bit), `isSmallOrder()` on A and R,
 * `S < L`, then the cofactorless equation.
 */
export function referenceVerify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  const { n: L } = ed.Point.CURVE();
  const le = (b: Uint8Array): bigint => BigInt(`0x${bytesToHex(Uint8Array.from(b).reverse())}`);
  const r = signature.subarray(0, 32);
  const S = le(signature.subarray(32));
  if (S >= L) return false;
  let A: ed.Point;
  let R: ed.Point;
  try {
    A = ed.Point.fromBytes(publicKey, false);
    R = ed.Point.fromBytes(r, false);
  } catch {
    return false;
  }
  if (A.isSmallOrder() || R.isSmallOrder()) return false;
  const k = le(sha512(concatBytes(r, publicKey, message))) % L;
  const left = S === 0n ? ed.Point.ZERO : ed.Point.BASE.multiply(S, false);
  const right = k === 0n ? R : R.add(A.multiply(k, false));
  return left.equals(right);
}
