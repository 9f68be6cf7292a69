import { describe, expect, it } from 'vitest';
import { canonicalBytes, generateKeyPair, keyId, sha256Hex } from '@jil/core';
import { quorumFixture, signersOf, T0 } from '@jil/psa-testkit';
import { addValidator } from './addValidator.js';
import { changeThreshold } from './changeThreshold.js';
import { revokeValidator } from './revokeValidator.js';
import { rotateValidatorKey } from './rotateValidatorKey.js';
import { signNextValidatorSet } from './signNextValidatorSet.js';
import type { ValidatorSet } from './ValidatorSet.js';

const DAY = 86_400_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

/** `CODE:field:rule` of the error `fn` throws, or `accepted`. */
const outcome = (fn: () => unknown): string => {
  try {
    fn();
    return 'accepted';
  } catch (error) {
    const e = error as { code: string; details: { field?: string; rule?: string } };
    return `${e.code}:${e.details.field}:${e.details.rule}`;
  }
};

describe('next-version builders', () => {
  const q = quorumFixture();
  const v1 = q.verifiedSet;
  const fresh = () => generateKeyPair().publicKey;

  it('rotateValidatorKey: version + 1, previous names the hash of v1, one key replaced, nothing else changed', () => {
    const key = fresh();
    const next = rotateValidatorKey(v1, 'val-03', key);
    expect(next.version).toBe(2);
    expect(next.previous).toEqual({ set_id: 'test-set', version: 1, sha256: v1.sha256 });
    expect(sha256Hex(canonicalBytes(v1.set))).toBe(v1.sha256);
    const changed = next.validators.filter((v, i) => JSON.stringify(v) !== JSON.stringify(v1.set.validators[i]));
    expect(changed).toEqual([
      {
        id: 'val-03',
        jurisdiction: v1.set.validators[2]!.jurisdiction,
        status: 'active',
        keys: [{ alg: 'ed25519', public_key: expect.any(String), keyid: keyId(key) }],
      },
    ]);
    expect([next.threshold, next.min_jurisdictions, next.valid_from, next.valid_until]).toEqual([
      14,
      7,
      v1.set.valid_from,
      v1.set.valid_until,
    ]);
    // the plain document and the verified set give the same next version
    expect(rotateValidatorKey(v1.set, 'val-03', key)).toEqual(next);
  });

  it('rotateValidatorKey refuses an unknown or retired validator and a key already in the set', () => {
    expect(outcome(() => rotateValidatorKey(v1, 'val-99', fresh()))).toBe('INVALID_ARGUMENT:validatorId:unknown_validator');
    const retired = revokeValidator(v1, 'val-04');
    expect(outcome(() => rotateValidatorKey(retired, 'val-04', fresh()))).toBe('INVALID_ARGUMENT:validatorId:retired');
    expect(outcome(() => rotateValidatorKey(v1, 'val-03', q.validators[5]!.publicKey))).toBe('INVALID_ARGUMENT:newPublicKey:key_reused');
    expect(outcome(() => rotateValidatorKey(v1, 'val-03', q.validators[2]!.publicKey))).toBe('INVALID_ARGUMENT:newPublicKey:key_reused');
    // a retired validator's key stays reserved
    expect(outcome(() => rotateValidatorKey(retired, 'val-03', q.validators[3]!.publicKey))).toBe(
      'INVALID_ARGUMENT:newPublicKey:key_reused',
    );
  });

  it('revokeValidator retires (keeps the entry); revoking below the threshold is refused', () => {
    const next = revokeValidator(v1, 'val-07');
    expect(next.validators).toHaveLength(20);
    expect(next.validators.find((v) => v.id === 'val-07')!.status).toBe('retired');
    let set: ValidatorSet = v1.set;
    for (const id of ['val-01', 'val-02', 'val-03', 'val-04', 'val-05', 'val-06']) set = revokeValidator(set, id);
    expect(set.version).toBe(7);
    expect(outcome(() => revokeValidator(set, 'val-07'))).toBe('INVALID_ARGUMENT:threshold:liveness');
    expect(outcome(() => revokeValidator(set, 'val-01'))).toBe('INVALID_ARGUMENT:validatorId:retired');
  });

  it('changeThreshold: keeps quorums intersecting and reachable', () => {
    expect(changeThreshold(v1, 15, 8)).toMatchObject({ version: 2, threshold: 15, min_jurisdictions: 8 });
    expect(changeThreshold(v1, 16)).toMatchObject({ threshold: 16, min_jurisdictions: 7 });
    expect(outcome(() => changeThreshold(v1, 10))).toBe('INVALID_ARGUMENT:threshold:intersection');
    expect(outcome(() => changeThreshold(v1, 21))).toBe('INVALID_ARGUMENT:threshold:liveness');
    expect(outcome(() => changeThreshold(v1, 14, 14))).toBe('INVALID_ARGUMENT:threshold:liveness');
    expect(outcome(() => changeThreshold(v1, 11, 12))).toBe('INVALID_ARGUMENT:minJurisdictions:min_jurisdictions');
    expect(outcome(() => changeThreshold(v1, 14, 7))).toBe('INVALID_ARGUMENT:threshold:unchanged');
    expect(outcome(() => changeThreshold(v1, 14.5))).toBe('INVALID_ARGUMENT:threshold:integer');
    expect(outcome(() => changeThreshold(v1, 15, 0))).toBe('INVALID_ARGUMENT:minJurisdictions:integer');
  });

  it('addValidator: a new id and a new key; retired ids stay reserved', () => {
    const next = addValidator(v1, { id: 'val-21', jurisdiction: 'CH/FINMA', publicKey: fresh() });
    expect(next.validators.at(-1)).toMatchObject({ id: 'val-21', status: 'active' });
    expect(outcome(() => addValidator(revokeValidator(v1, 'val-02'), { id: 'val-02', jurisdiction: 'CH/FINMA', publicKey: fresh() }))).toBe(
      'INVALID_ARGUMENT:validator.id:id_reused',
    );
    expect(outcome(() => addValidator(v1, { id: 'val-21', jurisdiction: 'CH/FINMA', publicKey: q.validators[0]!.publicKey }))).toBe(
      'INVALID_ARGUMENT:validator.publicKey:key_reused',
    );
    expect(outcome(() => addValidator(v1, { id: 'val-21', jurisdiction: 'Switzerland', publicKey: fresh() }))).toBe(
      'INVALID_ARGUMENT:validator:schema',
    );
  });

  it('the next window must start inside the current one and end after it starts', () => {
    expect(revokeValidator(v1, 'val-01', { validFrom: T0, validUntil: at(90 * DAY) })).toMatchObject({
      valid_from: T0.toISOString(),
      valid_until: at(90 * DAY).toISOString(),
    });
    expect(outcome(() => revokeValidator(v1, 'val-01', { validFrom: at(DAY) }))).toBe('INVALID_ARGUMENT:validFrom:window');
    expect(outcome(() => revokeValidator(v1, 'val-01', { validFrom: at(-2 * DAY) }))).toBe('INVALID_ARGUMENT:validFrom:window');
    expect(outcome(() => revokeValidator(v1, 'val-01', { validFrom: T0, validUntil: T0 }))).toBe('INVALID_ARGUMENT:validUntil:window');
    expect(outcome(() => revokeValidator(v1, 'val-01', { validFrom: new Date('x') }))).toBe('INVALID_ARGUMENT:validFrom:window');
  });

  it('signNextValidatorSet: only active keys of the previous version, at least its threshold', () => {
    const next = revokeValidator(v1, 'val-07');
    expect(signNextValidatorSet(next, signersOf(q.validators), v1).signatures).toHaveLength(14);
    expect(signNextValidatorSet(next, signersOf(q.validators), v1.set).signatures).toHaveLength(14);
    const stranger = { keyid: keyId(fresh()), sign: () => new Uint8Array(64) };
    expect(outcome(() => signNextValidatorSet(next, [...signersOf(q.validators, 14), stranger], v1))).toBe(
      'INVALID_ARGUMENT:signers:undefined',
    );
    expect(outcome(() => signNextValidatorSet(next, signersOf(q.validators, 13), v1))).toBe(
      'PSA_VALIDATOR_SET_CHAIN_QUORUM:undefined:signatures',
    );
    // a revoked validator of the previous version may not sign the version after
    const v2 = signNextValidatorSet(next, signersOf(q.validators), v1);
    expect(v2.payloadType).toBe('application/vnd.jil.validator-set.v1+json');
    const v2set = { ...next };
    const v3 = changeThreshold(v2set, 15);
    try {
      signNextValidatorSet(v3, [q.validators[6]!, ...signersOf(q.validators, 14, ['val-07'])], v2set);
      expect.unreachable();
    } catch (error) {
      expect((error as { details: { culprits: string[] } }).details.culprits).toEqual([q.validators[6]!.keyid]);
    }
    // a next version that does not name `previous` is refused before anyone relies on it
    expect(outcome(() => signNextValidatorSet(v3, signersOf(q.validators, 14, ['val-07']), v1))).toBe(
      'PSA_VALIDATOR_SET_CHAIN_BROKEN:undefined:previous',
    );
  });

  it('wrong-type matrix: every builder throws INVALID_ARGUMENT', () => {
    const cases: (() => unknown)[] = [
      () => rotateValidatorKey(null as never, 'val-01', fresh()),
      () => rotateValidatorKey(v1, 1 as never, fresh()),
      () => rotateValidatorKey(v1, 'val-01', 'key' as never),
      () => rotateValidatorKey(v1, 'val-01', new Uint8Array(31)),
      () => revokeValidator({} as never, 'val-01'),
      () => revokeValidator(v1, undefined as never),
      () => changeThreshold(v1, '15' as never),
      () => changeThreshold(v1, Number.NaN),
      () => addValidator(v1, null as never),
      () => addValidator(v1, { id: 'x', jurisdiction: 'CH/FINMA', publicKey: [1, 2] as never }),
      () => signNextValidatorSet(revokeValidator(v1, 'val-01'), 'signers' as never, v1),
      () => signNextValidatorSet(revokeValidator(v1, 'val-01'), signersOf(q.validators), { hello: 1 } as never),
    ];
    for (const [i, fn] of cases.entries()) expect([i, outcome(fn).split(':')[0]]).toEqual([i, 'INVALID_ARGUMENT']);
  });
});
