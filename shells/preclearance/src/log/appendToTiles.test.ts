import {
  leafHash as leafHashOf,
  merkleTreeHash,
  nodeHash as interiorHash,
  proveInclusion,
  treeHash,
  verifyInclusion,
} from '@jil/core/tlog';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendToTiles } from './appendToTiles.js';
import { storedTileHashReader, treeHashFromTiles, type StoredTileReader as TileReader } from './TileHashes.js';
import { sha256Bytes as sha256 } from '@jil/core';

// RFC 9162 §2.1.1 MTH written out recursively, independent of the tile code: k = largest power of two < n.
function mth(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sha256(new Uint8Array());
  if (leaves.length === 1) return leaves[0] as Uint8Array;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return interiorHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

const entry = (i: number) => new TextEncoder().encode(`entry ${i}`);

/** An in-memory tile store fed only through appendToTiles, in batches of the given sizes. */
async function build(batches: number[]) {
  const tiles = new Map<string, Uint8Array[]>();
  const read: TileReader = async (level, index) => tiles.get(`${level}/${index}`) ?? null;
  let size = 0;
  for (const count of batches) {
    const leaves = Array.from({ length: count }, (_, i) => leafHashOf(entry(size + i)));
    for (const t of await appendToTiles(read, size, leaves)) tiles.set(`${t.level}/${t.index}`, t.hashes.slice());
    size += count;
  }
  return { tiles, read, size };
}

describe('appendToTiles + treeHashFromTiles', () => {
  it('RFC 9162 leaf hash: SHA-256(0x00 || entry)', () => {
    expect(Buffer.from(leafHashOf(new Uint8Array())).toString('hex')).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
  });

  it('gives the recursive MTH for every size 0…600, built one leaf at a time', async () => {
    const { read } = await build(Array.from({ length: 600 }, () => 1));
    const leaves = Array.from({ length: 600 }, (_, i) => leafHashOf(entry(i)));
    for (let n = 0; n <= 600; n++) expect(await treeHashFromTiles(read, n)).toEqual(mth(leaves.slice(0, n)));
  });

  it('is independent of how entries were batched (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 5 }), async (batches) => {
        const { read, size } = await build(batches);
        const leaves = Array.from({ length: size }, (_, i) => leafHashOf(entry(i)));
        expect(await treeHashFromTiles(read, size)).toEqual(mth(leaves));
      }),
      { numRuns: 25 },
    );
  });

  it(
    'lays tiles out as c2sp.org/tlog-tiles says: a tree of 70,000 ' + 'has 273 full level-0 tiles, widths 112, 17 and 1 at the edge',
    async () => {
      const { tiles } = await build([70_000]);
      const widths = (level: number) => [...tiles].filter(([k]) => k.startsWith(`${level}/`)).map(([, h]) => h.length);
      expect(widths(0).filter((w) => w === 256)).toHaveLength(273);
      expect(widths(0).filter((w) => w < 256)).toEqual([112]);
      expect(widths(1)).toEqual([256, 17]);
      expect(widths(2)).toEqual([1]);
    },
  );

  it('serves @jil/core/tlog proofs: treeHash and inclusion proofs read through storedTileHashReader verify', async () => {
    const { read, size } = await build([300, 5, 700]);
    const reader = storedTileHashReader(read);
    const leaves = Array.from({ length: size }, (_, i) => leafHashOf(entry(i)));
    const root = merkleTreeHash(leaves);
    expect(await treeHash(size, reader)).toEqual(root);
    for (const index of [0, 255, 256, 511, 999, size - 1]) {
      const proof = await proveInclusion(index, size, reader);
      expect(verifyInclusion({ index, treeSize: size, leafHash: leaves[index] as Uint8Array, proof, rootHash: root }).valid).toBe(true);
    }
  });

  it('refuses to append to a tree whose right-edge tile is missing', async () => {
    await expect(appendToTiles(async () => null, 5, [leafHashOf(entry(5))])).rejects.toThrow(RangeError);
  });
});
