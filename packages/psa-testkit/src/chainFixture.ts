import { generateKeyPair, signDsse, type DsseSigner } from '@jil/core';
import {
  buildPsaBody,
  changeThreshold,
  embeddedValidatorFromSeed,
  PSA_PAYLOAD_TYPE,
  revokeValidator,
  rotateValidatorKey,
  signNextValidatorSet,
  verifyValidatorSetChain,
  type EmbeddedValidator,
  type SignedValidatorSet,
  type VerifiedValidatorSet,
} from '@jil/psa';
import { EMPTY_SNAPSHOT, passFindings, quorumFixture, sampleRequest, T0, type QuorumFixture } from './psaFixture.js';

/** One version of the fixture chain: the signed document, the verified set and the keys active in it. */
export interface ChainVersion {
  signed: SignedValidatorSet;
  verified: VerifiedValidatorSet;
  /** The embedded validators holding the keys of this version (retired ones included). */
  validators: EmbeddedValidator[];
}

export interface ChainFixture {
  q: QuorumFixture;
  /** v1 (genesis) … v4. */
  v: [ChainVersion, ChainVersion, ChainVersion, ChainVersion];
  /** val-03's old (v1) and new (v2 on) validator. */
  oldVal03: EmbeddedValidator;
  newVal03: EmbeddedValidator;
  /** The validator revoked in v3. */
  revoked: EmbeddedValidator;
}

/** The quorum of `validators` minus `except`: the first 14 (or `count`) by id order. */
export function signersOf(validators: readonly EmbeddedValidator[], count = 14, except: readonly string[] = []): EmbeddedValidator[] {
  return validators.filter((v) => !except.includes(v.id)).slice(0, count);
}

/**
 * genesis v1 (20 validators, 14 of 20 over 7 jurisdictions) → v2 rotates val-03's key → v3 revokes val-07 →
 * v4 raises the threshold to 15 over 8 jurisdictions; each signed by 14 active validators of the version before
 * (the previous threshold), each version verified from the pin at {@link T0}.
 */
export function chainFixture(): ChainFixture {
  const q = quorumFixture();
  const v1: ChainVersion = { signed: q.signedSet, verified: q.verifiedSet, validators: q.validators };
  const oldVal03 = q.validators.find((v) => v.id === 'val-03')!;
  const newVal03 = embeddedValidatorFromSeed('val-03', oldVal03.jurisdiction, generateKeyPair().secretKey);
  const revoked = q.validators.find((v) => v.id === 'val-07')!;
  const next = (
    previous: ChainVersion,
    set: Parameters<typeof signNextValidatorSet>[0],
    signers: DsseSigner[],
    validators: EmbeddedValidator[],
    chain: SignedValidatorSet[],
  ): ChainVersion => {
    const signed = signNextValidatorSet(set, signers, previous.verified);
    return { signed, verified: verifyValidatorSetChain(q.signedSet, [...chain, signed], { now: T0 }), validators };
  };
  // the rotating validator's old key signs v2 (it is active in v1)
  const v2 = next(
    v1,
    rotateValidatorKey(v1.verified, 'val-03', newVal03.publicKey),
    signersOf(q.validators),
    q.validators.map((v) => (v.id === 'val-03' ? newVal03 : v)),
    [],
  );
  const v3 = next(v2, revokeValidator(v2.verified, 'val-07'), signersOf(v2.validators), v2.validators, [v2.signed]);
  const v4 = next(v3, changeThreshold(v3.verified, 15, 8), signersOf(v3.validators, 14, ['val-07']), v3.validators, [v2.signed, v3.signed]);
  return { q, v: [v1, v2, v3, v4], oldVal03, newVal03, revoked };
}

/** A PSA issued under `version` and signed by `signers`. */
export function psaUnder(version: VerifiedValidatorSet, signers: readonly DsseSigner[]) {
  const body = buildPsaBody({
    request: sampleRequest(),
    findings: passFindings(),
    snapshot: EMPTY_SNAPSHOT,
    validatorSet: version,
    matcher: { name: 'test', version: '0', threshold: 0.9 },
    now: T0,
  });
  return signDsse(PSA_PAYLOAD_TYPE, body, signers);
}
