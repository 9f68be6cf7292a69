import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex } from '../bytes/encoding.js';
import { isJilError } from '../errors/JilError.js';
import { formatTilePath } from './formatTilePath.js';
import { leafHash } from './leafHash.js';
import { merkleTreeHash } from './merkleTreeHash.js';
import { entryOf, memoryLog, type MemoryLog } from '@jil/core-testkit';
import { proveConsistency } from './proveConsistency.js';
import { proveInclusion } from './proveInclusion.js';
import type { Tile } from './Tile.js';
import { tileData } from './tileData.js';
import { tileHashReader } from './tileHashReader.js';
import { tilesForTreeSize } from './tilesForTreeSize.js';
import { treeHash } from './treeHash.js';

// A log of 66,000 entries: three tile levels, full and partial tiles at each of the sizes below.
const N = 66_000;
const SIZES = [1, 2, 255, 256, 257, 511, 512, 513, 65_535, 65_536, 65_537, 66_000];
let log: MemoryLog;

beforeAll(async () => {
  log = await memoryLog(Array.from({ length: N }, (_, i) => entryOf(i)));
});

/** The tiles a log of `size` serves, as a path → bytes map, and a reader over it that records what it read. */
async function served(
  size: number,
): Promise<{ files: Map<string, Uint8Array>; read: Tile[][]; reader: (tiles: readonly Tile[]) => Uint8Array[] }> {
  const files = new Map<string, Uint8Array>();
  for (const t of tilesForTreeSize(size)) files.set(formatTilePath(t), await tileData(t, log.reader));
  const read: Tile[][] = [];
  const reader = (tiles: readonly Tile[]): Uint8Array[] => {
    read.push([...tiles]);
    return tiles.map((t) => {
      const d = files.get(formatTilePath(t));
      if (d === undefined) throw new Error(`not served: ${formatTilePath(t)}`);
      return d;
    });
  };
  return { files, read, reader };
}

describe('tileData + tileHashReader', () => {
  it('a full tile is 256 hashes of level 8·L; level-0 tiles are the leaf hashes', async () => {
    const data = await tileData({ level: 0, index: 1, width: 256 }, log.reader);
    expect(data.length).toBe(8192);
    expect(bytesToHex(data.subarray(0, 32))).toBe(bytesToHex(leafHash(entryOf(256))));
    expect(bytesToHex(data.subarray(8160))).toBe(bytesToHex(leafHash(entryOf(511))));
    const level1 = await tileData({ level: 1, index: 0, width: 2 }, log.reader);
    expect(bytesToHex(level1.subarray(32))).toBe(
      bytesToHex(merkleTreeHash(Array.from({ length: 256 }, (_, i) => leafHash(entryOf(256 + i))))),
    );
  });

  it('proofs and tree hashes from tiles equal those from the stored hashes, at every tile boundary', async () => {
    for (const size of SIZES) {
      const root = await treeHash(size, log.reader);
      const { reader, read } = await served(size);
      const tr = tileHashReader({ treeSize: size, rootHash: root }, reader);
      expect(await treeHash(size, tr)).toEqual(root);
      for (const i of new Set([0, 1, size >> 1, size - 2, size - 1].filter((i) => i >= 0 && i < size))) {
        expect(await proveInclusion(i, size, tr)).toEqual(await proveInclusion(i, size, log.reader));
      }
      for (const m of new Set([0, 1, size >> 1, size - 1, size].filter((m) => m >= 0 && m <= size))) {
        expect(await proveConsistency(m, size, tr)).toEqual(await proveConsistency(m, size, log.reader));
      }
      // One batched tile read per proof, of at most a few tiles per level.
      for (const batch of read) expect(batch.length).toBeLessThanOrEqual(9);
    }
  });

  it('random proofs in the 66,000-entry log', async () => {
    const root = await treeHash(N, log.reader);
    const { reader } = await served(N);
    const tr = tileHashReader({ treeSize: N, rootHash: root }, reader);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: N - 1 }), fc.integer({ min: 0, max: N }), async (i, m) => {
        expect(await proveInclusion(i, N, tr)).toEqual(await proveInclusion(i, N, log.reader));
        expect(await proveConsistency(m, N, tr)).toEqual(await proveConsistency(m, N, log.reader));
      }),
      { numRuns: 100 },
    );
  });

  it('any flipped bit in a tile the reader uses is caught (TLOG_TILE_INVALID), as is a tile of the wrong length', async () => {
    const size = N;
    const root = await treeHash(size, log.reader);
    const { files, reader } = await served(size);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: size - 1 }), fc.nat(), fc.integer({ min: 0, max: 7 }), async (i, pick, bit) => {
        // Find which tiles a proof for leaf i reads, then corrupt one of them.
        const used: Tile[] = [];
        await proveInclusion(
          i,
          size,
          tileHashReader({ treeSize: size, rootHash: root }, (tiles) => (used.push(...tiles), reader(tiles))),
        );
        const victim = formatTilePath(used[pick % used.length]!);
        const good = files.get(victim)!;
        const bad = good.slice();
        bad[pick % bad.length] = bad[pick % bad.length]! ^ (1 << bit);
        const corrupt = (tiles: readonly Tile[]) => tiles.map((t) => (formatTilePath(t) === victim ? bad : files.get(formatTilePath(t))!));
        const error = await proveInclusion(i, size, tileHashReader({ treeSize: size, rootHash: root }, corrupt)).then(
          () => null,
          (e: unknown) => e,
        );
        // A flipped bit in a hash the proof does not depend on (e.g. beyond what the right edge needs) is still caught,
        // because every fetched tile is authenticated, not only the hashes used.
        expect(isJilError(error, 'TLOG_TILE_INVALID')).toBe(true);
      }),
      { numRuns: 60 },
    );
    const short = (tiles: readonly Tile[]) => tiles.map((t) => files.get(formatTilePath(t))!.subarray(32));
    await expect(treeHash(size, tileHashReader({ treeSize: size, rootHash: root }, short))).rejects.toMatchObject({
      code: 'TLOG_TILE_INVALID',
    });
  });

  it('wrong inputs', async () => {
    const root = await treeHash(10, log.reader);
    const { reader } = await served(10);
    expect(() => tileHashReader({ treeSize: 0, rootHash: root }, reader)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => tileHashReader({ treeSize: 10, rootHash: new Uint8Array(31) }, reader)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    const tr = tileHashReader({ treeSize: 10, rootHash: root }, reader);
    await expect(proveInclusion(3, 11, tr)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'indexes' } });
    await expect(tileData({ level: 'entries', index: 0, width: 1 }, log.reader)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(
      treeHash(
        10,
        tileHashReader({ treeSize: 10, rootHash: root }, () => []),
      ),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
