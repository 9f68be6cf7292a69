import { assertCount } from './assertTlog.js';
import { storedHashIndex } from './storedHashIndex.js';

/**
 * The inverse of {@link storedHashIndex}: which hash (level and number within the level) a stored index holds.
 *
 * @param index - a stored hash index (≥ 0).
 * @returns `{ level, n }` with `storedHashIndex(level, n) === index`.
 * @throws JilError `INVALID_ARGUMENT` when `index` is not a non-negative safe integer.
 * @see Go `golang.org/x/mod/sumdb/tlog.SplitStoredHashIndex` (same numbering)
 * @example
 * import { splitStoredHashIndex } from '@jil/core/tlog';
 * splitStoredHashIndex(2); // { level: 1, n: 0 }
 */
export function splitStoredHashIndex(index: number): { level: number; n: number } {
  assertCount(index, 'index');
  // storedHashIndex(0, n) < 2n, so the leaf written last before `index` is in [index/2, index/2 + log2(index)].
  let n = Math.floor(index / 2);
  let indexN = storedHashIndex(0, n);
  for (;;) {
    // Leaf n+1 is written after leaf n and the 1 + trailingZeros(n+1) - 1 subtree hashes leaf n completes.
    let x = indexN + 1;
    for (let k = n + 1; k % 2 === 0; k /= 2) x++;
    if (x > index) break;
    n++;
    indexN = x;
  }
  const level = index - indexN;
  return { level, n: Math.floor(n / 2 ** level) };
}
