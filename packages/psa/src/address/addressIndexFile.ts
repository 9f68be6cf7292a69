import { JilError } from '@jil/core';
import { requireArray, requireBytes, requireFunction, requireRecord } from '../internal/requireArgument.js';
import { COLUMN_NAMES, COLUMN_TYPES, type AddressIndexColumns, type FamilyBlock } from './AddressIndexColumns.js';

/** Magic bytes and version of the binary address-index file (`jil ingest` writes it beside snapshot.json). */
export const ADDRESS_INDEX_MAGIC = 'JILADDR1';

/** Header of the binary address-index file (JSON after the magic and a 4-byte length). */
export interface AddressIndexFileHeader {
  version: typeof ADDRESS_INDEX_MAGIC;
  /** `le`: typed arrays are stored little-endian, as every supported platform holds them. */
  endianness: 'le';
  /** `Snapshot.sha256` of the snapshot the index belongs to, when written with one. */
  snapshot_sha256?: string;
  /** Hex SHA-256 of the body (the column bytes), when the writer recorded it. */
  body_sha256?: string;
  addresses: number;
  listings: number;
  strings: string[];
  families: FamilyBlock[];
  /** Byte offset (from the start of the body) and length of each column, in `COLUMN_NAMES` order. */
  columns: Array<{ name: string; offset: number; length: number }>;
}

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
const pad8 = (n: number): number => (n + 7) & ~7;

/** Options of {@link encodeAddressIndex}. */
export interface EncodeAddressIndexOptions {
  /** The snapshot the index belongs to (recorded in the header). */
  snapshotSha256?: string;
  /** Hex SHA-256 of the body, recorded as `body_sha256` so a reader can check integrity (e.g. node:crypto). */
  sha256?: (body: Uint8Array) => string;
}

/**
 * Encode a compact address index as one byte array: `JILADDR1`, a little-endian u32 header length, the JSON
 * header (string table, family blocks, column offsets, optional body SHA-256), zero padding to 8 bytes, then each
 * column's bytes, 8-byte aligned — so a reader can take typed-array views without copying.
 *
 * @param columns - the index columns.
 * @param options - snapshot hash and body hash function.
 * @returns the file bytes; the body starts at {@link addressIndexBodyOffset}.
 * @throws JilError `INTERNAL` on a big-endian platform; `INVALID_ARGUMENT` (`details.field`) when `columns` is not an
 *   object of typed-array columns with `strings` and `families` arrays, or `options` is not an object.
 * @example
 * import { encodeAddressIndex } from '@jil/psa';
 * const bytes = encodeAddressIndex(index.columns, { snapshotSha256: snapshot.sha256 });
 */
export function encodeAddressIndex(columns: AddressIndexColumns, options: EncodeAddressIndexOptions = {}): Uint8Array {
  if (!LITTLE_ENDIAN) throw new JilError('INTERNAL', 'the binary address index is little-endian only');
  requireRecord(columns, 'columns');
  for (const name of COLUMN_NAMES)
    if (!ArrayBuffer.isView(columns[name]))
      throw new JilError('INVALID_ARGUMENT', `columns.${name} must be a typed array`, { details: { field: `columns.${name}` } });
  requireArray(columns.strings, 'columns.strings');
  requireArray(columns.families, 'columns.families');
  requireRecord(options, 'options');
  if (options.sha256 !== undefined) requireFunction(options.sha256, 'options.sha256');
  let offset = 0;
  const layout = COLUMN_NAMES.map((name) => {
    const entry = { name, offset, length: columns[name].byteLength };
    offset = pad8(offset + entry.length);
    return entry;
  });
  const body = new Uint8Array(offset);
  for (const { name, offset: at } of layout) {
    const col = columns[name];
    body.set(new Uint8Array(col.buffer, col.byteOffset, col.byteLength), at);
  }
  const header: AddressIndexFileHeader = {
    version: ADDRESS_INDEX_MAGIC,
    endianness: 'le',
    ...(options.snapshotSha256 === undefined ? {} : { snapshot_sha256: options.snapshotSha256 }),
    ...(options.sha256 === undefined ? {} : { body_sha256: options.sha256(body) }),
    addresses: columns.keyOffsets.length - 1,
    listings: columns.template.length,
    strings: columns.strings,
    families: columns.families,
    columns: layout,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const bodyStart = pad8(12 + json.length);
  const out = new Uint8Array(bodyStart + body.length);
  out.set(new TextEncoder().encode(ADDRESS_INDEX_MAGIC), 0);
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  out.set(body, bodyStart);
  return out;
}

/**
 * Where the column bytes start in an encoded file (after magic, length and padded header).
 *
 * @param bytes - the file bytes.
 * @returns the byte offset of the body.
 * @throws JilError `DATASET_PARSE_ERROR` when `bytes` is shorter than magic and header length; `INVALID_ARGUMENT`
 *   (`details.field`: `bytes`) when `bytes` is not a Uint8Array.
 * @example
 * import { addressIndexBodyOffset } from '@jil/psa';
 * bytes.subarray(addressIndexBodyOffset(bytes)); // the columns
 */
export function addressIndexBodyOffset(bytes: Uint8Array): number {
  requireBytes(bytes, 'bytes');
  if (bytes.length < 12) throw bad('truncated header');
  return pad8(12 + new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true));
}

