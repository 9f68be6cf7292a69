import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex } from '../bytes/encoding.js';
import { emptyTreeHash } from './emptyTreeHash.js';
import { leafHash } from './leafHash.js';
import { entryOf, memoryLog, naiveMth, naivePath, naiveProof, type MemoryLog } from '@jil/core-testkit';
import { proveConsistency } from './proveConsistency.js';
import { proveInclusion } from './proveInclusion.js';
import { verifyConsistency } from './verifyConsistency.js';
import { verifyInclusion } from './verifyInclusion.js';

const N = 64;
let log: MemoryLog;
const roots: Uint8Array[] = []; // roots[n] = MTH of the first n entries
const inclusion = new Map<string, Uint8Array[]>(); // `${i}/${n}`
const consistency = new Map<string, Uint8Array[]>(); // `${m}/${n}`

beforeAll(async () => {
  log = await memoryLog(Array.from({ length: N }, (_, i) => entryOf(i)));
  for (let n = 0; n <= N; n++) roots.push(naiveMth(log.entries.slice(0, n)));
  for (let n = 1; n <= N; n++) {
    for (let i = 0; i < n; i++) inclusion.set(`${i}/${n}`, await proveInclusion(i, n, log.reader));
    for (let m = 0; m <= n; m++) consistency.set(`${m}/${n}`, await proveConsistency(m, n, log.reader));
  }
});

const hex = (hs: readonly Uint8Array[]): string[] => hs.map(bytesToHex);
const flip = (hs: readonly Uint8Array[], at: number, byte: number, bit: number): Uint8Array[] =>
  hs.map((h, k) => {
    if (k !== at) return h;
    const c = h.slice();
    c[byte] = c[byte]! ^ (1 << bit);
    return c;
  });
const flipOne = (h: Uint8Array, byte: number, bit: number): Uint8Array => flip([h], 0, byte, bit)[0]!;

