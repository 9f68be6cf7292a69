/**
 * Test helpers for the transparency log: an in-memory log of stored hashes built with `storedHashes`, and an
 * independent naive recursive MTH / PATH / PROOF straight from the RFC 9162 §2.1 definitions, to cross-check the
 * production code.
 */
import { leafHash, storedHashes, type HashReader } from '@jil/core/tlog';
import { sha256 } from '@noble/hashes/sha2.js';

/** An in-memory log: its entries, the stored hashes (tlog storage order), and the index lists `reader` was asked for. */
export interface MemoryLog {
  entries: Uint8Array[];
  stored: Uint8Array[];
  reads: number[][];
  reader: HashReader;
}

/**
 * Builds a log of `entries` with `storedHashes`, as a server appends them; `reads` is emptied after the build, so a
 * test sees only the reads of the code it checks. The reader throws a plain Error for a hash not written (a test bug).
 */
export async function memoryLog(entries: readonly Uint8Array[]): Promise<MemoryLog> {
  const stored: Uint8Array[] = [];
  const reads: number[][] = [];
  const reader: HashReader = (indexes) => {
    reads.push([...indexes]);
    return indexes.map((i) => {
      const h = stored[i];
      if (h === undefined) throw new Error(`stored hash ${i} not written`);
      return h;
    });
  };
  for (const [i, e] of entries.entries()) stored.push(...(await storedHashes(i, leafHash(e), reader)));
  reads.length = 0;
  return { entries: [...entries], stored, reads, reader };
}

/** Entry i of the generated test logs: 'entry-<i>' in UTF-8. */
export const entryOf = (i: number): Uint8Array => new TextEncoder().encode(`entry-${i}`);

const H = (...parts: Uint8Array[]): Uint8Array => {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const buf = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    buf.set(p, o);
    o += p.length;
  }
  return sha256(buf);
};
const k = (n: number): number => 2 ** Math.ceil(Math.log2(n) - 1); // largest power of two < n (n ≥ 2)

/** MTH(D) of RFC 9162 §2.1.1, literally. */
export function naiveMth(d: readonly Uint8Array[]): Uint8Array {
  if (d.length === 0) return H();
  if (d.length === 1) return H(new Uint8Array([0]), d[0]!);
  const s = k(d.length);
  return H(new Uint8Array([1]), naiveMth(d.slice(0, s)), naiveMth(d.slice(s)));
}

/** PATH(m, D) of RFC 9162 §2.1.3.1, literally. */
export function naivePath(m: number, d: readonly Uint8Array[]): Uint8Array[] {
  if (d.length === 1) return [];
  const s = k(d.length);
  return m < s ? [...naivePath(m, d.slice(0, s)), naiveMth(d.slice(s))] : [...naivePath(m - s, d.slice(s)), naiveMth(d.slice(0, s))];
}

/** PROOF(m, D) = SUBPROOF(m, D, true) of RFC 9162 §2.1.4.1, literally (0 < m ≤ n). */
export function naiveProof(m: number, d: readonly Uint8Array[]): Uint8Array[] {
  const sub = (m: number, d: readonly Uint8Array[], b: boolean): Uint8Array[] => {
    if (m === d.length) return b ? [] : [naiveMth(d)];
    const s = k(d.length);
    return m <= s ? [...sub(m, d.slice(0, s), b), naiveMth(d.slice(s))] : [...sub(m - s, d.slice(s), false), naiveMth(d.slice(0, s))];
  };
  return sub(m, d, true);
}
