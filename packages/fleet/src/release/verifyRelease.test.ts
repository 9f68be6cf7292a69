import { base64Decode, bytesToUtf8, isJilError } from '@jil/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alice, bob, carol, DIGEST, hq, mallory, NOW, OTHER_DIGEST, release, trust } from '../testing/fixtures.testutil.js';
import { tamper, tamperArb } from '../testing/tamper.testutil.js';
import { addApproval } from './addApproval.js';
import { approveRelease } from './approveRelease.js';
import { createReleaseBody } from './createReleaseBody.js';
import { signRelease } from './signRelease.js';
import { verifyRelease } from './verifyRelease.js';

const later = (ms: number): Date => new Date(NOW.getTime() + ms);

describe('release metadata', () => {
  it('golden bytes: the payload is the RFC 8785 form of the body', () => {
    const { envelope } = release('devnet', []);
    expect(bytesToUtf8(base64Decode(envelope.payload))).toBe(
      '{"expires_at":"2025-06-02T12:00:00.000Z",' +
        '"image":{"digest":"sha256:abababababababababababababababababababababababababababababababab","name":"validator",' +
        '"repository":"127.0.0.1:5000/jil/validator","tag":"1.4.0"},"issued_at":"2025-06-01T12:00:00.000Z",' +
        '"release_id":"01970b3a-5c00-7000-8000-000000000001","track":"devnet","version":3}',
    );
    expect(envelope.signatures).toEqual([{ keyid: hq.keyid, sig: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/) }]);
  });

  it('verifies per track with the distinct approvals of the pinned policy: devnet 0, testnet 1, mainnet 2', () => {
    expect(verifyRelease(release('devnet', []).envelope, { trust, now: NOW })).toMatchObject({ valid: true, approverIds: [] });
    expect(verifyRelease(release('testnet', [alice]).envelope, { trust, now: NOW })).toMatchObject({ valid: true, approverIds: ['alice'] });
    expect(verifyRelease(release('mainnet', [alice, carol]).envelope, { trust, now: NOW })).toMatchObject({
      valid: true,
      approverIds: ['alice', 'carol'],
    });
    expect(verifyRelease(release('testnet', []).envelope, { trust, now: NOW })).toMatchObject({
      valid: false,
      check: 'approvals',
      code: 'FLEET_APPROVALS_NOT_MET',
    });
    expect(verifyRelease(release('mainnet', [alice]).envelope, { trust, now: NOW })).toMatchObject({
      valid: false,
      check: 'approvals',
      code: 'FLEET_APPROVALS_NOT_MET',
      details: { required: 2, approvers: ['alice'] },
    });
  });

  it('one approver signing twice counts once; an approver key outside the policy is refused', () => {
    const { envelope } = release('mainnet', [alice]);
    const again = approveRelease(envelope, alice).signature;
    expect(() => addApproval(envelope, again, trust)).toThrow(expect.objectContaining({ code: 'FLEET_STATE_CONFLICT' }));
    const forged = {
      ...envelope,
      signatures: [...envelope.signatures, { ...envelope.signatures[1]!, keyid: envelope.signatures[1]!.keyid }],
    };
    expect(verifyRelease(forged, { trust, now: NOW })).toMatchObject({ valid: false, check: 'signature', code: 'FLEET_SIGNATURE_INVALID' });
    expect(() => addApproval(envelope, approveRelease(envelope, mallory).signature, trust)).toThrow(
      expect.objectContaining({ code: 'FLEET_SIGNATURE_INVALID' }),
    );
    const withMallory = { ...envelope, signatures: [...envelope.signatures, approveRelease(envelope, mallory).signature] };
    expect(verifyRelease(withMallory, { trust, now: NOW })).toMatchObject({
      valid: false,
      check: 'signature',
      details: { keyid: mallory.keyid },
    });
  });

  it('approvers alone cannot make a release: HQ must sign', () => {
    const body = createReleaseBody({
      track: 'mainnet',
      version: 1,
      image: { name: 'validator', repository: '127.0.0.1:5000/jil/v', tag: 't', digest: DIGEST },
      now: NOW,
    });
    const approverOnly = signRelease(body, [alice, bob]);
    expect(verifyRelease(approverOnly, { trust, now: NOW })).toMatchObject({
      valid: false,
      check: 'signature',
      message: 'HQ did not sign it',
    });
  });

  it('refuses expired (stale latest) and future metadata', () => {
    const { envelope } = release('devnet', []);
    expect(verifyRelease(envelope, { trust, now: later(86_400_000) })).toMatchObject({
      valid: false,
      check: 'validity',
      code: 'FLEET_RELEASE_EXPIRED',
    });
    expect(verifyRelease(envelope, { trust, now: later(86_399_999) }).valid).toBe(true);
    expect(verifyRelease(envelope, { trust, now: later(-60_001) })).toMatchObject({ valid: false, check: 'validity' });
    expect(verifyRelease(envelope, { trust, now: later(-60_000) }).valid).toBe(true);
  });

  it('refuses rollback below the accepted version and the same version with another digest', () => {
    const { envelope } = release('devnet', [], { version: 3 });
    expect(verifyRelease(envelope, { trust, now: NOW, accepted: { version: 4, digest: DIGEST } })).toMatchObject({
      valid: false,
      check: 'rollback',
      code: 'FLEET_RELEASE_ROLLBACK',
    });
    expect(verifyRelease(envelope, { trust, now: NOW, accepted: { version: 3, digest: OTHER_DIGEST } })).toMatchObject({
      valid: false,
      check: 'rollback',
    });
    expect(verifyRelease(envelope, { trust, now: NOW, accepted: () => ({ version: 3, digest: DIGEST }) }).valid).toBe(true);
    expect(verifyRelease(envelope, { trust, now: NOW, accepted: { version: 2, digest: OTHER_DIGEST } }).valid).toBe(true);
  });

  it('checks the digest to deploy', () => {
    const { envelope } = release('devnet', []);
    expect(verifyRelease(envelope, { trust, now: NOW, digest: OTHER_DIGEST })).toMatchObject({
      valid: false,
      check: 'digest',
      code: 'FLEET_DIGEST_MISMATCH',
    });
  });

  it('refuses malformed envelopes and bodies without throwing, listing the bad fields', () => {
    expect(verifyRelease(null, { trust, now: NOW })).toMatchObject({ check: 'envelope', code: 'FLEET_ENVELOPE_INVALID' });
    const body = createReleaseBody({
      track: 'devnet',
      version: 1,
      image: { name: 'validator', repository: '127.0.0.1:5000/jil/v', tag: 't', digest: DIGEST },
      now: NOW,
    });
    expect(() => signRelease({ ...body, version: 0, track: 'prod' as 'devnet' }, [hq])).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        details: { fields: [expect.objectContaining({ field: 'track' }), expect.objectContaining({ field: 'version' })] },
      }),
    );
    expect(() => verifyRelease(body, { trust, now: new Date('x') })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(isJilError(new Error())).toBe(false);
  });

  it('property: any tampering with release metadata fails verification', () => {
    const { envelope } = release('mainnet', [alice, bob]);
    fc.assert(
      fc.property(tamperArb(), (t) => {
        expect(verifyRelease(tamper(envelope, t), { trust, now: NOW }).valid).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
