import { HARD_CATEGORIES, INFO_CATEGORIES, type AddressCategory, type ChainFamily } from '../datasets/types.js';

/** Category codes of the compact index (`category` column): hard categories first, then informational ones. */
export const INDEX_CATEGORIES: readonly AddressCategory[] = [...HARD_CATEGORIES, ...INFO_CATEGORIES];

/** One family's block of keys: addresses `[start, end)` of the index, sorted by key bytes. */
export interface FamilyBlock {
  family: ChainFamily;
  start: number;
  end: number;
}

/**
 * The compact address index as plain typed arrays (what `CompactAddressIndex` reads and the binary snapshot
 * file stores). `n` addresses, `m` listings, `t` listing templates — the distinct (category, list, list date, label,
 * provenance dataset and file, entry date, chain) tuples, which listings share (a generated million addresses have
 * a handful). Strings are ids into `strings` (id 0 is `''`, read as "absent" for the optional `provKey`,
 * `entryDate`, `chainId`; `provRow` < 0 is absent).
 */
export interface AddressIndexColumns {
  /** String table; `strings[0]` is `''`. */
  strings: string[];
  /** Key blocks per family, in `INDEX_FAMILIES` order. */
  families: FamilyBlock[];
  /** Concatenated key bytes (EVM: 20 raw bytes; others: UTF-8 of the normalized text). */
  keyBytes: Uint8Array;
  /** `n + 1` offsets into `keyBytes`. */
  keyOffsets: Uint32Array;
  /** `n + 1` offsets into the listing columns: listings of address `i` are `[listingStart[i], listingStart[i + 1])`. */
  listingStart: Uint32Array;
  /** Template id per listing. */
  template: Uint32Array;
  /** Index into {@link INDEX_CATEGORIES}, per template. */
  category: Uint8Array;
  /** String ids per template. */
  list: Uint32Array;
  listDate: Uint32Array;
  label: Uint32Array;
  provDataset: Uint32Array;
  provFile: Uint32Array;
  /** Provenance row per listing, `-1` when absent. */
  provRow: Int32Array;
  /** Provenance key (string id) per listing. */
  provKey: Uint32Array;
  entryDate: Uint32Array;
  chainId: Uint32Array;
}

/** Names of the typed-array columns in file order (the binary snapshot writes them in this order). */
export const COLUMN_NAMES = [
  'keyBytes',
  'keyOffsets',
  'listingStart',
  'template',
  'category',
  'list',
  'listDate',
  'label',
  'provDataset',
  'provFile',
  'provRow',
  'provKey',
  'entryDate',
  'chainId',
] as const;

/** Typed-array constructor of each column. */
export const COLUMN_TYPES: Readonly<
  Record<(typeof COLUMN_NAMES)[number], Uint8ArrayConstructor | Uint32ArrayConstructor | Int32ArrayConstructor>
> = {
  keyBytes: Uint8Array,
  keyOffsets: Uint32Array,
  listingStart: Uint32Array,
  template: Uint32Array,
  category: Uint8Array,
  list: Uint32Array,
  listDate: Uint32Array,
  label: Uint32Array,
  provDataset: Uint32Array,
  provFile: Uint32Array,
  provRow: Int32Array,
  provKey: Uint32Array,
  entryDate: Uint32Array,
  chainId: Uint32Array,
};
