import { generateKeyPair, isJilError, utf8ToBytes, verifyWith } from '@jil/core';
import { describe, expect, it } from 'vitest';
import { trustedDealer } from '../keys/trustedDealer.js';
import { identifierFromNumber } from '../suite/identifiers.js';
import { coordinateDkg } from './coordinateDkg.js';
import { coordinateRefresh } from './coordinateRefresh.js';
import { coordinateSigning } from './coordinateSigning.js';
import { Cosigner } from './Cosigner.js';
import type { FrostParticipant } from './FrostParticipant.js';

const ids = [1, 2, 3, 4].map((n) => identifierFromNumber(n));
const keys = ids.map(() => generateKeyPair());
const roster = Object.fromEntries(ids.map((id, i) => [id, keys[i]!.publicKey]));
const message = utf8ToBytes('withdrawal #42');

/** A participant that never answers until the round's deadline aborts it. */
const silent = (identifier: string): FrostParticipant => {
  const hang = (_r: unknown, signal: AbortSignal) =>
    new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
  return { identifier, commit: hang, sign: hang, dkgRound1: hang, dkgRound2: hang, dkgRound3: hang };
};

/** A participant whose signature shares are tampered with (a cheater). */
const tampering = (inner: Cosigner): FrostParticipant => ({
  identifier: inner.identifier,
  commit: (r) => inner.commit(r),
  sign: async (r) => {
    const s = await inner.sign(r);
    const share = Uint8Array.from(s.share);
    share[0]! ^= 1;
    return { ...s, share };
  },
  dkgRound1: (r) => inner.dkgRound1(r),
  dkgRound2: (r) => inner.dkgRound2(r),
  dkgRound3: (r) => inner.dkgRound3(r),
});

describe('coordinator (in process)', () => {
  const { publicKeyPackage, keyPackages } = trustedDealer({ minSigners: 3, maxSigners: 4 });
  const cosigners = ids.map(
    (id, i) => new Cosigner({ identifier: id, identitySecretKey: keys[i]!.secretKey, roster, keyPackage: keyPackages[id]! }),
  );

  it('3-of-4 signs with every single cosigner silent in turn', async () => {
    for (let down = 0; down < 4; down++) {
      const participants = cosigners.map((c, i) => (i === down ? silent(c.identifier) : c));
      const r = await coordinateSigning({ participants, publicKeyPackage, message, roundDeadlineMs: 300 });
      expect(r.unresponsive).toEqual([ids[down]]);
      expect(r.signers).not.toContain(ids[down]);
      expect(verifyWith('node', r.signature, message, publicKeyPackage.commitments[0]!)).toBe(true);
    }
  });

  it('two silent cosigners: QUORUM_NOT_MET naming them', async () => {
    const participants = cosigners.map((c, i) => (i < 2 ? silent(c.identifier) : c));
    await expect(coordinateSigning({ participants, publicKeyPackage, message, roundDeadlineMs: 200 })).rejects.toMatchObject({
      code: 'QUORUM_NOT_MET',
      details: { unresponsive: [ids[0], ids[1]] },
    });
  });

  it('a tampered share fails the session and names its sender', async () => {
    const participants = [tampering(cosigners[1]!), cosigners[0]!, cosigners[2]!];
    const e = await coordinateSigning({ participants, publicKeyPackage, message }).catch((x: unknown) => x);
    expect(isJilError(e, 'FROST_INVALID_SHARE') && e.details['culprits']).toEqual([ids[1]]);
  });

  it('a session id is single-use on the cosigner', async () => {
    await cosigners[0]!.commit({ sessionId: 's-1' });
    await expect(cosigners[0]!.commit({ sessionId: 's-1' })).rejects.toMatchObject({ code: 'FROST_PROTOCOL_ERROR' });
    const r = await coordinateSigning({ participants: cosigners, publicKeyPackage, message, sessionId: 's-2' });
    expect(r.signers).toHaveLength(3);
    await expect(cosigners[0]!.sign({ sessionId: 's-2', signingPackage: { commitments: [], message } })).rejects.toMatchObject({
      code: 'FROST_NONCE_REUSE',
    });
  });

  it(
    'a crash between the rounds cannot reuse nonces: the restarted ' + 'cosigner (same key, fresh memory) refuses the old session',
    async () => {
      const before = cosigners.slice(0, 3);
      const commitments = await Promise.all(before.map((c) => c.commit({ sessionId: 'crash-1' })));
      const restarted = new Cosigner({
        identifier: ids[0]!,
        identitySecretKey: keys[0]!.secretKey,
        roster,
        keyPackage: keyPackages[ids[0]!]!,
      });
      const signingPackage = { commitments: [...commitments].sort((a, b) => a.identifier.localeCompare(b.identifier)), message };
      await expect(restarted.sign({ sessionId: 'crash-1', signingPackage })).rejects.toMatchObject({ code: 'FROST_NONCE_REUSE' });
      const next = await coordinateSigning({ participants: [restarted, ...cosigners.slice(1)], publicKeyPackage, message });
      expect(verifyWith('node', next.signature, message, publicKeyPackage.commitments[0]!)).toBe(true);
    },
  );

  it('refresh through the coordinator: same group key, new shares that sign; old shares fail with new ones', async () => {
    const fresh = ids.map(
      (id, i) => new Cosigner({ identifier: id, identitySecretKey: keys[i]!.secretKey, roster, keyPackage: keyPackages[id]! }),
    );
    const next = await coordinateRefresh({ participants: fresh, publicKeyPackage });
    expect(next.commitments[0]).toEqual(publicKeyPackage.commitments[0]);
    expect(next.verifyingShares[ids[0]!]).not.toEqual(publicKeyPackage.verifyingShares[ids[0]!]);
    const r = await coordinateSigning({ participants: fresh.slice(1), publicKeyPackage: next, message });
    expect(verifyWith('node', r.signature, message, next.commitments[0]!)).toBe(true);
    const stale = new Cosigner({ identifier: ids[0]!, identitySecretKey: keys[0]!.secretKey, roster, keyPackage: keyPackages[ids[0]!]! });
    const e = await coordinateSigning({ participants: [stale, fresh[1]!, fresh[2]!], publicKeyPackage: next, message }).catch(
      (x: unknown) => x,
    );
    expect(isJilError(e, 'FROST_INVALID_SHARE') && e.details['culprits']).toEqual([ids[0]]);
    await expect(coordinateRefresh({ participants: fresh.slice(1), publicKeyPackage: next })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('DKG through the coordinator, then signing with the new key; a silent participant stops a DKG', async () => {
    const stored: string[] = [];
    const fresh = ids.map(
      (id, i) =>
        new Cosigner({
          identifier: id,
          identitySecretKey: keys[i]!.secretKey,
          roster,
          onKeyPackage: (kp) => void stored.push(kp.identifier),
        }),
    );
    const pub = await coordinateDkg({ participants: fresh, minSigners: 3 });
    expect(stored.sort()).toEqual(ids);
    const r = await coordinateSigning({ participants: fresh.slice(1), publicKeyPackage: pub, message });
    expect(verifyWith('noble', r.signature, message, pub.commitments[0]!)).toBe(true);
    const again = ids.map((id, i) => new Cosigner({ identifier: id, identitySecretKey: keys[i]!.secretKey, roster }));
    await expect(
      coordinateDkg({ participants: [...again.slice(0, 3), silent(ids[3]!)], minSigners: 3, roundDeadlineMs: 200 }),
    ).rejects.toMatchObject({ code: 'QUORUM_NOT_MET', details: { unresponsive: [ids[3]] } });
  });
});