describe('inclusion proofs, every leaf of every tree of size 1…64', () => {
  it('equal the naive RFC 9162 PATH and verify', () => {
    for (let n = 1; n <= N; n++) {
      for (let i = 0; i < n; i++) {
        const proof = inclusion.get(`${i}/${n}`)!;
        expect(hex(proof)).toEqual(hex(naivePath(i, log.entries.slice(0, n))));
        expect(verifyInclusion({ index: i, treeSize: n, leafHash: leafHash(log.entries[i]!), proof, rootHash: roots[n]! })).toEqual({
          valid: true,
        });
      }
    }
  });

  const leaf = fc.integer({ min: 1, max: N }).chain((n) => fc.record({ n: fc.constant(n), i: fc.integer({ min: 0, max: n - 1 }) }));

  it('any flipped bit in the proof, the leaf hash or the root is rejected', () => {
    fc.assert(
      fc.property(leaf, fc.nat(), fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: 7 }), ({ n, i }, at, byte, bit) => {
        const proof = inclusion.get(`${i}/${n}`)!;
        const base = { index: i, treeSize: n, leafHash: leafHash(log.entries[i]!), proof, rootHash: roots[n]! };
        const tampered = [
          { ...base, leafHash: flipOne(base.leafHash, byte, bit) },
          { ...base, rootHash: flipOne(base.rootHash, byte, bit) },
          ...(proof.length > 0 ? [{ ...base, proof: flip(proof, at % proof.length, byte, bit) }] : []),
        ];
        for (const t of tampered) {
          const r = verifyInclusion(t);
          expect(r.valid).toBe(false);
          if (!r.valid) expect([r.check, r.code]).toEqual(['inclusion', 'TLOG_INCLUSION_INVALID']);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("a wrong index, a wrong size (with that size's root), a dropped or an extra hash is rejected", () => {
    fc.assert(
      fc.property(leaf, fc.integer({ min: 0, max: N + 2 }), fc.integer({ min: 1, max: N }), ({ n, i }, j, n2) => {
        const proof = inclusion.get(`${i}/${n}`)!;
        const base = { index: i, treeSize: n, leafHash: leafHash(log.entries[i]!), proof, rootHash: roots[n]! };
        if (j !== i) expect(verifyInclusion({ ...base, index: j }).valid).toBe(false);
        if (n2 !== n && i < n2) {
          // Valid against another tree only if it is that tree's proof (it never is for these distinct entries).
          const same = hex(inclusion.get(`${i}/${n2}`)!).join() === hex(proof).join();
          expect(verifyInclusion({ ...base, treeSize: n2, rootHash: roots[n2]! }).valid).toBe(same);
        }
        if (proof.length > 0) expect(verifyInclusion({ ...base, proof: proof.slice(0, -1) }).valid).toBe(false);
        expect(verifyInclusion({ ...base, proof: [...proof, roots[n]!] }).valid).toBe(false);
        expect(verifyInclusion({ ...base, index: n, treeSize: n }).valid).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

describe('consistency proofs, every (m, n) with 0 ≤ m ≤ n ≤ 64', () => {
  it('equal the naive RFC 9162 PROOF and verify', () => {
    for (let n = 1; n <= N; n++) {
      for (let m = 0; m <= n; m++) {
        const proof = consistency.get(`${m}/${n}`)!;
        if (m === 0 || m === n) expect(proof).toEqual([]);
        else expect(hex(proof)).toEqual(hex(naiveProof(m, log.entries.slice(0, n))));
        expect(verifyConsistency({ oldSize: m, newSize: n, oldRootHash: roots[m]!, newRootHash: roots[n]!, proof })).toEqual({
          valid: true,
        });
      }
    }
    expect(verifyConsistency({ oldSize: 0, newSize: 0, oldRootHash: emptyTreeHash(), newRootHash: emptyTreeHash(), proof: [] }).valid).toBe(
      true,
    );
  });

  const pair = fc.integer({ min: 1, max: N }).chain((n) => fc.record({ n: fc.constant(n), m: fc.integer({ min: 0, max: n }) }));

  it('any flipped bit in the proof or either root is rejected', () => {
    fc.assert(
      fc.property(pair, fc.nat(), fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: 7 }), ({ n, m }, at, byte, bit) => {
        const proof = consistency.get(`${m}/${n}`)!;
        const base = { oldSize: m, newSize: n, oldRootHash: roots[m]!, newRootHash: roots[n]!, proof };
        const tampered = [
          { ...base, oldRootHash: flipOne(base.oldRootHash, byte, bit) },
          ...(m === 0 ? [] : [{ ...base, newRootHash: flipOne(base.newRootHash, byte, bit) }]),
          ...(proof.length > 0 ? [{ ...base, proof: flip(proof, at % proof.length, byte, bit) }] : []),
        ];
        for (const t of tampered) {
          const r = verifyConsistency(t);
          expect(r.valid).toBe(false);
          if (!r.valid) expect([r.check, r.code]).toEqual(['consistency', 'TLOG_CONSISTENCY_INVALID']);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('another old or new size (with its root), a dropped or an extra hash, or swapped sizes is rejected', () => {
    fc.assert(
      fc.property(pair, fc.integer({ min: 0, max: N }), fc.integer({ min: 1, max: N }), ({ n, m }, m2, n2) => {
        const proof = consistency.get(`${m}/${n}`)!;
        const base = { oldSize: m, newSize: n, oldRootHash: roots[m]!, newRootHash: roots[n]!, proof };
        if (m2 !== m && m2 <= n) {
          const same = hex(consistency.get(`${m2}/${n}`)!).join() === hex(proof).join();
          expect(verifyConsistency({ ...base, oldSize: m2, oldRootHash: roots[m2]! }).valid).toBe(same);
        }
        if (n2 !== n && m <= n2) {
          const same = hex(consistency.get(`${m}/${n2}`)!).join() === hex(proof).join();
          // With an empty proof (m = 0) only the empty old root is checked: any new tree extends the empty one.
          expect(verifyConsistency({ ...base, newSize: n2, newRootHash: roots[n2]! }).valid).toBe(same);
        }
        if (proof.length > 0) expect(verifyConsistency({ ...base, proof: proof.slice(0, -1) }).valid).toBe(false);
        expect(verifyConsistency({ ...base, proof: [...proof, roots[n]!] }).valid).toBe(false);
        if (m < n)
          expect(verifyConsistency({ oldSize: n, newSize: m, oldRootHash: roots[n]!, newRootHash: roots[m]!, proof }).valid).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
