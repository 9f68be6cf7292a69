import { describe, expect, it } from 'vitest';
import { EMPTY_SNAPSHOT, sampleRequest, T0 } from '@jil/psa-testkit';
import { MemoryRiskHistoryStore } from '../MemoryRiskHistoryStore.js';
import { createRiskStage, riskBand } from './createRiskStage.js';

const DEST = '0x6861495f5311a3eae8f8df6f63ea3bcbda60f664';
const ctx = (store: MemoryRiskHistoryStore) => ({
  snapshot: EMPTY_SNAPSHOT,
  now: T0,
  riskHistory: store,
  signal: new AbortController().signal,
});

async function seeded(n: number, cents: bigint, spacingMs = 3_600_000, destination = DEST) {
  const store = new MemoryRiskHistoryStore();
  for (let i = 0; i < n; i++)
    await store.append({
      sender_id: 'a-1',
      destination,
      amount_usd_cents: cents + BigInt((i % 5) * 50_000),
      at_ms: T0.getTime() - (i + 1) * spacingMs,
    });
  return store;
}

describe('risk stage', () => {
  const stage = createRiskStage();

  it('scores a routine transfer to a known destination low', async () => {
    const out = await stage(sampleRequest({ amount_usd: '5250.00' }), ctx(await seeded(10, 500_000n)));
    expect(out.status).toBe('pass');
    expect(out.score).toBe(0);
    expect(riskBand(out.score!)).toBe('low');
  });

  it('escalates a very large transfer, with the signals that add up to the score', async () => {
    const out = await stage(sampleRequest({ amount_usd: '25000000.00' }), ctx(await seeded(10, 500_000n)));
    const signals = Object.fromEntries(out.signals!.map((s) => [s.signal, s.points]));
    expect(signals['large_transfer']).toBe(40);
    expect(signals['amount_zscore']).toBe(25);
    expect(out.score).toBe(out.signals!.reduce((a, s) => a + s.points, 0));
    expect(riskBand(out.score!)).toBe('high');
  });

  it('counts velocity inside 60 s and flags a poisoned lookalike destination', async () => {
    const lookalike = `0x6861${'0'.repeat(32)}f664`;
    const store = await seeded(6, 500_000n, 5_000);
    const out = await stage(sampleRequest({ destination_address: lookalike }), ctx(store));
    const names = out.signals!.map((s) => s.signal);
    expect(names).toContain('velocity_60s');
    expect(names).toContain('novel_destination');
    expect(names).toContain('suspicious_suffix');
    expect(out.status).toBe('flag');
  });

  it('never exceeds 100', async () => {
    const store = await seeded(12, 100n, 1_000);
    const out = await stage(sampleRequest({ amount_usd: '99999999.00', destination_address: `0x6861${'0'.repeat(32)}f664` }), ctx(store));
    expect(out.score).toBeLessThanOrEqual(100);
  });
});
