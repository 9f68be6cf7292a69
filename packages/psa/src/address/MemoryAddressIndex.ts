import type { ListedAddress } from '../datasets/NormalizedSnapshot.js';
import { requireIterable, requireListing } from '../internal/requireArgument.js';
import type { AddressIndex, AddressKey, AddressListing, ChainFamily } from '../datasets/types.js';

const EMPTY: readonly AddressListing[] = Object.freeze([]);

/**
 * In-memory {@link AddressIndex}: a `Map` from `family:normalized` to the listings of that address. EVM listings are
 * keyed by family, not chain, so a listing from any source applies on every `eip155` chain (an EOA controls the
 * same address on all of them; `listing.chain_id` says where the source saw it).
 *
 * Sized for the bundled lists (~50k listings); a larger store can implement the same interface.
 *
 * @example
 * import { MemoryAddressIndex, normalizeAddress } from '@jil/psa';
 * const index = MemoryAddressIndex.from(normalized.addresses);
 * index.lookup(normalizeAddress('eip155:1', '0x098b716b8aaf21512996dc57eb0615e2383e2f96'));
 */
export class MemoryAddressIndex implements AddressIndex {
  readonly #map = new Map<string, AddressListing[]>();

  /**
   * Build an index from normalized listings (the `addresses` of a `NormalizedSnapshot`).
   *
   * @param listed - listings with their `family` and normalized `address`.
   * @returns the index.
   * @throws JilError `INVALID_ARGUMENT` (`details.field`) when `listed` is not iterable or a listing has no string
   *   family and address.
   */
  static from(listed: Iterable<ListedAddress>): MemoryAddressIndex {
    requireIterable(listed, 'listed');
    const index = new MemoryAddressIndex();
    let i = 0;
    for (const row of listed) {
      requireListing(row, `listed[${i++}]`);
      const { family, address, ...listing } = row;
      index.add(family, address, listing);
    }
    return index;
  }

  /**
   * Add one listing.
   *
   * @param family - chain family of the address.
   * @param normalized - normalized key text (`AddressKey.normalized`).
   * @param listing - the listing.
   */
  add(family: ChainFamily, normalized: string, listing: AddressListing): void {
    const key = `${family}:${normalized}`;
    const existing = this.#map.get(key);
    if (existing) existing.push(listing);
    else this.#map.set(key, [listing]);
  }

  /**
   * Listings of an address, or an empty array.
   *
   * @param key - from `normalizeAddress` (request side) or `addressKeyFromListing`.
   * @returns the listings, in ingest order (dataset order, then file order).
   */
  lookup(key: AddressKey): readonly AddressListing[] {
    return this.#map.get(`${key.family}:${key.normalized}`) ?? EMPTY;
  }

  /** Number of distinct addresses (family + key). */
  get size(): number {
    return this.#map.size;
  }
}
