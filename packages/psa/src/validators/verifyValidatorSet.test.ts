import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode } from '@jil/core';
import { quorumFixture, T0 } from '@jil/psa-testkit';
import { generateEmbeddedValidators, validatorSetFor } from './embeddedValidators.js';
import { signValidatorSet } from './signValidatorSet.js';
import { verifyValidatorSet } from './verifyValidatorSet.js';

const rule = (fn: () => unknown): string => {
  try {
    fn();
    return 'accepted';
  } catch (error) {
    const e = error as { code: string; details: { rule: string } };
    return `${e.code}:${e.details.rule}`;
  }
};

describe('verifyValidatorSet', () => {
  const q = quorumFixture();

  it('accepts a genesis set signed by its own quorum and hashes its payload', () => {
    const v = verifyValidatorSet(q.signedSet, { now: T0 });
    expect(v.set.validators).toHaveLength(20);
    expect(new Set(v.set.validators.map((x) => x.jurisdiction)).size).toBe(13);
    expect(v.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(v.byKeyId.size).toBe(20);
  });

  it('refuses a set outside its validity window', () => {
    expect(rule(() => verifyValidatorSet(q.signedSet, { now: new Date(T0.getTime() + 2 * 86_400_000) }))).toBe(
      'PSA_VALIDATOR_SET_INVALID:validity',
    );
  });

  it('refuses a set signed by fewer than threshold of its validators', () => {
    const signed = signValidatorSet(q.set, q.validators.slice(0, 13));
    expect(rule(() => verifyValidatorSet(signed, { now: T0 }))).toBe('PSA_VALIDATOR_SET_INVALID:signatures');
  });

  it('refuses a keyid that is not derived from its key', () => {
    const set = {
      ...q.set,
      validators: q.set.validators.map((v, i) => (i === 0 ? { ...v, keys: [{ ...v.keys[0]!, keyid: 'f'.repeat(64) }] } : v)),
    };
    expect(rule(() => verifyValidatorSet(signValidatorSet(set, q.validators), { now: T0 }))).toBe('PSA_VALIDATOR_SET_INVALID:keyid');
  });

  it('carries bridge guardian addresses, unique within the set, and refuses a malformed or repeated one', () => {
    const address = (i: number): string => `0x${i.toString(16).padStart(40, '0')}`;
    const guardians = Object.fromEntries(q.validators.map((v, i) => [v.id, address(i + 1)]));
    const base = { validators: q.validators, setId: 'jil-guarded', validFrom: T0, validUntil: new Date(T0.getTime() + 86_400_000) };
    const v = verifyValidatorSet(signValidatorSet(validatorSetFor({ ...base, guardians }), q.validators), { now: T0 });
    expect(v.set.validators.map((x) => x.guardian?.address)).toEqual(q.validators.map((_, i) => address(i + 1)));
    expect(v.set.validators[0]!.guardian?.alg).toBe('secp256k1');
    const repeated = { ...guardians, [q.validators[1]!.id]: address(1) };
    expect(
      rule(() => verifyValidatorSet(signValidatorSet(validatorSetFor({ ...base, guardians: repeated }), q.validators), { now: T0 })),
    ).toBe('PSA_VALIDATOR_SET_INVALID:unique_guardians');
    const upper = { [q.validators[0]!.id]: `0x${'A'.repeat(40)}` };
    expect(rule(() => validatorSetFor({ ...base, guardians: upper }))).toBe('INVALID_ARGUMENT:undefined');
    const set = validatorSetFor(base);
    const bad = {
      ...set,
      validators: set.validators.map((x, i) => (i === 0 ? { ...x, guardian: { alg: 'secp256k1' as const, address: '0x12' } } : x)),
    };
    expect(rule(() => verifyValidatorSet(signValidatorSet(bad, q.validators), { now: T0 }))).toBe('PSA_VALIDATOR_SET_INVALID:schema');
  });

  it('refuses an edited payload', () => {
    const doc = JSON.parse(new TextDecoder().decode(base64Decode(q.signedSet.payload)));
    doc.threshold = 1;
    const payload = base64Encode(new TextEncoder().encode(JSON.stringify(doc)));
    expect(rule(() => verifyValidatorSet({ ...q.signedSet, payload }, { now: T0 }))).toMatch(
      /^PSA_VALIDATOR_SET_INVALID:(canonical|signatures)$/,
    );
  });

  it('accepts a rotation signed by the previous quorum and refuses one signed only by the new keys', () => {
    const next = generateEmbeddedValidators(20);
    const previous = verifyValidatorSet(q.signedSet, { now: T0 });
    const set = validatorSetFor({
      validators: next,
      setId: 'test-set',
      version: 2,
      validFrom: new Date(T0.getTime() - 1000),
      validUntil: new Date(T0.getTime() + 86_400_000),
      previous: { set_id: 'test-set', version: 1, sha256: previous.sha256 },
    });
    const byOld = signValidatorSet(set, q.validators);
    expect(verifyValidatorSet(byOld, { now: T0, previous }).set.version).toBe(2);
    const byNew = signValidatorSet(set, next);
    expect(rule(() => verifyValidatorSet(byNew, { now: T0, previous }))).toBe('PSA_VALIDATOR_SET_CHAIN_QUORUM:signatures');
  });

  it('refuses non-envelopes and other payload types', () => {
    expect(rule(() => verifyValidatorSet({ hello: 1 }, { now: T0 }))).toBe('PSA_VALIDATOR_SET_INVALID:envelope');
    expect(rule(() => verifyValidatorSet({ ...q.signedSet, payloadType: 'x' }, { now: T0 }))).toBe(
      'PSA_VALIDATOR_SET_INVALID:payload_type',
    );
  });
});
