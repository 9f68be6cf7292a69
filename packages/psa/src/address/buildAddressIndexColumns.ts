import type { ListedAddress } from '../datasets/NormalizedSnapshot.js';
import { INDEX_CATEGORIES, type AddressIndexColumns, type FamilyBlock } from './AddressIndexColumns.js';
import { JilError } from '@jil/core';
import { requireIterable, requireListing } from '../internal/requireArgument.js';
import { addressKeyBytes, INDEX_FAMILIES } from './addressKeyBytes.js';

class StringTable {
  readonly strings: string[] = [''];
  readonly #ids = new Map<string, number>([['', 0]]);

  id(s: string | undefined): number {
    if (s === undefined || s === '') return 0;
    let id = this.#ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.#ids.set(s, id);
    }
    return id;
  }
}

/** Byte order of keys `x` and `y` of a concatenated key table. */
function compareAt(bytes: Uint8Array, offsets: Uint32Array, x: number, y: number): number {
  const xs = offsets[x] as number;
  const xe = offsets[x + 1] as number;
  const ys = offsets[y] as number;
  const ye = offsets[y + 1] as number;
  const n = Math.min(xe - xs, ye - ys);
  for (let i = 0; i < n; i++) {
    const d = (bytes[xs + i] as number) - (bytes[ys + i] as number);
    if (d !== 0) return d;
  }
  return xe - xs - (ye - ys);
}

/**
 * Order of the rows by (family rank, key bytes), stable: a counting sort on (rank, first two key bytes) — keys
 * are spread evenly over the 65,536 two-byte prefixes — then an insertion sort inside each bucket.
 */
function sortRows(rank: Uint8Array, bytes: Uint8Array, offsets: Uint32Array): Uint32Array {
  const m = rank.length;
  const bucketOf = (i: number): number => {
    const o = offsets[i] as number;
    const len = (offsets[i + 1] as number) - o;
    return (rank[i] as number) * 65536 + (len > 0 ? (bytes[o] as number) << 8 : 0) + (len > 1 ? (bytes[o + 1] as number) : 0);
  };
  const counts = new Uint32Array(INDEX_FAMILIES.length * 65536 + 1);
  for (let i = 0; i < m; i++) {
    const b = bucketOf(i) + 1;
    counts[b] = (counts[b] as number) + 1;
  }
  for (let b = 1; b < counts.length; b++) counts[b] = (counts[b] as number) + (counts[b - 1] as number);
  const order = new Uint32Array(m);
  const next = counts.slice();
  for (let i = 0; i < m; i++) {
    const b = bucketOf(i);
    const at = next[b] as number;
    order[at] = i;
    next[b] = at + 1;
  }
  for (let b = 0; b + 1 < counts.length; b++) {
    const lo = counts[b] as number;
    const hi = counts[b + 1] as number;
    if (hi - lo > 32) {
      // A crowded prefix (Bitcoin `bc1q…`, Tron `T…`): a comparison sort, stable on equal keys by row order.
      const part = Array.from(order.subarray(lo, hi)).sort((x, y) => compareAt(bytes, offsets, x, y) || x - y);
      order.set(part, lo);
      continue;
    }
    for (let i = lo + 1; i < hi; i++) {
      const v = order[i] as number;
      let j = i - 1;
      while (j >= lo && compareAt(bytes, offsets, order[j] as number, v) > 0) {
        order[j + 1] = order[j] as number;
        j--;
      }
      order[j + 1] = v;
    }
  }
  return order;
}

/**
 * Build the columns of a compact address index from normalized listings: keys grouped by family (in
 * `INDEX_FAMILIES` order) and sorted by key bytes; the listings of one address keep their input order (ingest
 * order: dataset order, then file order). Strings (lists, dates, labels, provenance) are interned once, and the
 * listing fields other than the provenance row and key are shared as templates.
 *
 * @param listed - listings with their `family` and normalized `address` (`NormalizedSnapshot.addresses`).
 * @returns the {@link AddressIndexColumns}.
 * @throws JilError `INVALID_ARGUMENT` (`details.field`) when `listed` is not iterable, a listing has no string family
 *   and address, or an EVM listing's address is not `0x` + 40 lower-case hex (ingest never produces one).
 * @example
 * import { buildAddressIndexColumns } from './buildAddressIndexColumns.js';
 * const columns = buildAddressIndexColumns(normalized.addresses);
 */
