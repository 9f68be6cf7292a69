import { isJilError, utf8ToBytes, verifyWith } from '@jil/core';
import { describe, expect, it } from 'vitest';
import { thrown } from '@jil/testkit';
import { trustedDealer } from '../keys/trustedDealer.js';
import type { CiphersuiteId } from '../suite/Ciphersuite.js';
import { aggregateSignature } from './aggregateSignature.js';
import { createSigningPackage } from './SigningPackage.js';
import { SigningSession } from './SigningSession.js';
import { verifyGroupSignature } from './verifyGroupSignature.js';

describe.each(['ed25519', 'ristretto255'] as const)('two-round signing: %s', (suite: CiphersuiteId) => {
  const { publicKeyPackage: pub, keyPackages } = trustedDealer({ suite, minSigners: 3, maxSigners: 4 });
  const kps = Object.values(keyPackages);
  const message = utf8ToBytes('transfer 1.5 ETH to 0x6861…f664');
  const round = (signers = kps.slice(0, 3)) => {
    const sessions = signers.map((kp) => SigningSession.create(kp));
    const pkg = createSigningPackage(
      sessions.map((x) => x.commitments),
      message,
    );
    return { sessions, pkg, shares: sessions.map((x) => x.sign(pkg)) };
  };

  it('any 3 of 4 sign; the result verifies as a group signature (and as plain Ed25519 on node:crypto and noble)', () => {
    for (const signers of [kps.slice(0, 3), kps.slice(1), [kps[0]!, kps[2]!, kps[3]!], kps]) {
      const { pkg, shares } = round(signers);
      const sig = aggregateSignature({ publicKeyPackage: pub, signingPackage: pkg, signatureShares: shares });
      expect(verifyGroupSignature(suite, sig, message, pub.commitments[0]!)).toBe(true);
      expect(verifyGroupSignature(suite, sig, utf8ToBytes('other'), pub.commitments[0]!)).toBe(false);
      if (suite === 'ed25519') {
        expect(verifyWith('node', sig, message, pub.commitments[0]!)).toBe(true);
        expect(verifyWith('noble', sig, message, pub.commitments[0]!)).toBe(true);
      }
    }
  });

  it('a session signs once: the second call is FROST_NONCE_REUSE, also after a failed first call', () => {
    const { sessions, pkg } = round();
    expect(sessions[0]!.consumed).toBe(true);
    expect(
      isJilError(
        thrown(() => sessions[0]!.sign(pkg)),
        'FROST_NONCE_REUSE',
      ),
    ).toBe(true);
    const fresh = SigningSession.create(kps[0]!);
    const foreign = createSigningPackage(round().pkg.commitments, message); // does not hold fresh's commitments
    expect(
      isJilError(
        thrown(() => fresh.sign(foreign)),
        'FROST_PROTOCOL_ERROR',
      ),
    ).toBe(true);
    expect(
      isJilError(
        thrown(() => fresh.sign(foreign)),
        'FROST_NONCE_REUSE',
      ),
    ).toBe(true);
    expect(JSON.stringify(fresh)).not.toMatch(/hiding|binding|nonce/);
  });

  it('names every cheater, not just the first', () => {
    const { pkg, shares } = round(kps);
    const tampered = shares.map((s, i) => (i === 1 || i === 3 ? { ...s, share: Uint8Array.from(shares[0]!.share) } : s));
    const e = thrown(() => aggregateSignature({ publicKeyPackage: pub, signingPackage: pkg, signatureShares: tampered }));
    expect(isJilError(e, 'FROST_INVALID_SHARE')).toBe(true);
    expect((e as { details: { culprits: string[] } }).details.culprits).toEqual([kps[1]!.identifier, kps[3]!.identifier]);
  });

  it('refuses missing, extra and unknown shares and too few signers, naming them', () => {
    const { pkg, shares } = round();
    const missing = thrown(() => aggregateSignature({ publicKeyPackage: pub, signingPackage: pkg, signatureShares: shares.slice(0, 2) }));
    expect(isJilError(missing, 'FROST_PROTOCOL_ERROR') && missing.details['culprits']).toEqual([kps[2]!.identifier]);
    const twoSigners = kps.slice(0, 2).map((kp) => SigningSession.create(kp));
    const small = createSigningPackage(
      twoSigners.map((x) => x.commitments),
      message,
    );
    expect(
      isJilError(
        thrown(() => twoSigners[0]!.sign(small)),
        'FROST_PROTOCOL_ERROR',
      ),
    ).toBe(true);
  });
});

describe('wrong types', () => {
  it('verifyGroupSignature throws INVALID_ARGUMENT on non-bytes and returns false on bad lengths', () => {
    for (const bad of [null, 'ab', [1, 2], 3]) {
      expect(
        isJilError(
          thrown(() => verifyGroupSignature('ed25519', bad as never, new Uint8Array(), new Uint8Array(32))),
          'INVALID_ARGUMENT',
        ),
      ).toBe(true);
    }
    expect(verifyGroupSignature('ed25519', new Uint8Array(63), new Uint8Array(), new Uint8Array(32))).toBe(false);
    expect(
      isJilError(
        thrown(() => trustedDealer({ minSigners: 1, maxSigners: 3 })),
        'INVALID_ARGUMENT',
      ),
    ).toBe(true);
    expect(
      isJilError(
        thrown(() => trustedDealer({ minSigners: 4, maxSigners: 3 })),
        'INVALID_ARGUMENT',
      ),
    ).toBe(true);
    expect(
      isJilError(
        thrown(() => trustedDealer({ suite: 'p256' as never, minSigners: 2, maxSigners: 3 })),
        'INVALID_ARGUMENT',
      ),
    ).toBe(true);
  });
});
