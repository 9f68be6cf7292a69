import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../bytes/encoding.js';
import { isJilError } from '../errors/JilError.js';
import { emptyTreeHash } from './emptyTreeHash.js';
import { leafHash } from './leafHash.js';
import { merkleTreeHash } from './merkleTreeHash.js';
import { entryOf, memoryLog, naiveMth } from '@jil/core-testkit';
import { nodeHash } from './nodeHash.js';
import { proveConsistency } from './proveConsistency.js';
import { proveInclusion } from './proveInclusion.js';
import { splitStoredHashIndex } from './splitStoredHashIndex.js';
import { storedHashCount } from './storedHashCount.js';
import { storedHashIndex } from './storedHashIndex.js';
import { treeHash } from './treeHash.js';
import { verifyConsistency } from './verifyConsistency.js';
import { verifyInclusion } from './verifyInclusion.js';

// The 8-leaf test data of the RFC 6962 / certificate-transparency test suites (merkle_tree_test), with the roots of
// the trees of sizes 1…8 and some of their inclusion and consistency proofs. Every value is also cross-checked
// against the naive recursive MTH of memoryLog.testutil.ts, written from the RFC text.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(hexToBytes);
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const INCLUSION: { index: number; size: number; proof: string[] }[] = [
  { index: 0, size: 1, proof: [] },
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];
const CONSISTENCY: { old: number; size: number; proof: string[] }[] = [
  { old: 1, size: 1, proof: [] },
  {
    old: 1,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    old: 6,
    size: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    old: 2,
    size: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];

describe('RFC 9162 §2.1 Merkle tree hashing', () => {
  it('empty tree, leaf and node hashes', () => {
    expect(bytesToHex(emptyTreeHash())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(bytesToHex(leafHash(new Uint8Array()))).toBe(ROOTS[0]);
    expect(bytesToHex(merkleTreeHash([]))).toBe(bytesToHex(emptyTreeHash()));
    expect(nodeHash(leafHash(LEAVES[0]!), leafHash(LEAVES[1]!))).toEqual(hexToBytes(ROOTS[1]!));
  });

  it('roots of the RFC 6962 test trees of sizes 1…8 (in memory, from stored hashes, and naive)', async () => {
    const log = await memoryLog(LEAVES);
    for (let n = 1; n <= 8; n++) {
      const d = LEAVES.slice(0, n);
      expect(bytesToHex(merkleTreeHash(d.map(leafHash)))).toBe(ROOTS[n - 1]);
      expect(bytesToHex(await treeHash(n, log.reader))).toBe(ROOTS[n - 1]);
      expect(bytesToHex(naiveMth(d))).toBe(ROOTS[n - 1]);
    }
  });

  it('inclusion and consistency proofs of the RFC 6962 test suite', async () => {
    const log = await memoryLog(LEAVES);
    for (const { index, size, proof } of INCLUSION) {
      expect((await proveInclusion(index, size, log.reader)).map(bytesToHex)).toEqual(proof);
      const r = verifyInclusion({
        index,
        treeSize: size,
        leafHash: leafHash(LEAVES[index]!),
        proof: proof.map(hexToBytes),
        rootHash: hexToBytes(ROOTS[size - 1]!),
      });
      expect(r).toEqual({ valid: true });
    }
    for (const { old, size, proof } of CONSISTENCY) {
      expect((await proveConsistency(old, size, log.reader)).map(bytesToHex)).toEqual(proof);
      const r = verifyConsistency({
        oldSize: old,
        newSize: size,
        oldRootHash: hexToBytes(ROOTS[old - 1]!),
        newRootHash: hexToBytes(ROOTS[size - 1]!),
        proof: proof.map(hexToBytes),
      });
      expect(r).toEqual({ valid: true });
    }
  });

  it('merkleTreeHash and treeHash agree with the naive MTH for sizes 0…300', async () => {
    const entries = Array.from({ length: 300 }, (_, i) => entryOf(i));
    const log = await memoryLog(entries);
    for (let n = 0; n <= 300; n++) {
      const want = bytesToHex(naiveMth(entries.slice(0, n)));
      expect(bytesToHex(merkleTreeHash(entries.slice(0, n).map(leafHash)))).toBe(want);
      expect(bytesToHex(await treeHash(n, log.reader))).toBe(want);
    }
  });
});

describe('stored hash numbering (Go sumdb/tlog layout)', () => {
  it('storedHashIndex / splitStoredHashIndex / storedHashCount agree with the append order', async () => {
    // Append order for 8 leaves: L0#0 L0#1 L1#0 L0#2 L0#3 L1#1 L2#0 L0#4 L0#5 L1#2 L0#6 L0#7 L1#3 L2#1 L3#0
    const order = [
      [0, 0],
      [0, 1],
      [1, 0],
      [0, 2],
      [0, 3],
      [1, 1],
      [2, 0],
      [0, 4],
      [0, 5],
      [1, 2],
      [0, 6],
      [0, 7],
      [1, 3],
      [2, 1],
      [3, 0],
    ];
    order.forEach(([level, n], i) => {
      expect(storedHashIndex(level!, n!)).toBe(i);
      expect(splitStoredHashIndex(i)).toEqual({ level, n });
    });
    expect([0, 1, 2, 3, 4, 5, 8].map(storedHashCount)).toEqual([0, 1, 3, 4, 7, 8, 15]);
    for (let i = 0; i < 5000; i++) {
      const { level, n } = splitStoredHashIndex(i);
      expect(storedHashIndex(level, n)).toBe(i);
    }
    const log = await memoryLog(Array.from({ length: 100 }, (_, i) => entryOf(i)));
    expect(log.stored.length).toBe(storedHashCount(100));
  });

  it('a proof in a log of 1,000,000 leaves is one batched read of O(log n) stored hashes', async () => {
    // A synthetic reader: the stored hash at index i is SHA-256-sized filler; only the read pattern matters here.
    const reads: number[][] = [];
    const filler = new Uint8Array(32);
    const reader = (indexes: readonly number[]) => {
      reads.push([...indexes]);
      return indexes.map(() => filler);
    };
    const proof = await proveInclusion(123_456, 1_000_000, reader);
    expect(proof.length).toBe(20);
    await proveConsistency(999_999, 1_000_000, reader);
    await treeHash(1_000_000, reader);
    expect(reads.length).toBe(3);
    for (const r of reads) expect(r.length).toBeLessThanOrEqual(40);
    for (const i of reads.flat()) expect(i).toBeLessThan(storedHashCount(1_000_000));
  });

  it('wrong inputs throw INVALID_ARGUMENT naming the field', async () => {
    const log = await memoryLog([entryOf(0), entryOf(1)]);
    const field = async (fn: () => unknown): Promise<unknown> => {
      try {
        await fn();
      } catch (e) {
        return isJilError(e, 'INVALID_ARGUMENT') ? e.details['field'] : e;
      }
      return 'no throw';
    };
    expect(await field(() => proveInclusion(2, 2, log.reader))).toBe('index');
    expect(await field(() => proveInclusion(-1, 2, log.reader))).toBe('index');
    expect(await field(() => proveInclusion(0, 0, log.reader))).toBe('treeSize');
    expect(await field(() => proveConsistency(3, 2, log.reader))).toBe('oldSize');
    expect(await field(() => treeHash(1.5, log.reader))).toBe('treeSize');
    expect(await field(() => treeHash(2, () => []))).toBe('reader');
    expect(await field(() => treeHash(2, () => [new Uint8Array(31)]))).toBe('reader');
    expect(await field(() => leafHash('x' as unknown as Uint8Array))).toBe('entry');
    expect(await field(() => nodeHash(new Uint8Array(32), new Uint8Array(33)))).toBe('right');
    expect(await field(() => merkleTreeHash([new Uint8Array(1)]))).toBe('leafHashes[0]');
    expect(await field(() => storedHashIndex(63, 0))).toBe('level');
  });
});
