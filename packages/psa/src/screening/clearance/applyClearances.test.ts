import { describe, expect, it } from 'vitest';
import { sanctionsContext, sanctionsRequest, sanctionsSnapshot } from '@jil/psa-testkit';
import { createSanctionsStage } from '../sanctions/createSanctionsStage.js';
import type { NameHit } from '../types.js';
import type { SanctionsClearance } from './ClearanceStore.js';
import { MemoryClearanceStore } from './MemoryClearanceStore.js';

const snapshot = sanctionsSnapshot();
const stage = createSanctionsStage(snapshot);
const clearance = (over: Partial<SanctionsClearance> = {}): SanctionsClearance => ({
  clearance_id: '0190a1b2-0000-7000-8000-000000000001',
  custodian_id: 'cust',
  party_id: 'r1',
  list: 'ofac-sdn',
  entry_id: '1001',
  cleared_by: 'analyst.k@custodian',
  reason: 'different person: passport and DOB 1990 checked',
  cleared_at: '2026-06-15T09:30:00.000Z',
  ...over,
});
const screen = (store: MemoryClearanceStore, receiver: Record<string, unknown> = { name: 'Ivan Petrov', type: 'person' }) =>
  stage(sanctionsRequest({}, receiver), { ...sanctionsContext(snapshot), clearances: store });

describe('false-positive clearances in the sanctions stage', () => {
  it('suppresses the cleared entity for that party: the hit stays, as info, naming who cleared it, when and why', async () => {
    const out = await screen(new MemoryClearanceStore([clearance()]));
    expect(out.status).toBe('pass');
    expect(out.summary).toBe('receiver: 1 match(es), all cleared as false positives for this party');
    const hit = out.hits[0] as NameHit;
    expect(hit).toMatchObject({
      entry_id: '1001',
      severity: 'info',
      cleared: {
        clearance_id: '0190a1b2-0000-7000-8000-000000000001',
        cleared_by: 'analyst.k@custodian',
        cleared_at: '2026-06-15T09:30:00.000Z',
      },
    });
    expect(hit.reason).toMatch(
      new RegExp(
        '; suppressed: cleared as a false positive for this party by analyst\\.k@custodian on 2026-06-15 ' +
          '\\(different person: passport and DOB 1990 checked; clearance 0190a1b2-',
      ),
    );
  });

  it('does not apply to another party, another custodian, another entry, an expired clearance or another name', async () => {
    for (const c of [
      clearance({ party_id: 's1' }),
      clearance({ custodian_id: 'other' }),
      clearance({ entry_id: '1004' }),
      clearance({ expires_at: '2026-06-30T00:00:00.000Z' }),
      clearance({ party_name: 'Ivan Petrow Junior' }),
    ]) {
      const out = await screen(new MemoryClearanceStore([c]));
      expect([out.status, (out.hits[0] as NameHit).cleared]).toEqual(['fail', undefined]);
    }
    const named = await screen(new MemoryClearanceStore([clearance({ party_name: 'IVAN  petrov' })]));
    expect(named.status).toBe('pass');
  });

  it('a revoked clearance no longer suppresses', async () => {
    const store = new MemoryClearanceStore([clearance()]);
    expect((await screen(store)).status).toBe('pass');
    store.revoke('0190a1b2-0000-7000-8000-000000000001');
    expect((await screen(store)).status).toBe('fail');
  });
});
