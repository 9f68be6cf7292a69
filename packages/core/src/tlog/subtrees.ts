/**
 * Internal: the subtree arithmetic shared by `treeHash`, `proveInclusion` and `proveConsistency` (after Go's
 * `golang.org/x/mod/sumdb/tlog`). Plan functions list the stored hash indexes a computation needs; hash functions
 * consume those hashes in the same order. Sizes are safe integers, so no 32-bit bit operations are used.
 */
import { hashChildren } from './nodeHash.js';
import { storedHashIndex } from './storedHashIndex.js';

/** The largest power of two `k < n` (n ≥ 2) and its log2: RFC 9162's split point. */
export function splitPoint(n: number): { k: number; level: number } {
  let k = 1;
  let level = 0;
  while (k * 2 < n) {
    k *= 2;
    level++;
  }
  return { k, level };
}

/** Stored indexes of the maximal complete subtrees covering `[lo, hi)`, left to right (lo aligned). */
export function subTreeIndex(lo: number, hi: number, need: number[]): number[] {
  while (lo < hi) {
    const { k, level } = splitPoint(hi - lo + 1); // largest power of two ≤ hi − lo
    need.push(storedHashIndex(level, lo / k));
    lo += k;
  }
  return need;
}

/** MTH(D[lo:hi]) from the hashes listed by {@link subTreeIndex}; returns the hash and the unconsumed rest. */
export function subTreeHash(lo: number, hi: number, hashes: readonly Uint8Array[]): [Uint8Array, readonly Uint8Array[]] {
  let count = 0;
  while (lo < hi) {
    lo += splitPoint(hi - lo + 1).k;
    count++;
  }
  let h = hashes[count - 1]!;
  for (let i = count - 2; i >= 0; i--) h = hashChildren(hashes[i]!, h);
  return [h, hashes.slice(count)];
}
