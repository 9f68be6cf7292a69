/**
 * Address rules per chain family (EIP-55, Base58Check, bech32/bech32m, CashAddr, Tron, Solana), CAIP-2 chain
 * families, and the in-memory address index.
 */
export { addressError, type AddressIssue } from './addressError.js';
export { addressKeyFromListing, listingAddressKey } from './addressKeyFromListing.js';
export { CASHADDR_PREFIX, decodeCashAddress, encodeCashAddress, type CashAddress } from './cashAddress.js';
export { CHAIN_FAMILIES, chainFamilyOf } from './chainFamilyOf.js';
export { decodeBase58Check } from './decodeBase58Check.js';
export { decodeSegwitAddress, type SegwitAddress } from './decodeSegwitAddress.js';
export { normalizeEvmAddress, toChecksumAddress } from './evmAddress.js';
export { MemoryAddressIndex } from './MemoryAddressIndex.js';
export { normalizeAddress } from './normalizeAddress.js';
export { BITCOIN_PARAMS, LITECOIN_PARAMS, normalizeBitcoinAddress, type BitcoinLikeParams } from './normalizeBitcoinAddress.js';
export { normalizeBitcoinCashAddress } from './normalizeBitcoinCashAddress.js';
export { normalizeSolanaAddress } from './normalizeSolanaAddress.js';
export { normalizeTronAddress } from './normalizeTronAddress.js';
