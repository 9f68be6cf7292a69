import { type AddressCategory, type ChainFamily, isHardCategory, type ListedAddress, type RowProvenance } from '@jil/psa';

/** Fields of one listing before its severity is derived from the category. */
export interface ListedAddressInput {
  family: ChainFamily;
  /** Normalized key text (see `listingAddressKey`). */
  address: string;
  category: AddressCategory;
  list: string;
  list_date: string;
  label: string;
  provenance: RowProvenance;
  entry_date?: string | undefined;
  chain_id?: string | undefined;
}

/**
 * Build a {@link ListedAddress}: `severity` is `hard` for `HARD_CATEGORIES`, otherwise `info`; optional fields are
 * omitted when undefined (exactOptionalPropertyTypes, stable JSON).
 *
 * @param input - the listing fields.
 * @returns the listing.
 * @example
 * import { listedAddress } from './listedAddress.js';
 * listedAddress({ family: 'evm', address: '0x…', category: 'mixer', list: 'etherscan-labels', list_date: '2023-06-18',
 *   label: 'Tornado.Cash: Router', provenance: { dataset: 'etherscan-labels', file: 'etherscan_combinedAllLabels.json', key: '0x…' } });
 */
export function listedAddress(input: ListedAddressInput): ListedAddress {
  const { entry_date, chain_id, ...rest } = input;
  const out: ListedAddress = {
    ...rest,
    severity: isHardCategory(input.category) ? 'hard' : 'info',
  };
  if (entry_date !== undefined) out.entry_date = entry_date;
  if (chain_id !== undefined) out.chain_id = chain_id;
  return out;
}

/** Keeps the first listing per (family, address, category) of one dataset; later ones are counted as `duplicate`. */
export class ListingDeduper {
  readonly #seen = new Set<string>();

  /**
   * @param listing - candidate listing.
   * @returns `true` when no listing with the same family, address and category was accepted before.
   */
  accept(listing: Pick<ListedAddress, 'family' | 'address' | 'category'>): boolean {
    const key = `${listing.family}:${listing.address}:${listing.category}`;
    if (this.#seen.has(key)) return false;
    this.#seen.add(key);
    return true;
  }
}

export { isHardCategory };
