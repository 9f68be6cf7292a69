import { describe, expect, it } from 'vitest';
import { isJilError } from '@jil/core';
import { addressKeyFromListing, listingAddressKey } from './addressKeyFromListing.js';
import { chainFamilyOf } from './chainFamilyOf.js';
import { normalizeAddress } from './normalizeAddress.js';

const issueOf = (chain: string, address: unknown): unknown => {
  try {
    normalizeAddress(chain, address as string);
  } catch (error) {
    expect(isJilError(error, 'INVALID_ARGUMENT')).toBe(true);
    return (error as { details: { issue: string } }).details.issue;
  }
  return undefined;
};

describe('chainFamilyOf', () => {
  it.each([
    ['eip155:1', 'evm'],
    ['eip155:42161', 'evm'],
    ['bip122:000000000019d6689c085ae165831e93', 'bitcoin'],
    ['bip122:12a765e31ffd4059bada1e25190f6e98', 'litecoin'],
    ['bip122:000000000000000000651ef99cb9fcbf', 'bitcoincash'],
    ['tron:0x2b6653dc', 'tron'],
    ['tron:728126428', 'tron'],
    ['tron:mainnet', 'tron'],
    ['solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp', 'solana'],
    ['eip155:01', undefined],
    ['eip155:', undefined],
    ['bip122:000000000933ea01ad0ee984209779ba', undefined],
    ['cosmos:cosmoshub-4', undefined],
    ['toString', undefined],
    ['__proto__', undefined],
  ])('%s → %s', (chain, family) => {
    expect(chainFamilyOf(chain)).toBe(family);
  });

  it('returns undefined for non-strings', () => {
    expect(chainFamilyOf(1 as unknown as string)).toBeUndefined();
  });
});

describe('normalizeAddress', () => {
  it('refuses unsupported chains with chain_unsupported', () => {
    expect(issueOf('cosmos:cosmoshub-4', 'cosmos1xyz')).toBe('chain_unsupported');
  });

  it('refuses non-strings and over-long strings with address_format', () => {
    expect(issueOf('eip155:1', 42)).toBe('address_format');
    expect(issueOf('eip155:1', `0x${'a'.repeat(200)}`)).toBe('address_format');
  });

  it('Tron: Base58Check version 0x41', () => {
    expect(normalizeAddress('tron:0x2b6653dc', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t')).toEqual({
      family: 'tron',
      normalized: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
      display: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
    });
    expect(issueOf('tron:mainnet', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6T')).toBe('address_checksum');
    expect(issueOf('tron:mainnet', '1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu')).toBe('address_format');
  });

  it('Solana: 32 bytes of Base58', () => {
    const sol = 'solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp';
    expect(normalizeAddress(sol, '11111111111111111111111111111111').normalized).toBe('11111111111111111111111111111111');
    expect(normalizeAddress(sol, 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA').family).toBe('solana');
    expect(issueOf(sol, 'G3udanrxk8stVe8Se2zX')).toBe('address_format');
    expect(issueOf(sol, '1111111111111111111111111111111111')).toBe('address_format'); // 34 zero bytes
    expect(issueOf(sol, '0OIl1111111111111111111111111111')).toBe('address_format');
  });
});

describe('addressKeyFromListing (lenient, for ingest)', () => {
  it('trims and lower-cases EVM addresses without an EIP-55 check', () => {
    const key = addressKeyFromListing('evm', ' 0x098B716B8Aaf21512996dC57EB0615e2383E2F96 ');
    expect(key.normalized).toBe('0x098b716b8aaf21512996dc57eb0615e2383e2f96');
    expect(key.display).toBe('0x098B716B8Aaf21512996dC57EB0615e2383E2f96');
  });

  it('gives the same key as the strict rule for other families', () => {
    expect(listingAddressKey('bitcoin', 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4')).toBe(
      normalizeAddress('bip122:000000000019d6689c085ae165831e93', 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4').normalized,
    );
    expect(addressKeyFromListing('bitcoincash', '1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu').display).toBe(
      'bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a',
    );
  });

  it('keeps family other as published and still refuses malformed text', () => {
    expect(listingAddressKey('other', ' rnXyVQzgxZe7TR1EPzTkGj2jxH4LMJYh66 ')).toBe('rnXyVQzgxZe7TR1EPzTkGj2jxH4LMJYh66');
    expect(() => listingAddressKey('evm', '0x9CdfC5b0ACA4527a0916412E9dbD6AD85556A49')).toThrow(/40 hex/);
    expect(() => listingAddressKey('other', '   ')).toThrow();
  });
});
