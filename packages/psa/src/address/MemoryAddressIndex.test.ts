import { describe, expect, it } from 'vitest';
import type { ListedAddress } from '../datasets/NormalizedSnapshot.js';
import { MemoryAddressIndex } from './MemoryAddressIndex.js';
import { normalizeAddress } from './normalizeAddress.js';

const listing = (family: ListedAddress['family'], address: string, category: ListedAddress['category']): ListedAddress => ({
  family,
  address,
  category,
  severity: category === 'exchange' ? 'info' : 'hard',
  list: 'test',
  list_date: '2026-01-01',
  label: 'x',
  provenance: { dataset: 'test', file: 'x.json', row: 0 },
});

describe('MemoryAddressIndex', () => {
  const index = MemoryAddressIndex.from([
    listing('evm', '0x098b716b8aaf21512996dc57eb0615e2383e2f96', 'sanctioned'),
    listing('evm', '0x098b716b8aaf21512996dc57eb0615e2383e2f96', 'dprk'),
    listing('bitcoin', '1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu', 'sanctioned'),
  ]);

  it('applies an EVM listing on every eip155 chain, whatever the request case', () => {
    for (const chain of ['eip155:1', 'eip155:56', 'eip155:42161']) {
      const key = normalizeAddress(chain, '0x098B716B8Aaf21512996dC57EB0615e2383E2f96');
      expect(index.lookup(key).map((l) => l.category)).toEqual(['sanctioned', 'dprk']);
    }
  });

  it('does not mix families and returns an empty array for unknown keys', () => {
    expect(index.lookup({ family: 'bitcoincash', normalized: '1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu', display: '' })).toEqual([]);
    expect(index.lookup(normalizeAddress('eip155:1', '0x0000000000000000000000000000000000000001'))).toEqual([]);
    expect(index.size).toBe(2);
  });

  it('strips family and address from the stored listing', () => {
    const [first] = index.lookup({ family: 'bitcoin', normalized: '1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu', display: '' });
    expect(first).not.toHaveProperty('family');
    expect(first).toMatchObject({ category: 'sanctioned', list: 'test' });
  });
});
