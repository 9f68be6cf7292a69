import { JilError } from '../errors/JilError.js';
import { HASH_SIZE } from './assertTlog.js';

/**
 * Reads stored hashes by their stored hash index (see `storedHashIndex`): the hashes of leaves (level 0) and of
 * complete subtrees (level ≥ 1) of a log. Must return exactly one 32-byte hash per index, in the same order.
 * May be synchronous (an array in memory) or asynchronous (a database, HTTP tiles: see `tileHashReader`).
 * The provers batch all the indexes they need into one call, so one proof is one round trip.
 * Same contract as Go's `golang.org/x/mod/sumdb/tlog.HashReader`.
 *
 * @example
 * import type { HashReader } from '@jil/core/tlog';
 * const stored: Uint8Array[] = []; // filled with storedHashes(...) as leaves are appended
 * const reader: HashReader = (indexes) => indexes.map((i) => stored[i]!);
 */
export type HashReader = (indexes: readonly number[]) => readonly Uint8Array[] | Promise<readonly Uint8Array[]>;

/** Internal: call `reader` and check its answer (count and hash sizes); `INVALID_ARGUMENT` on a broken reader. */
export async function readHashes(reader: HashReader, indexes: readonly number[]): Promise<readonly Uint8Array[]> {
  if (typeof reader !== 'function') {
    throw new JilError('INVALID_ARGUMENT', 'reader must be a HashReader function', { details: { field: 'reader' } });
  }
  if (indexes.length === 0) return [];
  const hashes = await reader(indexes);
  if (!Array.isArray(hashes) || hashes.length !== indexes.length) {
    throw new JilError('INVALID_ARGUMENT', 'hash reader returned the wrong number of hashes', {
      details: { field: 'reader', expected: indexes.length, received: Array.isArray(hashes) ? hashes.length : typeof hashes },
    });
  }
  hashes.forEach((h: unknown, i) => {
    if (!(h instanceof Uint8Array) || h.length !== HASH_SIZE) {
      throw new JilError('INVALID_ARGUMENT', 'hash reader returned a value that is not a 32-byte hash', {
        details: { field: 'reader', index: indexes[i] },
      });
    }
  });
  return hashes;
}
