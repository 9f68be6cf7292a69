/**
 * Address rules per chain family (EIP-55, Base58Check, bech32/bech32m, CashAddr, Tron, Solana), CAIP-2 chain
 * families, the in-memory address index and the compact (typed-array) index with its binary file format: what
 * `@jil/psa` publishes from this folder. The per-family decoders stay internal (imported from their own modules).
 */
export { addressKeyFromListing, listingAddressKey } from './addressKeyFromListing.js';
export { CHAIN_FAMILIES, chainFamilyOf } from './chainFamilyOf.js';
export { ACCEPTED_CHAIN_IDS, CHAIN_ID_SPELLINGS, normalizeChainId } from './normalizeChainId.js';
export { toChecksumAddress } from './evmAddress.js';
export { MemoryAddressIndex } from './MemoryAddressIndex.js';
export { CompactAddressIndex } from './CompactAddressIndex.js';
export type { AddressIndexColumns, FamilyBlock } from './AddressIndexColumns.js';
export {
  addressIndexBodyOffset,
  decodeAddressIndex,
  encodeAddressIndex,
  type AddressIndexFileHeader,
  type EncodeAddressIndexOptions,
} from './addressIndexFile.js';
export { isHardCategory } from './isHardCategory.js';
export { normalizeAddress } from './normalizeAddress.js';