export function buildAddressIndexColumns(listed: Iterable<ListedAddress>): AddressIndexColumns {
  requireIterable(listed, 'listed');
  const rows = [...listed];
  const familyRank = new Map(INDEX_FAMILIES.map((f, i) => [f, i]));
  const rank = new Uint8Array(rows.length);
  const rowOffsets = new Uint32Array(rows.length + 1);
  const scratch = new Uint8Array(512);
  let rowBytes = new Uint8Array(Math.max(64, rows.length * 21));
  rows.forEach((r, i) => {
    requireListing(r, `listed[${i}]`);
    rank[i] = familyRank.get(r.family) ?? INDEX_FAMILIES.length - 1;
    const bytes = addressKeyBytes(r.family, r.address, r.address.length * 3 <= scratch.length ? scratch : undefined);
    if (bytes === undefined)
      throw new JilError('INVALID_ARGUMENT', `listing of ${String(r.list)} has an EVM key that is not 0x + 40 lower-case hex`, {
        details: { field: `listed[${i}].address` },
      });
    const at = rowOffsets[i] as number;
    if (at + bytes.length > rowBytes.length) {
      const grown = new Uint8Array(Math.max(rowBytes.length * 2, at + bytes.length));
      grown.set(rowBytes);
      rowBytes = grown;
    }
    rowBytes.set(bytes, at);
    rowOffsets[i + 1] = at + bytes.length;
  });
  const order = sortRows(rank, rowBytes, rowOffsets);
  const keyOf = (row: number): Uint8Array => rowBytes.subarray(rowOffsets[row] as number, rowOffsets[row + 1] as number);
  const m = rows.length;
  const strings = new StringTable();
  const template = new Uint32Array(m);
  const provRow = new Int32Array(m).fill(-1);
  const provKey = new Uint32Array(m);
  const templates = new Map<string, number>();
  const t = {
    category: [] as number[],
    list: [] as number[],
    listDate: [] as number[],
    label: [] as number[],
    provDataset: [] as number[],
    provFile: [] as number[],
    entryDate: [] as number[],
    chainId: [] as number[],
  };
  const starts: number[] = [];
  const addressKeys: Uint8Array[] = [];
  const families: FamilyBlock[] = [];
  let previous = -1;
  let previousRank = -1;
  order.forEach((row, k) => {
    const r = rows[row] as ListedAddress;
    const key = keyOf(row);
    const fr = rank[row] as number;
    if (fr !== previousRank || previous < 0 || compareAt(rowBytes, rowOffsets, previous, row) !== 0) {
      if (fr !== previousRank) {
        const last = families.at(-1);
        if (last) last.end = addressKeys.length;
        families.push({ family: INDEX_FAMILIES[fr] ?? 'other', start: addressKeys.length, end: addressKeys.length });
      }
      starts.push(k);
      addressKeys.push(key);
      previous = row;
      previousRank = fr;
    }
    const tuple = [
      Math.max(0, INDEX_CATEGORIES.indexOf(r.category)),
      strings.id(r.list),
      strings.id(r.list_date),
      strings.id(r.label),
      strings.id(r.provenance.dataset),
      strings.id(r.provenance.file),
      strings.id(r.entry_date),
      strings.id(r.chain_id),
    ] as const;
    const tkey = tuple.join(',');
    let id = templates.get(tkey);
    if (id === undefined) {
      id = t.category.length;
      templates.set(tkey, id);
      t.category.push(tuple[0]);
      t.list.push(tuple[1]);
      t.listDate.push(tuple[2]);
      t.label.push(tuple[3]);
      t.provDataset.push(tuple[4]);
      t.provFile.push(tuple[5]);
      t.entryDate.push(tuple[6]);
      t.chainId.push(tuple[7]);
    }
    template[k] = id;
    if (r.provenance.row !== undefined) provRow[k] = r.provenance.row;
    provKey[k] = strings.id(r.provenance.key);
  });
  const last = families.at(-1);
  if (last) last.end = addressKeys.length;
  const n = addressKeys.length;
  const keyOffsets = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) keyOffsets[i + 1] = (keyOffsets[i] as number) + (addressKeys[i] as Uint8Array).length;
  const keyBytes = new Uint8Array(keyOffsets[n] as number);
  for (const [i, key] of addressKeys.entries()) keyBytes.set(key, keyOffsets[i] as number);
  const listingStart = new Uint32Array(n + 1);
  for (const [i, s] of starts.entries()) listingStart[i] = s;
  listingStart[n] = m;
  return {
    strings: strings.strings,
    families,
    keyBytes,
    keyOffsets,
    listingStart,
    template,
    category: Uint8Array.from(t.category),
    list: Uint32Array.from(t.list),
    listDate: Uint32Array.from(t.listDate),
    label: Uint32Array.from(t.label),
    provDataset: Uint32Array.from(t.provDataset),
    provFile: Uint32Array.from(t.provFile),
    provRow,
    provKey,
    entryDate: Uint32Array.from(t.entryDate),
    chainId: Uint32Array.from(t.chainId),
  };
}
