import { bytesToHex, generateKeyPair, hexToBytes } from '@jil/core';
import { describe, expect, it } from 'vitest';
import { readVector, scalarInput, scriptedRng, zcashDir } from '../__fixtures__/vectors.js';
import { getCiphersuite } from '../suite/Ciphersuite.js';
import { identifierFromNumber } from '../suite/identifiers.js';
import { DkgParticipant } from './DkgParticipant.js';
import type { DkgRound1Package } from './DkgPackages.js';
import { openShare } from './sealShare.js';
import { verifyProofOfKnowledge } from './verifyProofOfKnowledge.js';

/**
 * ZF `vectors_dkg.json` (t = 2, n = 3): each participant's a_i0 (`signing_key`) and a_i1 (`coefficient`) are fed to
 * DkgParticipant; its VSS commitment, the shares it sends (the vector lists them under the receiver, keyed by sender), its final signing
 * share, verifying share and the group verifying key must equal the vector. The vector's proofs of knowledge are checked as they are (their
 * nonce is not in the file), and every participant's round two runs on the vector's round-one packages.
 */
describe.each(['ed25519', 'ristretto255'] as const)('ZF DKG vectors: %s', (suite) => {
  const v = readVector('frost-zcash', zcashDir(suite), 'vectors_dkg.json');
  const s = getCiphersuite(suite);
  const n = v.config.MAX_PARTICIPANTS as number;
  const t = v.config.MIN_PARTICIPANTS as number;
  const nums = Array.from({ length: n }, (_, i) => i + 1);
  const vectorRound1 = (i: number): DkgRound1Package => ({
    identifier: identifierFromNumber(i),
    commitment: v.inputs[String(i)].vss_commitments.map(hexToBytes),
    proofOfKnowledge: hexToBytes(v.inputs[String(i)].proof_of_knowledge),
  });

  it('every proof of knowledge verifies; a tampered one does not', () => {
    for (const i of nums) expect(verifyProofOfKnowledge(suite, vectorRound1(i), t)).toBe(true);
    const p = vectorRound1(1);
    const bad = { ...p, proofOfKnowledge: Uint8Array.from(p.proofOfKnowledge) };
    bad.proofOfKnowledge[40]! ^= 1;
    expect(verifyProofOfKnowledge(suite, bad, t)).toBe(false);
    expect(verifyProofOfKnowledge(suite, { ...p, identifier: identifierFromNumber(2) }, t)).toBe(false);
  });

  it('commitments, sent shares, signing shares, verifying shares and the group key reproduce', () => {
    const keys = new Map(nums.map((i) => [identifierFromNumber(i), generateKeyPair()]));
    const roster = Object.fromEntries([...keys].map(([id, k]) => [id, k.publicKey]));
    const participants = nums.map((i) => {
      const input = v.inputs[String(i)];
      const p = DkgParticipant.start({
        suite,
        identifier: identifierFromNumber(i),
        minSigners: t,
        maxSigners: n,
        ceremonyId: 'vector',
        identitySecretKey: keys.get(identifierFromNumber(i))!.secretKey,
        roster,
        secret: hexToBytes(input.signing_key),
        rng: scriptedRng([scalarInput(input.coefficient)]),
      });
      expect(p.round1Package.commitment.map(bytesToHex)).toEqual(input.vss_commitments);
      return p;
    });
    const sent = participants.map((p, k) => p.round2(nums.filter((j) => j !== k + 1).map(vectorRound1)));
    sent.forEach((packages, k) => {
      for (const pkg of packages) {
        const to = nums.find((j) => identifierFromNumber(j) === pkg.recipient)!;
        const share = openShare(pkg.sealedShare, {
          context: 'vector',
          sender: pkg.sender,
          recipient: pkg.recipient,
          secretKey: keys.get(pkg.recipient)!.secretKey,
          peerPublicKey: roster[pkg.sender]!,
        });
        expect(bytesToHex(share)).toBe(v.inputs[String(to)].signing_shares[String(k + 1)]); // held by `to`, keyed by sender
      }
    });
    participants.forEach((p, k) => {
      const received = sent.flat().filter((x) => x.recipient === p.identifier);
      const kp = p.round3(nums.filter((j) => j !== k + 1).map(vectorRound1), received);
      const input = v.inputs[String(k + 1)];
      expect(bytesToHex(kp.signingShare)).toBe(input.signing_share);
      expect(bytesToHex(kp.publicKeyPackage.verifyingShares[p.identifier]!)).toBe(input.verifying_share);
      expect(bytesToHex(kp.publicKeyPackage.commitments[0]!)).toBe(v.inputs.verifying_key);
      expect(bytesToHex(s.baseMul(s.Fn.fromBytes(kp.signingShare)))).toBe(input.verifying_share);
    });
  });
});
