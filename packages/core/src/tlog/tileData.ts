import { readHashes, type HashReader } from './HashReader.js';
import { assertTile } from './assertTile.js';
import { storedHashIndex } from './storedHashIndex.js';
import { TILE_HEIGHT, TILE_WIDTH, type Tile } from './Tile.js';

/**
 * The bytes of a hash tile, read from a log's stored hashes: the `width` hashes of tree level 8·L, numbers
 * N·256 … N·256 + width − 1, concatenated (32·width bytes). This is what a log serves at `formatTilePath(tile)`.
 *
 * @param tile - a hash tile (numeric level), e.g. from {@link tilesForTreeSize}.
 * @param reader - reads the log's stored hashes (one batched call).
 * @returns `32 · width` bytes.
 * @throws JilError `INVALID_ARGUMENT` for an entry bundle or bad coordinates, or a reader that breaks its contract.
 * @see c2sp.org/tlog-tiles §Merkle Tree; Go `golang.org/x/mod/sumdb/tlog.ReadTileData`
 * @example
 * import { tileData, tilesForTreeSize } from '@jil/core/tlog';
 * for (const tile of tilesForTreeSize(newSize, oldSize)) await put(tile, await tileData(tile, reader));
 */
export async function tileData(tile: Tile, reader: HashReader): Promise<Uint8Array> {
  assertTile(tile, 'tile', true);
  const level = (tile.level as number) * TILE_HEIGHT;
  const start = tile.index * TILE_WIDTH;
  const indexes = Array.from({ length: tile.width }, (_, i) => storedHashIndex(level, start + i));
  const hashes = await readHashes(reader, indexes);
  const out = new Uint8Array(32 * tile.width);
  for (const [i, h] of hashes.entries()) out.set(h, 32 * i);
  return out;
}
