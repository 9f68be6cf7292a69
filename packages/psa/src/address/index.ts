/**
 * Address rules per chain family (EIP-55, Base58Check, bech32/bech32m, CashAddr, Tron, Solana), CAIP-2 chain
 * families, the in-memory address index and the compact (typed-array) index with its binary file format.
 */
export { addressError, type AddressIssue } from './addressError.js';
export { addressKeyFromListing, listingAddressKey } from './addressKeyFromListing.js';
export { CASHADDR_PREFIX, decodeCashAddress, encodeCashAddress, type CashAddress } from './cashAddress.js';
export { CHAIN_FAMILIES, chainFamilyOf } from './chainFamilyOf.js';
export { ACCEPTED_CHAIN_IDS, CHAIN_ID_SPELLINGS, normalizeChainId } from './normalizeChainId.js';
export { decodeBase58Check } from './decodeBase58Check.js';
export { decodeSegwitAddress, type SegwitAddress } from './decodeSegwitAddress.js';
export { normalizeEvmAddress, toChecksumAddress } from './evmAddress.js';
export { MemoryAddressIndex } from './MemoryAddressIndex.js';
export { CompactAddressIndex } from './CompactAddressIndex.js';
export { COLUMN_NAMES, INDEX_CATEGORIES, type AddressIndexColumns, type FamilyBlock } from './AddressIndexColumns.js';
export { addressKeyBytes, compareKeyBytes, INDEX_FAMILIES, writeAddressKey } from './addressKeyBytes.js';
export { buildAddressIndexColumns } from './buildAddressIndexColumns.js';
export { ADDRESS_INDEX_MAGIC, addressIndexBodyOffset, decodeAddressIndex, encodeAddressIndex, type AddressIndexFileHeader, type EncodeAddressIndexOptions } from './addressIndexFile.js';
export { isHardCategory } from './isHardCategory.js';
export { normalizeAddress } from './normalizeAddress.js';
export { BITCOIN_PARAMS, LITECOIN_PARAMS, normalizeBitcoinAddress, type BitcoinLikeParams } from './normalizeBitcoinAddress.js';
export { normalizeBitcoinCashAddress } from './normalizeBitcoinCashAddress.js';
export { normalizeSolanaAddress } from './normalizeSolanaAddress.js';
export { normalizeTronAddress } from './normalizeTronAddress.js';
