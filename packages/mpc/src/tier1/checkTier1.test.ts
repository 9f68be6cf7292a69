import { generateKeyPair, sha256Hex, signDsse, utf8ToBytes, verifyWith } from '@jil/core';
import { PSA_PAYLOAD_TYPE, selectQuorum } from '@jil/psa';
import { issuePsa, quorumFixture, sampleRequest, T0 } from '@jil/psa-testkit';
import { describe, expect, it } from 'vitest';
import { coordinateSigning } from '../coordinator/coordinateSigning.js';
import { Cosigner } from '../coordinator/Cosigner.js';
import { trustedDealer } from '../keys/trustedDealer.js';
import { checkTier1 } from './checkTier1.js';
import { tier1Policy } from './tier1Policy.js';

const q = quorumFixture();
const tx = utf8ToBytes('unsigned-tx: transfer 1.5 ETH from 0x0519… to 0x6861…');
const bound = issuePsa(q, sampleRequest({ tx_preimage_hash: sha256Hex(tx) }), T0).envelope;
const at = new Date(T0.getTime() + 10_000);
const check = (psa: unknown, message = tx, now = at, consumed?: Set<string>) =>
  checkTier1({ message, psa, validatorSet: q.signedSet, now, ...(consumed ? { consumed } : {}) });

describe('Tier 1 policy (checkTier1)', () => {
  it('allows a message whose SHA-256 is the tx_preimage_hash of a valid, unexpired, passing PSA', () => {
    expect(check(bound)).toMatchObject({ allowed: true, txPreimageHash: sha256Hex(tx) });
  });

  it('refuses with a coded reason: other message, expired, not yet valid, not bound, no PSA, tampered, flag/fail, consumed', () => {
    const refusals: [string, ReturnType<typeof check>][] = [
      ['PSA_PREIMAGE_MISMATCH', check(bound, utf8ToBytes('another tx'))],
      ['PSA_EXPIRED', check(bound, tx, new Date(T0.getTime() + 60_000))],
      ['PSA_NOT_YET_VALID', check(bound, tx, new Date(T0.getTime() - 1))],
      ['PSA_PREIMAGE_MISMATCH', check(issuePsa(q, sampleRequest({ tx_preimage_hash: undefined }), T0).envelope)],
      // the same 32 bytes named as keccak256 bind another transaction: Tier 1 signs only a sha256 binding (issue 13)
      [
        'PSA_PREIMAGE_MISMATCH',
        check(issuePsa(q, sampleRequest({ tx_preimage_hash: sha256Hex(tx), tx_preimage_hash_alg: 'keccak256' }), T0).envelope),
      ],
      ['PSA_ENVELOPE_MALFORMED', check(undefined)],
      [
        'PSA_BAD_SIGNATURE',
        check({ ...bound, signatures: bound.signatures.map((s, i) => (i === 0 ? { ...s, sig: bound.signatures[1]!.sig } : s)) }),
      ],
      ['PSA_VALIDATOR_SET_INVALID', checkTier1({ message: tx, psa: bound, validatorSet: quorumFixture().set, now: at })],
      [
        'PSA_CONSUMED',
        check(bound, tx, at, new Set([(JSON.parse(Buffer.from(bound.payload, 'base64').toString()) as { psa_id: string }).psa_id])),
      ],
    ];
    for (const verdict of ['flag', 'fail'] as const) {
      const { body } = issuePsa(q, sampleRequest({ tx_preimage_hash: sha256Hex(tx) }), T0);
      refusals.push([
        'TIER1_VERDICT_NOT_PASS',
        check(signDsse(PSA_PAYLOAD_TYPE, { ...body, verdict }, selectQuorum(q.validators, q.verifiedSet.set, 3))),
      ]);
    }
    for (const [code, d] of refusals) {
      expect(d).toMatchObject({ allowed: false, code });
      if (!d.allowed) expect(d.message.length).toBeGreaterThan(0);
    }
  });
});

describe('Tier 1 co-signing (JIL cosigner with tier1Policy, required in the signer set)', () => {
  const { publicKeyPackage, keyPackages } = trustedDealer({ minSigners: 2, maxSigners: 3 });
  const entries = Object.entries(keyPackages);
  const keys = entries.map(() => generateKeyPair());
  const roster = Object.fromEntries(entries.map(([id], i) => [id, keys[i]!.publicKey]));
  const [jilId] = entries[0]!;
  const cosigners = entries.map(
    ([id, kp], i) =>
      new Cosigner({
        identifier: id,
        identitySecretKey: keys[i]!.secretKey,
        roster,
        keyPackage: kp,
        ...(i === 0 ? { policy: tier1Policy({ validatorSet: q.signedSet, now: () => at }) } : {}),
      }),
  );

  it('signs the bound transaction once; refuses a second use of the PSA and a mismatching transaction, saying why', async () => {
    const ok = await coordinateSigning({
      participants: cosigners,
      publicKeyPackage,
      message: tx,
      context: { psa: bound },
      required: [jilId],
    });
    expect(ok.signers).toContain(jilId);
    expect(verifyWith('node', ok.signature, tx, publicKeyPackage.commitments[0]!)).toBe(true);
    const again = await coordinateSigning({
      participants: cosigners,
      publicKeyPackage,
      message: tx,
      context: { psa: bound },
      required: [jilId],
    }).catch((e: unknown) => e);
    expect(again).toMatchObject({ code: 'QUORUM_NOT_MET', details: { refusals: { [jilId]: { code: 'PSA_CONSUMED' } } } });
    const other = await coordinateSigning({
      participants: cosigners,
      publicKeyPackage,
      message: utf8ToBytes('other tx'),
      context: { psa: bound },
      required: [jilId],
    }).catch((e: unknown) => e);
    expect(other).toMatchObject({ code: 'QUORUM_NOT_MET', details: { refusals: { [jilId]: { code: 'PSA_PREIMAGE_MISMATCH' } } } });
  });
});
