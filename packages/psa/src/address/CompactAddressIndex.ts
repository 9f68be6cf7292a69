import type { ListedAddress } from '../datasets/NormalizedSnapshot.js';
import type { AddressIndex, AddressKey, AddressListing, ChainFamily } from '../datasets/types.js';
import { COLUMN_NAMES, INDEX_CATEGORIES, type AddressIndexColumns } from './AddressIndexColumns.js';
import { compareKeyBytes, writeAddressKey } from './addressKeyBytes.js';
import { buildAddressIndexColumns } from './buildAddressIndexColumns.js';
import { JilError } from '@jil/core';
import { requireArray, requireRecord } from '../internal/requireArgument.js';
import { isHardCategory } from './isHardCategory.js';

const EMPTY: readonly AddressListing[] = Object.freeze([]);
/** Most listed addresses whose materialized listings are kept (hits are rare; misses allocate nothing). */
const CACHE_LIMIT = 65_536;

/**
 * {@link AddressIndex} for millions of addresses: every key in one sorted byte table (EVM keys as 20 raw bytes,
 * other families as their normalized text), listings in typed-array columns with an interned string table, and
 * a 65,536-entry prefix table over the EVM block so that an EVM lookup is a binary search over a few keys.
 * About 40 bytes per address instead of several hundred for a `Map` of objects; the columns are what the binary
 * snapshot file stores, so loading is a read plus typed-array views.
 *
 * A miss allocates nothing; the listings of a hit are built once and kept (frozen) for later lookups of the same
 * address, up to 65,536 addresses.
 *
 * @example
 * import { CompactAddressIndex, normalizeAddress } from '@jil/psa';
 * const index = CompactAddressIndex.from(normalized.addresses);
 * index.lookup(normalizeAddress('eip155:1', '0x098b716b8aaf21512996dc57eb0615e2383e2f96'));
 */
export class CompactAddressIndex implements AddressIndex {
  readonly #c: AddressIndexColumns;
  readonly #ranges = new Map<ChainFamily, [number, number]>();
  readonly #evmPrefix: Uint32Array | undefined;
  /** The EVM block starts the table and every EVM key is 20 bytes: key `i` starts at byte `20 i`. */
  readonly #evmFixed: boolean;
  readonly #scratch = new Uint8Array(512);
  /** Materialized listings of addresses already looked up (frozen; cleared when it holds {@link CACHE_LIMIT}). */
  readonly #cache = new Map<number, readonly AddressListing[]>();
  #lists: readonly string[] | undefined;

  /**
   * Wrap columns (from {@link buildAddressIndexColumns} or a decoded snapshot file). The columns are not copied.
   *
   * @param columns - the index columns.
   * @throws JilError `INVALID_ARGUMENT` (`details.field`) when `columns` is not an object of typed-array columns with
   *   `strings` and `families` arrays.
   */
  constructor(columns: AddressIndexColumns) {
    requireRecord(columns, 'columns');
    for (const name of COLUMN_NAMES)
      if (!ArrayBuffer.isView(columns[name]))
        throw new JilError('INVALID_ARGUMENT', `columns.${name} must be a typed array`, { details: { field: `columns.${name}` } });
    requireArray(columns.strings, 'columns.strings');
    requireArray(columns.families, 'columns.families');
    columns.families.forEach((b, i) => {
      requireRecord(b, `columns.families[${i}]`);
    });
    this.#c = columns;
    for (const b of columns.families) this.#ranges.set(b.family, [b.start, b.end]);
    const evm = this.#ranges.get('evm');
    if (evm) {
      const prefix = new Uint32Array(65537);
      const { keyBytes, keyOffsets } = columns;
      let i = evm[0];
      for (let p = 0; p < 65536; p++) {
        prefix[p] = i;
        while (i < evm[1]) {
          const o = keyOffsets[i] as number;
          if ((((keyBytes[o] as number) << 8) | (keyBytes[o + 1] as number)) !== p) break;
          i++;
        }
      }
      prefix[65536] = evm[1];
      this.#evmPrefix = prefix;
    }
    this.#evmFixed = evm !== undefined && evm[0] === 0 && columns.keyOffsets[evm[1]] === 20 * evm[1];
  }

  /**
   * Build an index from normalized listings (the `addresses` of a `NormalizedSnapshot`).
   *
   * @param listed - listings with their `family` and normalized `address`.
   * @returns the index.
   * @throws JilError `INVALID_ARGUMENT` (`details.field`) as `buildAddressIndexColumns`: `listed` not iterable, a listing
   *   without string family and address, an EVM key that is not lower-case hex.
   */
  static from(listed: Iterable<ListedAddress>): CompactAddressIndex {
    return new CompactAddressIndex(buildAddressIndexColumns(listed));
  }

