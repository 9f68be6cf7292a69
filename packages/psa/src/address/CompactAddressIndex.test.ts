import { bytesToHex } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ListedAddress } from '../datasets/NormalizedSnapshot.js';
import { decodeAddressIndex, encodeAddressIndex } from './addressIndexFile.js';
import { CompactAddressIndex } from './CompactAddressIndex.js';
import { MemoryAddressIndex } from './MemoryAddressIndex.js';
import { normalizeAddress } from './normalizeAddress.js';

const listing = (
  family: ListedAddress['family'],
  address: string,
  category: ListedAddress['category'],
  extra: Partial<ListedAddress> = {},
): ListedAddress => ({
  family,
  address,
  category,
  severity: ['exchange', 'defi', 'bridge'].includes(category) ? 'info' : 'hard',
  list: 'test',
  list_date: '2026-01-01',
  label: 'x',
  provenance: { dataset: 'test', file: 'x.json', row: 0 },
  ...extra,
});

const RONIN = '0x098b716b8aaf21512996dc57eb0615e2383e2f96';
const rows: ListedAddress[] = [
  listing('evm', RONIN, 'sanctioned', { label: 'Ronin exploiter', chain_id: 'eip155:1' }),
  listing('evm', '0x28c6c06298d514db089934071355e5743bf21d60', 'exchange', {
    label: 'Binance 14',
    provenance: { dataset: 'etherscan-labels', file: 'e.json', key: 'k1' },
  }),
  listing('evm', RONIN, 'dprk', { entry_date: '2022-03-29' }),
  listing('bitcoin', '1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu', 'sanctioned'),
  listing('bitcoin', 'bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmw', 'sanctioned'),
  listing('other', 'ünïcode-key', 'scam'),
];

describe('CompactAddressIndex', () => {
  const index = CompactAddressIndex.from(rows);
  const memory = MemoryAddressIndex.from(rows);

  it('returns the same listings as the Map index, in ingest order, for every family', () => {
    for (const r of rows) {
      const key = { family: r.family, normalized: r.address, display: '' };
      expect(index.lookup(key)).toEqual(memory.lookup(key));
    }
    expect(index.lookup(normalizeAddress('eip155:42161', '0x098B716B8Aaf21512996dC57EB0615e2383E2f96')).map((l) => l.category)).toEqual([
      'sanctioned',
      'dprk',
    ]);
    expect(index.size).toBe(5);
    expect(index.listings).toBe(6);
    expect(index.lists).toEqual(['test']);
  });

  it('finds nothing for unknown keys, other families or malformed EVM text', () => {
    expect(index.lookup(normalizeAddress('eip155:1', '0x0000000000000000000000000000000000000001'))).toEqual([]);
    expect(index.lookup({ family: 'litecoin', normalized: '1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu', display: '' })).toEqual([]);
    expect(index.lookup({ family: 'evm', normalized: '0xZZ8b716b8aaf21512996dc57eb0615e2383e2f96', display: '' })).toEqual([]);
    expect(index.lookup({ family: 'evm', normalized: RONIN.toUpperCase(), display: '' })).toEqual([]);
    expect(index.lookup({ family: 'bitcoin', normalized: '1BpEi6DfDAUFd7GtittLSdBeYJvcoaVgg', display: '' })).toEqual([]);
  });

  it('round-trips through the binary file format (views, no copy) and refuses a damaged file', () => {
    const bytes = encodeAddressIndex(index.columns, { snapshotSha256: 'ab'.repeat(32) });
    const { header, columns } = decodeAddressIndex(bytes);
    expect(header).toMatchObject({ version: 'JILADDR1', addresses: 5, listings: 6, snapshot_sha256: 'ab'.repeat(32) });
    const decoded = new CompactAddressIndex(columns);
    for (const r of rows) {
      const key = { family: r.family, normalized: r.address, display: '' };
      expect(decoded.lookup(key)).toEqual(index.lookup(key));
    }
    expect(() => decodeAddressIndex(bytes.subarray(0, bytes.length - 9))).toThrow(expect.objectContaining({ code: 'DATASET_PARSE_ERROR' }));
    expect(() => decodeAddressIndex(new TextEncoder().encode('not an index file'))).toThrow(
      expect.objectContaining({ code: 'DATASET_PARSE_ERROR' }),
    );
    // An unaligned copy still decodes (columns copied).
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    expect(
      new CompactAddressIndex(decodeAddressIndex(shifted).columns).lookup({ family: 'other', normalized: 'ünïcode-key', display: '' }),
    ).toHaveLength(1);
  });

  it('property: agrees with the Map index on random EVM keys, present and absent', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 20, maxLength: 20 }), { minLength: 1, maxLength: 60 }),
        fc.uint8Array({ minLength: 20, maxLength: 20 }),
        (keys, absent) => {
          const listed = keys.map((k, i) =>
            listing('evm', `0x${bytesToHex(k)}`, i % 3 === 0 ? 'exchange' : 'mixer', { provenance: { dataset: 'p', file: 'f', row: i } }),
          );
          const compact = CompactAddressIndex.from(listed);
          const map = MemoryAddressIndex.from(listed);
          for (const k of [...keys, absent]) {
            const key = { family: 'evm' as const, normalized: `0x${bytesToHex(k)}`, display: '' };
            expect(compact.lookup(key)).toEqual(map.lookup(key));
          }
          expect(compact.size).toBe(map.size);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('sorts a crowded prefix (hundreds of bc1q… keys) and keeps the listings of one address in input order', () => {
    const keys = Array.from({ length: 300 }, (_, i) => `bc1q${((i * 7919) % 300).toString(36).padStart(6, '0')}`);
    const listed = [...keys, ...keys.slice(0, 50)].map((k, i) =>
      listing('bitcoin', k, i < 300 ? 'sanctioned' : 'scam', { provenance: { dataset: 'p', file: 'f', row: i } }),
    );
    const compact = CompactAddressIndex.from(listed);
    const map = MemoryAddressIndex.from(listed);
    expect(compact.size).toBe(300);
    for (const k of keys) {
      const key = { family: 'bitcoin' as const, normalized: k, display: '' };
      expect(compact.lookup(key)).toEqual(map.lookup(key));
    }
  });
});
