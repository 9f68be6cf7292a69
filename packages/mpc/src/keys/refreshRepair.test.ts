import { isJilError, utf8ToBytes, verifyWith } from '@jil/core';
import { describe, expect, it } from 'vitest';
import { aggregateSignature } from '../signing/aggregateSignature.js';
import { createSigningPackage } from '../signing/SigningPackage.js';
import { SigningSession } from '../signing/SigningSession.js';
import type { KeyPackage } from './KeyPackage.js';
import { createRefreshContribution, refreshKeyPackage, refreshShares } from './refreshShares.js';
import { repairShare } from './repairShare.js';
import { trustedDealer } from './trustedDealer.js';

const msg = utf8ToBytes('refresh');
function trySign(signers: KeyPackage[], pub = signers[0]!.publicKeyPackage): Uint8Array {
  const sessions = signers.map((kp) => SigningSession.create(kp));
  const pkg = createSigningPackage(
    sessions.map((s) => s.commitments),
    msg,
  );
  return aggregateSignature({ publicKeyPackage: pub, signingPackage: pkg, signatureShares: sessions.map((s) => s.sign(pkg)) });
}

describe('share refresh', () => {
  const { publicKeyPackage, keyPackages } = trustedDealer({ minSigners: 3, maxSigners: 4 });
  const old = Object.values(keyPackages);
  const fresh = refreshShares(old);

  it('keeps the group key, changes every share, and new shares sign', () => {
    expect(fresh[0]!.publicKeyPackage.commitments[0]).toEqual(publicKeyPackage.commitments[0]);
    for (const [i, kp] of fresh.entries()) expect(kp.signingShare).not.toEqual(old[i]!.signingShare);
    expect(verifyWith('node', trySign(fresh.slice(1)), msg, publicKeyPackage.commitments[0]!)).toBe(true);
  });

  it('old shares are useless together with new ones', () => {
    const mixed = [old[0]!, fresh[1]!, fresh[2]!];
    const e = (() => {
      try {
        trySign(mixed, fresh[0]!.publicKeyPackage);
      } catch (x) {
        return x;
      }
    })();
    expect(isJilError(e, 'FROST_INVALID_SHARE') && e.details['culprits']).toEqual([old[0]!.identifier]);
  });

  it('names a participant whose refresh share does not match its commitment', () => {
    const cs = old.map((kp) => createRefreshContribution(kp.publicKeyPackage, kp.identifier));
    const received = cs.map((c) => ({ sender: c.sender, commitment: c.commitment, share: c.shares[old[0]!.identifier]! }));
    received[2] = { ...received[2]!, share: received[1]!.share };
    try {
      refreshKeyPackage(old[0]!, received);
      expect.unreachable();
    } catch (e) {
      expect(isJilError(e, 'FROST_INVALID_KEY_SHARE') && e.details['culprits']).toEqual([old[2]!.identifier]);
    }
  });
});

describe('share repair (RTS)', () => {
  it.each(['ed25519', 'ristretto255'] as const)('%s: three helpers rebuild the lost share exactly', (suite) => {
    const kps = Object.values(trustedDealer({ suite, minSigners: 3, maxSigners: 5 }).keyPackages);
    const lost = kps[4]!;
    const repaired = repairShare(kps.slice(0, 3), lost.identifier);
    expect(repaired.signingShare).toEqual(lost.signingShare);
    trySign([repaired, kps[0]!, kps[1]!]);
  });
  it('refuses too few helpers', () => {
    const kps = Object.values(trustedDealer({ minSigners: 3, maxSigners: 4 }).keyPackages);
    expect(() => repairShare(kps.slice(0, 2), kps[3]!.identifier)).toThrow(/helpers/);
  });
});