const bad = (message: string): JilError =>
  new JilError('DATASET_PARSE_ERROR', `address index file: ${message}`, { details: { dataset: 'snapshot' } });

/**
 * Decode a file written by {@link encodeAddressIndex}. Columns are views on `bytes` (no copy) when the body is
 * 4-byte aligned in memory, copies otherwise.
 *
 * @param bytes - the file bytes.
 * @returns the header and the columns (pass the columns to `new CompactAddressIndex`).
 * @throws JilError `DATASET_PARSE_ERROR` for a wrong magic, a bad header or truncated columns; `INTERNAL` on a big-endian
 *   platform; `INVALID_ARGUMENT` (`details.field`: `bytes`) when `bytes` is not a Uint8Array.
 * @example
 * import { CompactAddressIndex, decodeAddressIndex } from '@jil/psa';
 * const index = new CompactAddressIndex(decodeAddressIndex(bytes).columns);
 */
export function decodeAddressIndex(bytes: Uint8Array): { header: AddressIndexFileHeader; columns: AddressIndexColumns } {
  if (!LITTLE_ENDIAN) throw new JilError('INTERNAL', 'the binary address index is little-endian only');
  requireBytes(bytes, 'bytes');
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== ADDRESS_INDEX_MAGIC)
    throw bad(`not a ${ADDRESS_INDEX_MAGIC} file`);
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  const bodyStart = pad8(12 + headerLength);
  if (bodyStart > bytes.length) throw bad('truncated header');
  let header: AddressIndexFileHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as AddressIndexFileHeader;
  } catch (cause) {
    throw new JilError('DATASET_PARSE_ERROR', 'address index file: header is not JSON', { details: { dataset: 'snapshot' }, cause });
  }
  if (
    typeof header !== 'object' ||
    header === null ||
    header.version !== ADDRESS_INDEX_MAGIC ||
    header.endianness !== 'le' ||
    !Array.isArray(header.strings) ||
    !Array.isArray(header.columns)
  ) {
    throw bad('unsupported header');
  }
  const out: Partial<Record<(typeof COLUMN_NAMES)[number], Uint8Array | Uint32Array | Int32Array>> = {};
  for (const name of COLUMN_NAMES) {
    const entry = header.columns.find((c) => typeof c === 'object' && c !== null && c.name === name);
    const Type = COLUMN_TYPES[name];
    if (
      !entry ||
      !Number.isSafeInteger(entry.offset) ||
      entry.offset < 0 ||
      !Number.isSafeInteger(entry.length) ||
      entry.length < 0 ||
      entry.length % Type.BYTES_PER_ELEMENT !== 0 ||
      bodyStart + entry.offset + entry.length > bytes.length
    )
      throw bad(`column ${name} missing or truncated`);
    const at = bytes.byteOffset + bodyStart + entry.offset;
    out[name] =
      at % 4 === 0
        ? new Type(bytes.buffer as ArrayBuffer, at, entry.length / Type.BYTES_PER_ELEMENT)
        : new Type(bytes.slice(bodyStart + entry.offset, bodyStart + entry.offset + entry.length).buffer as ArrayBuffer);
  }
  const columns = { strings: header.strings, families: header.families, ...out } as AddressIndexColumns;
  const n = header.addresses;
  if (!Number.isSafeInteger(n) || n < 0 || !Array.isArray(header.families)) throw bad('unsupported header');
  if (
    columns.keyOffsets.length !== n + 1 ||
    columns.listingStart.length !== n + 1 ||
    columns.template.length !== header.listings ||
    columns.provRow.length !== header.listings ||
    columns.provKey.length !== header.listings
  )
    throw bad('column lengths disagree with the header');
  if ((columns.keyOffsets[n] as number) !== columns.keyBytes.length || (columns.listingStart[n] as number) !== header.listings)
    throw bad('offsets do not cover the columns');
  return { header, columns };
}
