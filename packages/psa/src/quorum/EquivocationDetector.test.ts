import { describe, expect, it } from 'vitest';
import { EquivocationDetector, type ObservedSignature } from './EquivocationDetector.js';

const sig = (validator_id: string, transit_id: string, body: string): ObservedSignature => ({
  validator_id,
  transit_id,
  psa_id: `psa-${body}`,
  payload: `b64-${body}`,
  payload_sha256: `sha-${body}`,
  keyid: `k-${validator_id}`,
  sig: `s-${validator_id}-${body}`,
});

describe('EquivocationDetector', () => {
  it('reports a second body signed by one validator for one transit_id, against the first one', () => {
    const d = new EquivocationDetector();
    expect(d.observe(sig('v1', 't1', 'A'))).toBeUndefined();
    expect(d.observe(sig('v2', 't1', 'A'))).toBeUndefined();
    expect(d.observe(sig('v1', 't1', 'A'))).toBeUndefined(); // the same body again is no equivocation
    expect(d.observe(sig('v2', 't1', 'B'))).toEqual(sig('v2', 't1', 'A'));
    expect(d.observe(sig('v2', 't1', 'C'))).toEqual(sig('v2', 't1', 'A'));
    expect(d.observe(sig('v1', 't2', 'B'))).toBeUndefined(); // another transit
  });

  it('forgets the least recently seen transit beyond maxTransits', () => {
    const d = new EquivocationDetector({ maxTransits: 2 });
    d.observe(sig('v1', 't1', 'A'));
    d.observe(sig('v1', 't2', 'A'));
    d.observe(sig('v1', 't1', 'A')); // t1 seen again: t2 is now the oldest
    d.observe(sig('v1', 't3', 'A'));
    expect(d.observe(sig('v1', 't1', 'B'))).toBeDefined();
    expect(d.observe(sig('v1', 't2', 'B'))).toBeUndefined();
  });

  it('wrong types', () => {
    expect(() => new EquivocationDetector({ maxTransits: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
