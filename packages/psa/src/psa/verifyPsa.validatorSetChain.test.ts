import { describe, expect, it } from 'vitest';
import { chainFixture, psaUnder, signersOf, T0 } from '@jil/psa-testkit';
import { generateEmbeddedValidators, validatorSetFor } from '../validators/embeddedValidators.js';
import { signValidatorSet } from '../validators/signValidatorSet.js';
import { verifyPsa } from './verifyPsa.js';

// A PSA verifies against the newest version reached from the pin: rotation, revocation and threshold changes are
// honoured, and a PSA under a set that is not reachable from the pin fails.
describe('verifyPsa with a validator-set chain', () => {
  const c = chainFixture();
  const [v1, v2, v3, v4] = c.v;
  const now = new Date(T0.getTime() + 1000);
  const result = (envelope: unknown, chain: unknown[], pin: unknown = v1.signed) => {
    const r = verifyPsa(envelope, { validatorSet: pin, validatorSetChain: chain, now });
    return r.valid ? 'valid' : `${r.check}:${r.code}`;
  };

  it('rotation: the new key is accepted, the old key is refused', () => {
    const withNew = psaUnder(v2.verified, signersOf(v2.validators));
    expect(withNew.signatures.some((s) => s.keyid === c.newVal03.keyid)).toBe(true);
    expect(result(withNew, [v2.signed])).toBe('valid');
    const withOld = psaUnder(v2.verified, signersOf(v1.validators));
    expect(result(withOld, [v2.signed])).toBe('signatures:PSA_UNKNOWN_SIGNER');
  });

  it('revocation: a signature by the revoked validator fails even with 14 others', () => {
    expect(result(psaUnder(v3.verified, signersOf(v3.validators, 14, ['val-07'])), [v2.signed, v3.signed])).toBe('valid');
    const withRevoked = psaUnder(v3.verified, [c.revoked, ...signersOf(v3.validators, 14, ['val-07'])]);
    expect(result(withRevoked, [v2.signed, v3.signed])).toBe('signatures:PSA_INACTIVE_SIGNER');
  });

  it('threshold change: v4 needs 15 signatures over 8 jurisdictions', () => {
    const chain = [v2.signed, v3.signed, v4.signed];
    expect(result(psaUnder(v4.verified, signersOf(v4.validators, 15, ['val-07'])), chain)).toBe('valid');
    expect(result(psaUnder(v4.verified, signersOf(v4.validators, 14, ['val-07'])), chain)).toBe('threshold:PSA_THRESHOLD_NOT_MET');
  });

  it('the PSA must name the newest version reached', () => {
    const underV1 = psaUnder(v1.verified, signersOf(v1.validators));
    expect(result(underV1, [])).toBe('valid');
    expect(result(underV1, [v2.signed])).toBe('validator_set_match:PSA_VALIDATOR_SET_MISMATCH');
    const underV2 = psaUnder(v2.verified, signersOf(v2.validators));
    const r = verifyPsa(underV2, { validatorSet: v1.signed, now });
    expect(r.valid ? 'valid' : [r.code, r.message]).toEqual(['PSA_VALIDATOR_SET_MISMATCH', expect.stringContaining('validatorSetChain')]);
  });

  it('an exchange that moved its pin to a later version verifies without the chain', () => {
    expect(result(psaUnder(v4.verified, signersOf(v4.validators, 15, ['val-07'])), [], v4.signed)).toBe('valid');
    expect(result(psaUnder(v4.verified, signersOf(v4.validators, 15, ['val-07'])), [v4.signed], v3.verified)).toBe('valid');
  });

  it('a PSA under a set not reachable from the pin fails check validator_set with the chain code', () => {
    const fresh = generateEmbeddedValidators(20);
    const forged = validatorSetFor({
      validators: fresh,
      setId: 'test-set',
      version: 2,
      validFrom: new Date(v1.verified.set.valid_from),
      validUntil: new Date(v1.verified.set.valid_until),
      previous: v2.verified.set.previous!,
    });
    const signedForged = signValidatorSet(forged, fresh);
    const psa = psaUnder({ ...v1.verified, set: forged, sha256: 'f'.repeat(64) }, signersOf(fresh));
    expect(result(psa, [signedForged])).toBe('validator_set:PSA_VALIDATOR_SET_CHAIN_QUORUM');
    // the other fork's v3 after our v2
    expect(result(psa, [v2.signed, v4.signed])).toBe('validator_set:PSA_VALIDATOR_SET_CHAIN_BROKEN');
  });

  it('throws INVALID_ARGUMENT for a chain that is not an array', () => {
    expect(() => verifyPsa({}, { validatorSet: v1.signed, validatorSetChain: 'v2.json' as never, now })).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
