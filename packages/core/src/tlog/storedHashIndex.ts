import { JilError } from '../errors/JilError.js';
import { assertCount } from './assertTlog.js';

/**
 * The position of a hash in the log's sequence of *stored hashes*: every leaf hash and every complete subtree
 * hash, written in the order a log appends them (after leaf `n`, the hashes of the subtrees it completes, lowest
 * level first). The hash of level `level`, number `n` is the root of leaves `[n·2^level, (n+1)·2^level)`.
 * Same numbering as Go's `golang.org/x/mod/sumdb/tlog.StoredHashIndex`.
 *
 * @param level - the tree level (0 = leaf hashes), 0…62.
 * @param n - the index of the hash within its level (≥ 0).
 * @returns the 0-based stored hash index (a safe integer).
 * @throws JilError `INVALID_ARGUMENT` when `level` or `n` is not a non-negative safe integer, or the index is not safe.
 * @see RFC 9162 §2.1.1 (subtree hashes); c2sp.org/tlog-tiles (hashes at levels 8·L)
 * @example
 * import { storedHashIndex } from '@jil/core/tlog';
 * storedHashIndex(0, 2); // 3  (order: L0#0, L0#1, L1#0, L0#2, …)
 */
export function storedHashIndex(level: number, n: number): number {
  assertCount(level, 'level');
  assertCount(n, 'n');
  if (level > 62) throw new JilError('INVALID_ARGUMENT', 'level must be at most 62', { details: { field: 'level' } });
  // Level L's n-th hash is written right after level L+1's (2n+1)-th hash: walk down to level 0.
  let m = n;
  for (let l = level; l > 0; l--) m = 2 * m + 1;
  // Level 0's m-th hash is written at m + m/2 + m/4 + … (integer halvings).
  let i = 0;
  for (; m > 0; m = Math.floor(m / 2)) i += m;
  const index = i + level;
  if (!Number.isSafeInteger(index)) throw new JilError('INVALID_ARGUMENT', 'stored hash index is beyond 2^53', { details: { field: 'n' } });
  return index;
}
