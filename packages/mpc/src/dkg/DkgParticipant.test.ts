import { generateKeyPair, isJilError, utf8ToBytes, verifyWith } from '@jil/core';
import { describe, expect, it } from 'vitest';
import { thrown as thrownBy } from '@jil/testkit';
import { samePublicKeyPackage } from '../keys/PublicKeyPackage.js';
import { aggregateSignature } from '../signing/aggregateSignature.js';
import { createSigningPackage } from '../signing/SigningPackage.js';
import { SigningSession } from '../signing/SigningSession.js';
import { identifierFromNumber } from '../suite/identifiers.js';
import { DkgParticipant } from './DkgParticipant.js';
import type { DkgRound2Package } from './DkgPackages.js';
import { sealShare } from './sealShare.js';

function setup(t: number, n: number, suite: 'ed25519' | 'ristretto255' = 'ed25519') {
  const ids = Array.from({ length: n }, (_, i) => identifierFromNumber(i + 1));
  const keys = ids.map(() => generateKeyPair());
  const roster = Object.fromEntries(ids.map((id, i) => [id, keys[i]!.publicKey]));
  const parts = ids.map((identifier, i) =>
    DkgParticipant.start({
      suite,
      identifier,
      minSigners: t,
      maxSigners: n,
      ceremonyId: 'c-1',
      identitySecretKey: keys[i]!.secretKey,
      roster,
    }),
  );
  const r1 = parts.map((p) => p.round1Package);
  const others = (p: DkgParticipant) => r1.filter((x) => x.identifier !== p.identifier);
  return { ids, keys, roster, parts, others };
}

/** What `f` throws, typed loosely for field access in assertions (`thrown` of @jil/testkit). */
const thrown = (f: () => unknown): any => thrownBy(f);

describe('DKG', () => {
  it.each(['ed25519', 'ristretto255'] as const)(
    '3-of-4 (%s): every participant ends with the same public key package, and any 3 sign',
    (suite) => {
      const { parts, others } = setup(3, 4, suite);
      const r2 = parts.flatMap((p) => p.round2(others(p)));
      const kps = parts.map((p) =>
        p.round3(
          others(p),
          r2.filter((x) => x.recipient === p.identifier),
        ),
      );
      for (const kp of kps) expect(samePublicKeyPackage(kp.publicKeyPackage, kps[0]!.publicKeyPackage)).toBe(true);
      const sessions = kps.slice(1).map((kp) => SigningSession.create(kp));
      const msg = utf8ToBytes('dkg');
      const pkg = createSigningPackage(
        sessions.map((s) => s.commitments),
        msg,
      );
      const sig = aggregateSignature({
        publicKeyPackage: kps[0]!.publicKeyPackage,
        signingPackage: pkg,
        signatureShares: sessions.map((s) => s.sign(pkg)),
      });
      if (suite === 'ed25519') expect(verifyWith('node', sig, msg, kps[0]!.publicKeyPackage.commitments[0]!)).toBe(true);
    },
  );

  it('a bad proof of knowledge is named in round 2', () => {
    const { parts, others, ids } = setup(2, 3);
    const forged = others(parts[0]!).map((p) =>
      p.identifier === ids[2] ? { ...p, proofOfKnowledge: Uint8Array.from(parts[1]!.round1Package.proofOfKnowledge) } : p,
    );
    const e = thrown(() => parts[0]!.round2(forged));
    expect(isJilError(e, 'FROST_INVALID_KEY_SHARE')).toBe(true);
    expect(e.details.culprits).toEqual([ids[2]]);
  });

  it('a tampered or misdirected round-2 share is named in round 3; wrong step order is refused', () => {
    const { parts, others, ids } = setup(2, 3);
    const r2 = parts.flatMap((p) => p.round2(others(p)));
    expect(
      isJilError(
        thrown(() => parts[0]!.round2(others(parts[0]!))),
        'FROST_PROTOCOL_ERROR',
      ),
    ).toBe(true);
    const mine = r2.filter((x) => x.recipient === ids[0]);
    const tampered: DkgRound2Package[] = mine.map((x) =>
      x.sender === ids[1] ? { ...x, sealedShare: Uint8Array.from(x.sealedShare).map((b, i) => (i === 30 ? b ^ 1 : b)) } : x,
    );
    const e = thrown(() => parts[0]!.round3(others(parts[0]!), tampered));
    expect(isJilError(e, 'FROST_INVALID_KEY_SHARE') && e.details.culprits).toEqual([ids[1]]);
    const unknown = thrown(() => parts[1]!.round3(others(parts[1]!), mine));
    expect(isJilError(unknown, 'FROST_PROTOCOL_ERROR')).toBe(true);
  });

  it('a well-sealed share that fails VSS is named (every such sender, not just the first)', () => {
    const { parts, others, ids, keys, roster } = setup(2, 4);
    const r2 = parts.flatMap((p) => p.round2(others(p)));
    const wrong = (sender: number): DkgRound2Package => ({
      sender: ids[sender]!,
      recipient: ids[0]!,
      sealedShare: sealShare(new Uint8Array(32).fill(sender), {
        context: 'c-1',
        sender: ids[sender]!,
        recipient: ids[0]!,
        secretKey: keys[sender]!.secretKey,
        peerPublicKey: roster[ids[0]!]!,
      }),
    });
    const mine = r2.filter((x) => x.recipient === ids[0]).map((x) => (x.sender === ids[1] ? wrong(1) : x.sender === ids[3] ? wrong(3) : x));
    const e = thrown(() => parts[0]!.round3(others(parts[0]!), mine));
    expect(isJilError(e, 'FROST_INVALID_KEY_SHARE') && e.details.culprits).toEqual([ids[1], ids[3]]);
  });
});