  /** The columns (for the binary snapshot file). */
  get columns(): AddressIndexColumns {
    return this.#c;
  }

  /** Number of distinct addresses (family + key). */
  get size(): number {
    return this.#c.keyOffsets.length - 1;
  }

  /** Number of listings. */
  get listings(): number {
    return this.#c.template.length;
  }

  /** Bytes held by the typed-array columns and the prefix table (strings not included). */
  get byteLength(): number {
    let n = this.#evmPrefix?.byteLength ?? 0;
    for (const name of COLUMN_NAMES) n += this.#c[name].byteLength;
    return n;
  }

  /** Dataset names that contributed listings, sorted. */
  get lists(): readonly string[] {
    this.#lists ??= [...new Set(Array.from(this.#c.list, (id) => this.#c.strings[id] ?? ''))].sort();
    return this.#lists;
  }

  /**
   * Listings of an address, or an empty array.
   *
   * @param key - from `normalizeAddress` (request side) or `addressKeyFromListing`.
   * @returns the listings, in ingest order (dataset order, then file order).
   */
  lookup(key: AddressKey): readonly AddressListing[] {
    const range = this.#ranges.get(key.family);
    if (range === undefined || typeof key.normalized !== 'string' || key.normalized.length > 128) return EMPTY;
    const probe = this.#scratch;
    const length = writeAddressKey(key.family, key.normalized, probe);
    if (length < 0) return EMPTY;
    let lo = range[0];
    let hi = range[1];
    const { keyBytes, keyOffsets } = this.#c;
    if (key.family === 'evm' && this.#evmPrefix) {
      const p = ((probe[0] as number) << 8) | (probe[1] as number);
      lo = this.#evmPrefix[p] as number;
      hi = this.#evmPrefix[p + 1] as number;
      if (this.#evmFixed) return this.#searchFixed(lo, hi, probe);
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const d = compareKeyBytes(keyBytes, keyOffsets[mid] as number, keyOffsets[mid + 1] as number, probe, length);
      if (d === 0) return this.#hit(mid);
      if (d < 0) lo = mid + 1;
      else hi = mid;
    }
    return EMPTY;
  }

  /** Binary search over fixed-width 20-byte EVM keys (no offset table reads). */
  #searchFixed(lo: number, hi: number, probe: Uint8Array): readonly AddressListing[] {
    const keyBytes = this.#c.keyBytes;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const at = 20 * mid;
      let d = 0;
      for (let i = 0; i < 20 && d === 0; i++) d = (keyBytes[at + i] as number) - (probe[i] as number);
      if (d === 0) return this.#hit(mid);
      if (d < 0) lo = mid + 1;
      else hi = mid;
    }
    return EMPTY;
  }

  /** The (cached, frozen) listings of address `address`. */
  #hit(address: number): readonly AddressListing[] {
    let found = this.#cache.get(address);
    if (found === undefined) {
      if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
      found = Object.freeze(this.#listingsOf(address));
      this.#cache.set(address, found);
    }
    return found;
  }

  #listingsOf(address: number): AddressListing[] {
    // Each listing and its provenance are frozen too: the array is shared by later lookups.
    const c = this.#c;
    const s = c.strings;
    const out: AddressListing[] = [];
    for (let k = c.listingStart[address] as number, end = c.listingStart[address + 1] as number; k < end; k++) {
      const t = c.template[k] as number;
      const category = INDEX_CATEGORIES[c.category[t] as number] ?? 'sanctioned';
      const provenance: AddressListing['provenance'] = {
        dataset: s[c.provDataset[t] as number] ?? '',
        file: s[c.provFile[t] as number] ?? '',
      };
      const row = c.provRow[k] as number;
      if (row >= 0) provenance.row = row;
      const key = c.provKey[k] as number;
      if (key !== 0) provenance.key = s[key] ?? '';
      const listing: AddressListing = {
        category,
        severity: isHardCategory(category) ? 'hard' : 'info',
        list: s[c.list[t] as number] ?? '',
        list_date: s[c.listDate[t] as number] ?? '',
        label: s[c.label[t] as number] ?? '',
        provenance,
      };
      const entryDate = c.entryDate[t] as number;
      if (entryDate !== 0) listing.entry_date = s[entryDate] ?? '';
      const chainId = c.chainId[t] as number;
      if (chainId !== 0) listing.chain_id = s[chainId] ?? '';
      Object.freeze(provenance);
      out.push(Object.freeze(listing));
    }
    return out;
  }
}
