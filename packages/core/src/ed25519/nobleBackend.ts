import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes } from '@noble/hashes/utils.js';

/**
 * The `@noble/ed25519` backend (pure JS, runs in browsers). Callers must run the acceptance policy first
 * (`verify.ts`) and validate lengths.
 */

/** noble's sync API needs a SHA-512; set it (to @noble/hashes) on first use, as noble's README prescribes. */
function useSyncSha512(): void {
  if (ed.hashes.sha512 === undefined) ed.hashes.sha512 = sha512;
}

const { n: L } = ed.Point.CURVE();

function littleEndianToBigint(bytes: Uint8Array): bigint {
  return BigInt(`0x${bytesToHex(Uint8Array.from(bytes).reverse()) || '0'}`);
}

/**
 * Cofactorless RFC 8032 §5.1.7 check `[S]B = R + [k]A`, the same equation OpenSSL evaluates. noble's own
 * `verify` multiplies by the cofactor (`[8][S]B = [8]R + [8][k]A`), which accepts more mixed-order inputs than
 * OpenSSL, so it is not used here; noble's point decoding (strict, `zip215 = false`) and arithmetic are.
 */
export function nobleVerify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    const rBytes = signature.subarray(0, 32);
    const A = ed.Point.fromBytes(publicKey, false);
    const R = ed.Point.fromBytes(rBytes, false);
    const S = littleEndianToBigint(signature.subarray(32, 64));
    if (S >= L) return false;
    const k = littleEndianToBigint(sha512(concatBytes(rBytes, publicKey, message))) % L;
    const SB = ed.Point.BASE.multiply(S, false); // public inputs: variable time is fine
    return SB.equals(R.add(A.multiply(k, false)));
  } catch {
    return false;
  }
}

/** RFC 8032 §5.1.6 signature by noble. */
export function nobleSign(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  useSyncSha512();
  return ed.sign(message, secretKey);
}

/** RFC 8032 §5.1.5 public key by noble. */
export function nobleGetPublicKey(secretKey: Uint8Array): Uint8Array {
  useSyncSha512();
  return ed.getPublicKey(secretKey);
}
