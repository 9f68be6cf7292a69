import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode, canonicalBytes, COMPOSITE_MLDSA65_ED25519, keyId, type DsseEnvelope } from '@jil/core';
import { EMPTY_SNAPSHOT, issuePsa, psaUnder, quorumFixture, sampleRequest, signersOf, T0 } from '@jil/psa-testkit';
import { MemoryRiskHistoryStore } from '../screening/MemoryRiskHistoryStore.js';
import { generateEmbeddedValidators, validatorSetFor } from '../validators/embeddedValidators.js';
import { rotateValidatorKey } from '../validators/rotateValidatorKey.js';
import { signNextValidatorSet } from '../validators/signNextValidatorSet.js';
import { signValidatorSet } from '../validators/signValidatorSet.js';
import { verifyValidatorSet } from '../validators/verifyValidatorSet.js';
import { createPreclearanceEngine } from './createPreclearanceEngine.js';
import { verifyPsa } from './verifyPsa.js';

const { signatureBytes, publicKeyBytes } = COMPOSITE_MLDSA65_ED25519;
const DAY = 86_400_000;
const now = new Date(T0.getTime() + 1000);
const outcome = (r: ReturnType<typeof verifyPsa>) => (r.valid ? 'valid' : `${r.check}:${r.code}`);
const withSignature = (env: DsseEnvelope, i: number, change: (sig: Uint8Array) => Uint8Array, keyid?: string): DsseEnvelope => ({
  ...env,
  signatures: env.signatures.map((s, j) => (j === i ? { keyid: keyid ?? s.keyid, sig: base64Encode(change(base64Decode(s.sig))) } : s)),
});

