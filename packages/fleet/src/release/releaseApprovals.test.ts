import { thrown } from '@jil/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alice, bob, carol, NOW, release, trust } from '../testing/fixtures.testutil.js';
import { TRACKS } from '../trust/FleetTrustPolicy.js';
import { releaseApprovals } from './releaseApprovals.js';
import { verifyRelease } from './verifyRelease.js';

describe('releaseApprovals (the approval-count rule HQ applies)', () => {
  it('devnet 0, testnet 1, mainnet 2 distinct approvers', () => {
    expect(releaseApprovals(release('devnet', []).envelope, trust)).toEqual({
      status: 'approved',
      track: 'devnet',
      required: 0,
      approverIds: [],
    });
    expect(releaseApprovals(release('testnet', []).envelope, trust)).toMatchObject({ status: 'pending', required: 1 });
    expect(releaseApprovals(release('testnet', [bob]).envelope, trust)).toMatchObject({ status: 'approved', approverIds: ['bob'] });
    expect(releaseApprovals(release('mainnet', [alice]).envelope, trust)).toMatchObject({ status: 'pending', required: 2 });
    expect(releaseApprovals(release('mainnet', [alice, carol]).envelope, trust)).toMatchObject({
      status: 'approved',
      approverIds: ['alice', 'carol'],
    });
  });

  it('property: approved exactly when verifyRelease accepts the approvals', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TRACKS), fc.subarray([alice, bob, carol]), (track, approvers) => {
        const { envelope } = release(track, approvers);
        const verdict = verifyRelease(envelope, { trust, now: NOW });
        expect(releaseApprovals(envelope, trust).status === 'approved').toBe(verdict.valid);
        expect(verdict.valid || verdict.check === 'approvals').toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('throws the verifier codes for an envelope that does not verify', () => {
    const { envelope } = release('mainnet', [alice, bob]);
    expect(thrown(() => releaseApprovals({ ...envelope, payload: 'AAAA' }, trust))).toMatchObject({ code: 'FLEET_ENVELOPE_INVALID' });
    const forged = {
      ...envelope,
      signatures: [...envelope.signatures.slice(0, 2), { ...envelope.signatures[2]!, sig: envelope.signatures[1]!.sig }],
    };
    expect(thrown(() => releaseApprovals(forged, trust))).toMatchObject({
      code: 'FLEET_SIGNATURE_INVALID',
      details: { check: 'signature' },
    });
    expect(thrown(() => releaseApprovals(envelope, null as never))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field: 'trust' },
    });
  });
});
