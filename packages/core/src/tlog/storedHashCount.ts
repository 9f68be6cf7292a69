import { assertCount } from './assertTlog.js';
import { storedHashIndex } from './storedHashIndex.js';

/**
 * How many stored hashes (see {@link storedHashIndex}) a log of `treeSize` leaves has written.
 *
 * @param treeSize - number of leaves (≥ 0).
 * @returns the count; the next leaf hash will be stored at this index.
 * @throws JilError `INVALID_ARGUMENT` when `treeSize` is not a non-negative safe integer.
 * @see Go `golang.org/x/mod/sumdb/tlog.StoredHashCount`
 * @example
 * import { storedHashCount } from '@jil/core/tlog';
 * storedHashCount(4); // 7  (4 leaves, 2 level-1 nodes, 1 level-2 node)
 */
export function storedHashCount(treeSize: number): number {
  assertCount(treeSize, 'treeSize');
  if (treeSize === 0) return 0;
  let count = storedHashIndex(0, treeSize - 1) + 1;
  // …plus the subtree hashes completed by the last leaf: one per trailing 1 bit of treeSize - 1.
  for (let i = treeSize - 1; i % 2 === 1; i = Math.floor(i / 2)) count++;
  return count;
}
