import { base58, bech32 } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeAddress } from './normalizeAddress.js';

const BTC = 'bip122:000000000019d6689c085ae165831e93';
const LTC = 'bip122:12a765e31ffd4059bada1e25190f6e98';
const BCH = 'bip122:000000000000000000651ef99cb9fcbf';

const issueOf = (chain: string, address: string): unknown => {
  try {
    normalizeAddress(chain, address);
  } catch (error) {
    return (error as { details: { issue: string } }).details.issue;
  }
  return undefined;
};

const base58check = (payload: Uint8Array): string => base58.encode(Uint8Array.of(...payload, ...sha256(sha256(payload)).subarray(0, 4)));

describe('Bitcoin segwit (BIP-173 / BIP-350 §Test vectors for v0-v16 native segregated witness addresses)', () => {
  it.each([
    'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4',
    'bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y',
    'BC1SW50QGDZ25J',
    'bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs',
    'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
  ])('accepts %s and keys it in lower case', (address) => {
    const key = normalizeAddress(BTC, address);
    expect(key.normalized).toBe(address.toLowerCase());
    expect(key.family).toBe('bitcoin');
  });

  it.each([
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd', 'address_checksum'], // bech32 instead of bech32m
    ['BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL', 'address_checksum'],
    ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh', 'address_checksum'], // bech32m instead of bech32
    ['bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4', 'address_checksum'], // bad checksum character
    ['BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R', 'address_format'], // witness version 17
    ['bc1pw5dgrnzv', 'address_format'], // 1-byte program
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav', 'address_format'], // 41 bytes
    ['BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P', 'address_format'], // v0 16 bytes
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf', 'address_format'], // >4 bits padding
    ['bc1gmk9yu', 'address_checksum'], // empty data
    ['tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7', 'address_format'], // testnet
    ['bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', 'address_format'], // mixed case
  ])('rejects %s (%s)', (address, issue) => {
    expect(issueOf(BTC, address)).toBe(issue);
  });
});

describe('Bitcoin Base58Check', () => {
  it('accepts P2PKH and P2SH and keys them case-sensitively as written', () => {
    expect(normalizeAddress(BTC, '1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu').normalized).toBe('1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu');
    expect(normalizeAddress(BTC, '3CWFddi6m4ndiGyKqzYvsFYagqDLPVMTzC').family).toBe('bitcoin');
  });

  it('rejects a wrong version byte, a bad checksum and non-Base58 characters', () => {
    expect(issueOf(BTC, 'Lcrkh5it7ndxVswms1QuRd78g7Fx8a2Ude')).toBe('address_format'); // a Litecoin address
    expect(issueOf(BTC, '1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggv')).toBe('address_checksum');
    expect(issueOf(BTC, '1BpEi6DfDAUFd7GtittLSdBeYJvcoaVgg0')).toBe('address_format');
    expect(issueOf(BTC, '1bpEi6DfDAUFd7GtittLSdBeYJvcoaVggu')).not.toBeUndefined(); // case matters in Base58
  });

  it('property: any one-character change of a P2PKH address is rejected or changes the key', () => {
    const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.nat(100), fc.nat(ALPHABET.length - 1), (hash, p, c) => {
        const address = base58check(Uint8Array.of(0, ...hash));
        expect(normalizeAddress(BTC, address).normalized).toBe(address);
        const pos = p % address.length;
        fc.pre(address[pos] !== ALPHABET[c]);
        const changed = address.slice(0, pos) + ALPHABET[c] + address.slice(pos + 1);
        let key: string | undefined;
        try {
          key = normalizeAddress(BTC, changed).normalized;
        } catch {
          return;
        }
        expect(key).not.toBe(address);
      }),
    );
  });

  it('property: any one-character change of a segwit address is rejected (bech32 detects every substitution)', () => {
    const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.nat(100), fc.nat(31), (program, p, c) => {
        const address = bech32.encode('bc', [0, ...bech32.toWords(program)]);
        expect(normalizeAddress(BTC, address.toUpperCase()).normalized).toBe(address);
        const pos = 3 + (p % (address.length - 3));
        fc.pre(address[pos] !== CHARSET[c]);
        const changed = address.slice(0, pos) + CHARSET[c] + address.slice(pos + 1);
        expect(() => normalizeAddress(BTC, changed)).toThrow();
      }),
    );
  });
});

describe('Litecoin', () => {
  it('accepts L/M/3 Base58Check and ltc1 segwit, rejects Bitcoin bech32', () => {
    expect(normalizeAddress(LTC, 'Lcrkh5it7ndxVswms1QuRd78g7Fx8a2Ude').family).toBe('litecoin');
    expect(normalizeAddress(LTC, base58check(Uint8Array.of(0x32, ...new Uint8Array(20)))).family).toBe('litecoin');
    expect(normalizeAddress(LTC, '3CWFddi6m4ndiGyKqzYvsFYagqDLPVMTzC').family).toBe('litecoin');
    const ltc1 = bech32.encode('ltc', [0, ...bech32.toWords(new Uint8Array(20).fill(7))]);
    expect(normalizeAddress(LTC, ltc1.toUpperCase()).normalized).toBe(ltc1);
    expect(issueOf(LTC, 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4')).toBe('address_format');
    expect(issueOf(LTC, '1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu')).toBe('address_format');
  });
});

describe('Bitcoin Cash (CashAddr spec §Examples of address translation)', () => {
  it.each([
    ['1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu', 'bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a'],
    ['1KXrWXciRDZUpQwQmuM1DbwsKDLYAYsVLR', 'bitcoincash:qr95sy3j9xwd2ap32xkykttr4cvcu7as4y0qverfuy'],
    ['16w1D5WRVKJuZUsSRzdLp9w3YGcgoxDXb', 'bitcoincash:qqq3728yw0y47sqn6l2na30mcw6zm78dzqre909m2r'],
    ['3CWFddi6m4ndiGyKqzYvsFYagqDLPVMTzC', 'bitcoincash:ppm2qsznhks23z7629mms6s4cwef74vcwvn0h829pq'],
  ])('%s and %s have one key', (legacy, cashaddr) => {
    const a = normalizeAddress(BCH, legacy);
    expect(a.display).toBe(cashaddr);
    expect(normalizeAddress(BCH, cashaddr).normalized).toBe(a.normalized);
    expect(normalizeAddress(BCH, cashaddr.slice('bitcoincash:'.length).toUpperCase()).normalized).toBe(a.normalized);
  });

  it('rejects a bad CashAddr checksum and mixed case', () => {
    expect(issueOf(BCH, 'bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6c')).toBe('address_checksum');
    expect(issueOf(BCH, 'bitcoincash:Qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a')).toBe('address_format');
  });
});
