import { JilError } from '../errors/JilError.js';
import { TILE_WIDTH, type Tile } from './Tile.js';

/** Internal: throw `INVALID_ARGUMENT` (naming every bad field) unless `tile` is a valid {@link Tile}. */
export function assertTile(tile: unknown, field = 'tile', hashOnly = false): asserts tile is Tile {
  if (typeof tile !== 'object' || tile === null) {
    throw new JilError('INVALID_ARGUMENT', `${field} must be a Tile object`, { details: { field } });
  }
  const { level, index, width } = tile as Record<string, unknown>;
  const fields: { field: string; message: string }[] = [];
  const levelOk = (level === 'entries' && !hashOnly) || (Number.isInteger(level) && (level as number) >= 0 && (level as number) <= 63);
  if (!levelOk)
    fields.push({ field: `${field}.level`, message: hashOnly ? 'must be an integer 0…63' : "must be an integer 0…63 or 'entries'" });
  if (!Number.isSafeInteger(index) || (index as number) < 0)
    fields.push({ field: `${field}.index`, message: 'must be a non-negative safe integer' });
  else if (levelOk && !Number.isSafeInteger(tileStart(level === 'entries' ? 0 : (level as number), index as number))) {
    fields.push({ field: `${field}.index`, message: 'tile start index is beyond 2^53' });
  }
  if (!Number.isInteger(width) || (width as number) < 1 || (width as number) > TILE_WIDTH)
    fields.push({ field: `${field}.width`, message: 'must be an integer 1…256' });
  if (fields.length > 0) {
    throw new JilError('INVALID_ARGUMENT', `invalid tile: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, {
      details: { field: fields[0]!.field, fields },
    });
  }
}

/** Internal: the tile's start index `N·256^(L+1)` in leaves (may exceed 2^53; callers check). */
export function tileStart(level: number, index: number): number {
  return index * TILE_WIDTH ** (level + 1);
}
