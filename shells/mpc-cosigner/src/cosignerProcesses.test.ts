import { resolve } from 'node:path';
import { generateKeyPair, isJilError, sha256Hex, utf8ToBytes, verifyWith } from '@jil/core';
import { generateEmbeddedValidators, signValidatorSet, validatorSetFor, verifyValidatorSet } from '@jil/psa';
import { issuePsa, sampleRequest } from '@jil/psa-testkit';
import { coordinateDkg, coordinateRefresh, coordinateSigning, identifierFromNumber, trustedDealer } from '@jil/mpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpParticipant } from './HttpParticipant.js';
import { startCosignerProcesses, type CosignerProcesses } from './startCosignerProcesses.js';

const message = utf8ToBytes('custody withdrawal 7');
/** Round deadline: generous, so a loaded CI machine is not mistaken for a stopped cosigner (a stopped one fails fast). */
const SLOW_CI = 30_000;

describe('3-of-4 cosigner processes on loopback (dealer keys, encrypted key files)', () => {
  const { publicKeyPackage, keyPackages } = trustedDealer({ minSigners: 3, maxSigners: 4 });
  let cluster: CosignerProcesses;
  beforeAll(async () => {
    cluster = await startCosignerProcesses({ n: 4, keyPackages });
  });
  afterAll(async () => cluster?.stopAll());

  it('signs with all four up; the signature is plain Ed25519 on node:crypto and noble', async () => {
    const r = await coordinateSigning({ participants: cluster.participants, publicKeyPackage, message, roundDeadlineMs: SLOW_CI });
    expect(r.signers).toHaveLength(3);
    expect(verifyWith('node', r.signature, message, publicKeyPackage.commitments[0]!)).toBe(true);
    expect(verifyWith('noble', r.signature, message, publicKeyPackage.commitments[0]!)).toBe(true);
  });

  it('keeps signing with one cosigner stopped, and names it as unresponsive', async () => {
    await cluster.stop(1);
    const r = await coordinateSigning({ participants: cluster.participants, publicKeyPackage, message, roundDeadlineMs: SLOW_CI });
    expect(r.unresponsive).toEqual([cluster.identifiers[1]]);
    expect(r.signers).toEqual([cluster.identifiers[0], cluster.identifiers[2], cluster.identifiers[3]]);
    expect(verifyWith('node', r.signature, message, publicKeyPackage.commitments[0]!)).toBe(true);
  });

  it(
    'mutual authentication: a request signed by another coordinator key, or a response not signed by the pinned cosigner key, is ' +
      'refused',
    async () => {
      const impostor = new HttpParticipant({
        identifier: cluster.identifiers[0]!,
        baseUrl: cluster.baseUrls[0]!,
        publicKey: cluster.publicKeys[0]!,
        coordinatorSecretKey: generateKeyPair().secretKey,
      });
      await expect(impostor.commit({ sessionId: 'x-1' }, AbortSignal.timeout(5_000))).rejects.toMatchObject({ code: 'AUTH_BAD_SIGNATURE' });
      const unpinned = new HttpParticipant({
        identifier: cluster.identifiers[0]!,
        baseUrl: cluster.baseUrls[0]!,
        publicKey: cluster.publicKeys[2]!,
        coordinatorSecretKey: generateKeyPair().secretKey,
      });
      await expect(unpinned.commit({ sessionId: 'x-2' }, AbortSignal.timeout(5_000))).rejects.toMatchObject({
        code: 'AUTH_BAD_SIGNATURE',
        details: { culprits: [cluster.identifiers[0]] },
      });
      const res = await fetch(`${cluster.baseUrls[0]}/v1/frost/commit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"sessionId":"x-3"}',
      });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('AUTH_MISSING_HEADER');
    },
  );
});

describe('a cheating cosigner process', () => {
  const { publicKeyPackage, keyPackages } = trustedDealer({ minSigners: 3, maxSigners: 4 });
  let cluster: CosignerProcesses;
  const cheater = identifierFromNumber(3);
  beforeAll(async () => {
    cluster = await startCosignerProcesses({
      n: 4,
      keyPackages,
      entries: { [cheater]: resolve(import.meta.dirname, '__fixtures__/tamperingCosigner.ts') },
    });
  });
  afterAll(async () => cluster?.stopAll());

  it('its tampered share is detected and it is named', async () => {
    const participants = cluster.participants.filter((p) => p.identifier !== identifierFromNumber(4));
    const e = await coordinateSigning({ participants, publicKeyPackage, message, roundDeadlineMs: SLOW_CI }).catch((x: unknown) => x);
    expect(isJilError(e, 'FROST_INVALID_SHARE') && e.details['culprits']).toEqual([cheater]);
  });
});

describe('DKG across cosigner processes', () => {
  let cluster: CosignerProcesses;
  beforeAll(async () => {
    cluster = await startCosignerProcesses({ n: 4 });
  });
  afterAll(async () => cluster?.stopAll());

  it('runs a 3-of-4 DKG, signs with the new group key, refreshes the shares and signs again under the same key', async () => {
    const pub = await coordinateDkg({ participants: cluster.participants, minSigners: 3, roundDeadlineMs: SLOW_CI });
    const r = await coordinateSigning({
      participants: cluster.participants.slice(1),
      publicKeyPackage: pub,
      message,
      roundDeadlineMs: SLOW_CI,
    });
    expect(verifyWith('node', r.signature, message, pub.commitments[0]!)).toBe(true);
    const next = await coordinateRefresh({ participants: cluster.participants, publicKeyPackage: pub, roundDeadlineMs: SLOW_CI });
    expect(next.commitments[0]).toEqual(pub.commitments[0]);
    expect(next.verifyingShares[cluster.identifiers[0]!]).not.toEqual(pub.verifyingShares[cluster.identifiers[0]!]);
    const again = await coordinateSigning({
      participants: cluster.participants.slice(0, 3),
      publicKeyPackage: next,
      message,
      roundDeadlineMs: SLOW_CI,
    });
    expect(verifyWith('noble', again.signature, message, pub.commitments[0]!)).toBe(true);
  });
});

describe('Tier 1 co-signing across processes (JIL cosigner with a pinned validator set)', () => {
  const now = new Date();
  const validators = generateEmbeddedValidators(20);
  const set = validatorSetFor({
    validators,
    setId: 'tier1-test',
    validFrom: new Date(now.getTime() - 86_400_000),
    validUntil: new Date(now.getTime() + 86_400_000),
  });
  const signedSet = signValidatorSet(set, validators);
  const q = { validators, set, signedSet, verifiedSet: verifyValidatorSet(signedSet, { now }) };
  const { publicKeyPackage, keyPackages } = trustedDealer({ minSigners: 2, maxSigners: 3 });
  const jil = identifierFromNumber(1);
  const tx = utf8ToBytes('unsigned tx bytes');
  let cluster: CosignerProcesses;
  beforeAll(async () => {
    cluster = await startCosignerProcesses({ n: 3, keyPackages, tier1ValidatorSets: { [jil]: signedSet } });
  });
  afterAll(async () => cluster?.stopAll());

  it('JIL signs a transaction bound to a passing PSA, and refuses another transaction with the PSA code', async () => {
    const psa = issuePsa(q, sampleRequest({ tx_preimage_hash: sha256Hex(tx) }), new Date()).envelope;
    const ok = await coordinateSigning({
      participants: cluster.participants,
      publicKeyPackage,
      message: tx,
      context: { psa },
      required: [jil],
      roundDeadlineMs: SLOW_CI,
    });
    expect(ok.signers).toContain(jil);
    expect(verifyWith('node', ok.signature, tx, publicKeyPackage.commitments[0]!)).toBe(true);
    const other = await coordinateSigning({
      participants: cluster.participants,
      publicKeyPackage,
      message: utf8ToBytes('other tx'),
      context: { psa: issuePsa(q, sampleRequest({ tx_preimage_hash: sha256Hex(tx) }), new Date()).envelope },
      required: [jil],
      roundDeadlineMs: SLOW_CI,
    }).catch((e: unknown) => e);
    expect(other).toMatchObject({ code: 'QUORUM_NOT_MET', details: { refusals: { [jil]: { code: 'PSA_PREIMAGE_MISMATCH' } } } });
  });
});
