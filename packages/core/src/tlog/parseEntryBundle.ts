import { assertBytes } from '../bytes/assertBytes.js';
import { JilError } from '../errors/JilError.js';
import { TILE_WIDTH } from './Tile.js';

/**
 * Parse an entry bundle (big-endian uint16 length-prefixed entries) into its entries.
 *
 * @param bundle - the bundle bytes as fetched from `tile/entries/<N>[.p/<W>]`.
 * @param width - the number of entries the path promises (1…256); omitted: any count 1…256.
 * @returns the entries (copies), in log order.
 * @throws JilError `TLOG_TILE_INVALID` when the bundle is truncated, holds no entry, more than 256, or not `width`
 *   entries (`details.reason`); `INVALID_ARGUMENT` when `bundle` is not a Uint8Array or `width` is out of range.
 * @see c2sp.org/tlog-tiles §Log entries
 * @example
 * import { parseEntryBundle } from '@jil/core/tlog';
 * parseEntryBundle(new Uint8Array([0, 1, 0xaa]), 1); // [Uint8Array [0xaa]]
 */
export function parseEntryBundle(bundle: Uint8Array, width?: number): Uint8Array[] {
  assertBytes(bundle, 'bundle');
  if (width !== undefined && (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH)) {
    throw new JilError('INVALID_ARGUMENT', 'width must be an integer 1…256', { details: { field: 'width' } });
  }
  const bad = (reason: string, message: string): never => {
    throw new JilError('TLOG_TILE_INVALID', message, { details: { reason, ...(width === undefined ? {} : { width }) } });
  };
  const entries: Uint8Array[] = [];
  let o = 0;
  while (o < bundle.length) {
    if (entries.length === TILE_WIDTH) bad('too_many_entries', 'entry bundle holds more than 256 entries');
    if (o + 2 > bundle.length) bad('truncated', 'entry bundle ends inside a length prefix');
    const length = (bundle[o]! << 8) | bundle[o + 1]!;
    if (o + 2 + length > bundle.length) bad('truncated', 'entry bundle ends inside an entry');
    entries.push(bundle.slice(o + 2, o + 2 + length));
    o += 2 + length;
  }
  if (entries.length === 0) bad('empty', 'entry bundle holds no entry');
  if (width !== undefined && entries.length !== width) bad('width', `entry bundle holds ${entries.length} entries, not ${width}`);
  return entries;
}
