import { describe, expect, it } from 'vitest';
import { EMPTY_SNAPSHOT, sampleRequest, T0 } from '@jil/psa-testkit';
import { CompactAddressIndex } from '../../address/CompactAddressIndex.js';
import type { ListedAddress } from '../../datasets/NormalizedSnapshot.js';
import { MemoryRiskHistoryStore } from '../MemoryRiskHistoryStore.js';
import type { AddressHit } from '../types.js';
import { createEndpointsStage } from './createEndpointsStage.js';

const DEST = '0x6861495f5311a3eae8f8df6f63ea3bcbda60f664';
const listing = (category: ListedAddress['category'], severity: 'hard' | 'info', label: string): ListedAddress => ({
  family: 'evm',
  address: DEST,
  category,
  severity,
  list: 'test',
  list_date: '2026-01-01',
  label,
  provenance: { dataset: 'test', file: 'x', row: 1 },
});

const run = async (rows: ListedAddress[]) => {
  const snapshot = { ...EMPTY_SNAPSHOT, addresses: CompactAddressIndex.from(rows) };
  return createEndpointsStage()(sampleRequest(), {
    snapshot,
    now: T0,
    signal: new AbortController().signal,
    riskHistory: new MemoryRiskHistoryStore(),
  });
};

describe('createEndpointsStage', () => {
  it('an informational listing alone never fails', async () => {
    const out = await run([listing('exchange', 'info', 'Binance 14')]);
    expect(out.status).toBe('pass');
    expect(out.summary).toBe('no hard listing; 1 informational listing(s): exchange');
  });

  it('an address with a hard and an informational listing fails, and both the summary and the info hit explain why', async () => {
    const out = await run([listing('exchange', 'info', 'Exchange X'), listing('sanctioned', 'hard', 'SDN entity')]);
    expect(out.status).toBe('fail');
    expect(out.summary).toBe(
      '1 hard listing(s): destination sanctioned; destination is also listed as exchange (informational): the hard listing ' +
        'sanctioned fails the transfer',
    );
    const info = out.hits.find((h) => (h as AddressHit).category === 'exchange')!;
    expect(info.severity).toBe('info');
    expect(info.reason).toMatch(/informational only — the same address has a hard listing \(sanctioned\), which fails the transfer$/);
    expect(out.hits.find((h) => h.severity === 'hard')!.reason).not.toMatch(/informational/);
  });
});
