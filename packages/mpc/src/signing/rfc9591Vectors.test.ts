import { bytesToHex, hexToBytes, verifyWith } from '@jil/core';
import { describe, expect, it } from 'vitest';
import { cfrgFile, readVector, scriptedRng, zcashDir } from '../__fixtures__/vectors.js';
import { verifyKeyPackage, type KeyPackage } from '../keys/KeyPackage.js';
import { publicKeyPackageFromCommitment } from '../keys/PublicKeyPackage.js';
import { getCiphersuite, type CiphersuiteId } from '../suite/Ciphersuite.js';
import { identifierFromNumber } from '../suite/identifiers.js';
import { aggregateSignature } from './aggregateSignature.js';
import { createSigningPackage } from './SigningPackage.js';
import { SigningSession } from './SigningSession.js';
import { verifyGroupSignature } from './verifyGroupSignature.js';

/**
 * RFC 9591 App. E vectors (CFRG poc copies and the ZF copies, incl. big identifiers): dealer shares, round-one
 * nonces and commitments (RNG fed with the vectors' randomness), signature shares and the final signature.
 * Binding factors are internal to @noble/curves; they are covered through the signature shares they determine.
 */
const cases: { suite: CiphersuiteId; name: string; file: string[] }[] = (['ed25519', 'ristretto255'] as const).flatMap((suite) => [
  { suite, name: 'cfrg-poc', file: ['frost-rfc9591-cfrg-poc', cfrgFile(suite)] },
  { suite, name: 'zcash vectors.json', file: ['frost-zcash', zcashDir(suite), 'vectors.json'] },
  { suite, name: 'zcash big identifiers', file: ['frost-zcash', zcashDir(suite), 'vectors-big-identifier.json'] },
]);

describe.each(cases)('RFC 9591 vectors: $suite $name', ({ suite, file }) => {
  const v = readVector(...file);
  const s = getCiphersuite(suite);
  const groupKeyHex: string = v.inputs.group_public_key ?? v.inputs.verifying_key_key;
  const message = hexToBytes(v.inputs.message);
  const max = Number(v.config.MAX_PARTICIPANTS);
  const min = Number(v.config.MIN_PARTICIPANTS);
  const commitments = [
    s.baseMul(s.Fn.fromBytes(hexToBytes(v.inputs.group_secret_key))),
    ...v.inputs.share_polynomial_coefficients.map((c: string) => s.baseMul(s.Fn.fromBytes(hexToBytes(c)))),
  ];
  const ids = v.inputs.participant_shares.map((p: { identifier: number }) => identifierFromNumber(p.identifier));
  const pub = publicKeyPackageFromCommitment(suite, commitments, ids);
  const keyPackages = new Map<number, KeyPackage>(
    v.inputs.participant_shares.map((p: { identifier: number; participant_share: string }) => [
      p.identifier,
      { suite, identifier: identifierFromNumber(p.identifier), signingShare: hexToBytes(p.participant_share), publicKeyPackage: pub },
    ]),
  );

  it('dealer: group key from the polynomial, every share passes VSS and reconstructs the secret', () => {
    expect(bytesToHex(pub.commitments[0]!)).toBe(groupKeyHex);
    expect(pub.maxSigners).toBe(max);
    expect(keyPackages.size).toBe(max);
    for (const kp of keyPackages.values()) verifyKeyPackage(kp);
    const some = [...keyPackages.values()].slice(0, min).map((kp) => ({ identifier: kp.identifier, signingShare: kp.signingShare }));
    expect(bytesToHex(s.frost.combineSecret(some, { min, max }))).toBe(v.inputs.group_secret_key);
  });

  it('round one, round two and aggregation reproduce nonces, commitments, shares and the signature', () => {
    const sessions = v.round_one_outputs.outputs.map((o: any) => {
      const kp = keyPackages.get(o.identifier)!;
      const session = SigningSession.create(
        kp,
        scriptedRng([hexToBytes(o.hiding_nonce_randomness), hexToBytes(o.binding_nonce_randomness)]),
      );
      expect(bytesToHex(session.commitments.hiding)).toBe(o.hiding_nonce_commitment);
      expect(bytesToHex(session.commitments.binding)).toBe(o.binding_nonce_commitment);
      return session;
    });
    const pkg = createSigningPackage(
      sessions.map((x: SigningSession) => x.commitments),
      message,
    );
    const shares = sessions.map((x: SigningSession) => x.sign(pkg));
    v.round_two_outputs.outputs.forEach((o: any, i: number) => {
      expect(shares[i].identifier).toBe(identifierFromNumber(o.identifier));
      expect(bytesToHex(shares[i].share)).toBe(o.sig_share);
    });
    const signature = aggregateSignature({ publicKeyPackage: pub, signingPackage: pkg, signatureShares: shares });
    expect(bytesToHex(signature)).toBe(v.final_output.sig);
    expect(verifyGroupSignature(suite, signature, message, pub.commitments[0]!)).toBe(true);
    if (suite === 'ed25519') {
      expect(verifyWith('node', signature, message, pub.commitments[0]!)).toBe(true);
      expect(verifyWith('noble', signature, message, pub.commitments[0]!)).toBe(true);
    }
  });
});
