import { assertCount, assertHash } from './assertTlog.js';
import { readHashes, type HashReader } from './HashReader.js';
import { hashChildren } from './nodeHash.js';
import { storedHashIndex } from './storedHashIndex.js';

/**
 * The hashes a log stores when it appends leaf number `index`: the leaf hash itself, then the hash of every subtree
 * that leaf completes (one per trailing 1 bit of `index`), to be written at stored indexes
 * `storedHashCount(index)`, `storedHashCount(index) + 1`, …. Reads the left siblings it needs in one batch.
 *
 * @param index - the new leaf's index (= tree size before the append).
 * @param leafHash - its 32-byte leaf hash (`leafHash(entry)`).
 * @param reader - reads the hashes already stored for leaves `[0, index)`.
 * @returns `1 + trailingOnes(index)` hashes, in storage order.
 * @throws JilError `INVALID_ARGUMENT` for bad arguments or a reader that breaks its contract; whatever `reader` throws.
 * @see Go `golang.org/x/mod/sumdb/tlog.StoredHashesForRecordHash`; RFC 9162 §2.1.1
 * @example
 * import { leafHash, storedHashes, utf8ToBytes } from '@jil/core/tlog';
 * const stored: Uint8Array[] = [];
 * for (const [i, e] of ['a', 'b', 'c'].entries()) stored.push(...(await storedHashes(i, leafHash(utf8ToBytes(e)),
 *   (x) => x.map((j) => stored[j]!))));
 */
export async function storedHashes(index: number, leafHash: Uint8Array, reader: HashReader): Promise<Uint8Array[]> {
  assertCount(index, 'index');
  assertHash(leafHash, 'leafHash');
  // Each trailing 1 bit of `index` completes a subtree, whose left half is already stored.
  let completed = 0;
  for (let m = index; m % 2 === 1; m = Math.floor(m / 2)) completed++;
  const indexes: number[] = [];
  for (let level = 0; level < completed; level++) {
    indexes.unshift(storedHashIndex(level, Math.floor(index / 2 ** level) - 1)); // ascending order
  }
  const left = await readHashes(reader, indexes);
  let h: Uint8Array = leafHash.slice();
  const out = [h];
  for (let level = 0; level < completed; level++) {
    h = hashChildren(left[completed - 1 - level]!, h);
    out.push(h);
  }
  return out;
}