// Validator keys declare their suite; a composite (hybrid) key's signature verifies only when both halves do.
describe('verifyPsa with hybrid (ML-DSA-65 + Ed25519 composite) validator keys', () => {
  const validators = generateEmbeddedValidators(20, { suite: 'hybrid' });
  const set = validatorSetFor({
    validators,
    setId: 'hybrid-set',
    validFrom: new Date(T0.getTime() - DAY),
    validUntil: new Date(T0.getTime() + DAY),
    suite: 'hybrid',
  });
  const signedSet = signValidatorSet(set, validators);
  const verifiedSet = verifyValidatorSet(signedSet, { now: T0 });
  const engine = createPreclearanceEngine({
    snapshot: EMPTY_SNAPSHOT,
    validatorSet: verifiedSet,
    validators,
    riskHistory: new MemoryRiskHistoryStore(),
  });

  it('the set declares mldsa65-ed25519 keys of 1984 bytes', () => {
    expect(
      set.validators.every((v) => v.keys[0]!.alg === 'mldsa65-ed25519' && base64Decode(v.keys[0]!.public_key).length === publicKeyBytes),
    ).toBe(true);
  });

  it('a PSA issued by the embedded engine with hybrid validators verifies', async () => {
    const { envelope } = await engine.validate(sampleRequest(), T0);
    expect(envelope.signatures).toHaveLength(14);
    expect(envelope.signatures.every((s) => base64Decode(s.sig).length === signatureBytes)).toBe(true);
    expect(outcome(verifyPsa(envelope, { validatorSet: signedSet, now }))).toBe('valid');
  });

  it('refuses a composite signature stripped to its Ed25519 half, or to its ML-DSA half, or with either half altered', async () => {
    const { envelope } = await engine.validate(sampleRequest(), T0);
    const check = (env: DsseEnvelope) => outcome(verifyPsa(env, { validatorSet: signedSet, now }));
    const ed25519Half = (sig: Uint8Array) => sig.subarray(signatureBytes - 64);
    expect(check(withSignature(envelope, 3, ed25519Half))).toBe('signatures:PSA_BAD_SIGNATURE');
    expect(check(withSignature(envelope, 3, (sig) => sig.subarray(0, signatureBytes - 64)))).toBe('signatures:PSA_BAD_SIGNATURE');
    // the stripped half under the Ed25519 component's own key id: that key is not in the set
    const signer = validators.find((v) => v.keyid === envelope.signatures[3]!.keyid)!;
    expect(check(withSignature(envelope, 3, ed25519Half, keyId(signer.publicKey.subarray(publicKeyBytes - 32))))).toBe(
      'signatures:PSA_UNKNOWN_SIGNER',
    );
    for (const at of [10, signatureBytes - 10]) {
      expect(check(withSignature(envelope, 0, (sig) => sig.map((b, i) => (i === at ? b ^ 1 : b)))), `byte ${at}`).toBe(
        'signatures:PSA_BAD_SIGNATURE',
      );
    }
  });

  it('refuses a key whose length does not match the suite it declares', () => {
    const doc = JSON.parse(new TextDecoder().decode(base64Decode(signedSet.payload)));
    doc.validators[0].keys[0].alg = 'ed25519';
    expect(() => verifyValidatorSet(signValidatorSet(doc, validators), { now: T0 })).toThrowError(
      expect.objectContaining({ code: 'PSA_VALIDATOR_SET_INVALID', details: { rule: 'keys' } }),
    );
    doc.validators[0].keys[0] = {
      ...doc.validators[0].keys[0],
      alg: 'mldsa65-ed25519',
      public_key: base64Encode(validators[0]!.publicKey.subarray(publicKeyBytes - 32)),
    };
    expect(() => verifyValidatorSet(signValidatorSet(doc, validators), { now: T0 })).toThrowError(
      expect.objectContaining({ code: 'PSA_VALIDATOR_SET_INVALID', details: { rule: 'keys' } }),
    );
  });

  it('a mixed set, and a validator moved to the hybrid suite by key rotation, verify', () => {
    const q = quorumFixture();
    const hybrid03 = generateEmbeddedValidators(3, { suite: 'hybrid' })[2]!;
    const next = rotateValidatorKey(q.verifiedSet, 'val-03', hybrid03.publicKey, { alg: 'mldsa65-ed25519' });
    const v2 = signNextValidatorSet(next, signersOf(q.validators), q.verifiedSet);
    const v2verified = verifyValidatorSet(v2, { now: T0, previous: q.verifiedSet });
    const keys = q.validators.map((v) => (v.id === 'val-03' ? hybrid03 : v));
    const envelope = psaUnder(v2verified, signersOf(keys));
    expect(base64Decode(envelope.signatures.find((s) => s.keyid === hybrid03.keyid)!.sig).length).toBe(signatureBytes);
    expect(outcome(verifyPsa(envelope, { validatorSet: q.signedSet, validatorSetChain: [v2], now }))).toBe('valid');
    // the same PSA with val-03's composite signature stripped to its Ed25519 half
    const i = envelope.signatures.findIndex((s) => s.keyid === hybrid03.keyid);
    const stripped = withSignature(envelope, i, (sig) => sig.subarray(signatureBytes - 64));
    expect(outcome(verifyPsa(stripped, { validatorSet: q.signedSet, validatorSetChain: [v2], now }))).toBe('signatures:PSA_BAD_SIGNATURE');
  });

  it("measures a 14-signature hybrid PSA: over the transparency log's 65,535-byte entry limit (uint16 length)", async () => {
    const { envelope } = await engine.validate(sampleRequest(), T0);
    const hybridEntry = canonicalBytes(envelope).length;
    const ed25519Entry = canonicalBytes(issuePsa(quorumFixture()).envelope).length;
    // each signature grows from base64(64 B) = 88 to base64(3373 B) = 4500 characters: 14 × 4412 = 61,768 bytes more
    expect(hybridEntry - ed25519Entry).toBeGreaterThanOrEqual(14 * (4500 - 88));
    expect(hybridEntry).toBeGreaterThan(65_535);
    expect(hybridEntry).toBeLessThan(70_000);
  });
});
