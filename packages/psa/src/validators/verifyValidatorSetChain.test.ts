import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base64Decode, base64Encode, generateKeyPair } from '@jil/core';
import { chainFixture, signersOf, T0 } from '@jil/psa-testkit';
import { generateEmbeddedValidators, validatorSetFor } from './embeddedValidators.js';
import { revokeValidator } from './revokeValidator.js';
import { rotateValidatorKey } from './rotateValidatorKey.js';
import { signNextValidatorSet } from './signNextValidatorSet.js';
import { signValidatorSet } from './signValidatorSet.js';
import type { ValidatorSet } from './ValidatorSet.js';
import { verifyValidatorSetChain } from './verifyValidatorSetChain.js';

const DAY = 86_400_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

/** `CODE:rule@index` of the error `fn` throws, or `accepted`. */
const outcome = (fn: () => unknown): string => {
  try {
    fn();
    return 'accepted';
  } catch (error) {
    const e = error as { code: string; details: { rule?: string; index?: number; quorum_code?: string } };
    const at = e.details.index === undefined ? '' : `@${e.details.index}`;
    const quorum = e.details.quorum_code ? `:${e.details.quorum_code}` : '';
    return `${e.code}:${e.details.rule}${at}${quorum}`;
  }
};

describe('verifyValidatorSetChain', () => {
  const c = chainFixture();
  const [v1, v2, v3, v4] = c.v;
  const chain = [v2.signed, v3.signed, v4.signed];
  const follow = (links: unknown[], now = T0, pin: unknown = v1.signed) => outcome(() => verifyValidatorSetChain(pin, links, { now }));

  it('follows genesis → rotate → revoke → threshold and returns the newest version', () => {
    const newest = verifyValidatorSetChain(v1.signed, chain, { now: T0 });
    expect(newest.set.version).toBe(4);
    expect([newest.set.threshold, newest.set.min_jurisdictions]).toEqual([15, 8]);
    expect(newest.sha256).toBe(v4.verified.sha256);
    expect(newest.byKeyId.has(c.newVal03.keyid)).toBe(true);
    expect(newest.byKeyId.has(c.oldVal03.keyid)).toBe(false);
    expect(newest.byKeyId.get(c.revoked.keyid)?.validator.status).toBe('retired');
    // each prefix stops at its own newest version; the empty chain is the pin itself
    expect(verifyValidatorSetChain(v1.signed, [], { now: T0 }).sha256).toBe(v1.verified.sha256);
    expect(verifyValidatorSetChain(v1.signed, [v2.signed], { now: T0 }).set.version).toBe(2);
  });

  it('each version names the SHA-256 of the RFC 8785 bytes of the one before (what verifyValidatorSet reports)', () => {
    expect(v2.verified.set.previous).toEqual({ set_id: 'test-set', version: 1, sha256: v1.verified.sha256 });
    expect(v4.verified.set.previous).toEqual({ set_id: 'test-set', version: 3, sha256: v3.verified.sha256 });
  });

  it('takes a verified pin, or a pinned later version (an exchange that moved its pin)', () => {
    expect(verifyValidatorSetChain(v1.verified, chain, { now: T0 }).set.version).toBe(4);
    expect(verifyValidatorSetChain(v2.signed, [v3.signed, v4.signed], { now: T0 }).set.version).toBe(4);
    expect(verifyValidatorSetChain(v3.verified, [v4.signed], { now: T0 }).set.version).toBe(4);
  });

  it('refuses a link whose previous hash is wrong (PSA_VALIDATOR_SET_CHAIN_BROKEN previous)', () => {
    const set = rotateValidatorKey(v1.verified, 'val-05', generateKeyPair().publicKey);
    const doctored = signValidatorSet({ ...set, previous: { ...set.previous!, sha256: 'a'.repeat(64) } }, signersOf(v1.validators));
    expect(follow([doctored])).toBe('PSA_VALIDATOR_SET_CHAIN_BROKEN:previous@0');
    const { previous: _none, ...orphan } = set;
    expect(follow([signValidatorSet(orphan, signersOf(v1.validators))])).toBe('PSA_VALIDATOR_SET_CHAIN_BROKEN:previous@0');
  });

  it('refuses a link out of order or a missing link (PSA_VALIDATOR_SET_CHAIN_BROKEN previous)', () => {
    expect(follow([v3.signed, v4.signed])).toBe('PSA_VALIDATOR_SET_CHAIN_BROKEN:previous@0');
    expect(follow([v2.signed, v4.signed])).toBe('PSA_VALIDATOR_SET_CHAIN_BROKEN:previous@1');
    expect(follow([v2.signed, v3.signed, v4.signed, v4.signed])).toBe('PSA_VALIDATOR_SET_CHAIN_BROKEN:previous@3');
  });

  it('refuses a skipped version number (PSA_VALIDATOR_SET_CHAIN_BROKEN version)', () => {
    const set = rotateValidatorKey(v1.verified, 'val-05', generateKeyPair().publicKey);
    expect(follow([signValidatorSet({ ...set, version: 3 }, signersOf(v1.validators))])).toBe('PSA_VALIDATOR_SET_CHAIN_BROKEN:version@0');
    expect(follow([signValidatorSet({ ...set, version: 1 }, signersOf(v1.validators))])).toBe('PSA_VALIDATOR_SET_CHAIN_BROKEN:version@0');
  });

  it('refuses a link that changes the set id (PSA_VALIDATOR_SET_CHAIN_BROKEN set_id)', () => {
    const set = rotateValidatorKey(v1.verified, 'val-05', generateKeyPair().publicKey);
    expect(follow([signValidatorSet({ ...set, set_id: 'other' }, signersOf(v1.validators))])).toBe(
      'PSA_VALIDATOR_SET_CHAIN_BROKEN:set_id@0',
    );
  });

  it('refuses a version signed by fewer than the previous threshold (PSA_VALIDATOR_SET_CHAIN_QUORUM)', () => {
    const set = revokeValidator(v1.verified, 'val-05');
    expect(follow([signValidatorSet(set, signersOf(v1.validators, 13))])).toBe(
      'PSA_VALIDATOR_SET_CHAIN_QUORUM:signatures@0:PSA_THRESHOLD_NOT_MET',
    );
    // the previous threshold counts, not the new one: v4 (threshold 15) was signed by 14 of v3
    expect(follow(chain)).toBe('accepted');
  });

  it('refuses a version signed by the new keys only, or with a new key among the signers (PSA_VALIDATOR_SET_CHAIN_QUORUM)', () => {
    const fresh = generateEmbeddedValidators(20);
    const takeover: ValidatorSet = validatorSetFor({
      validators: fresh,
      setId: 'test-set',
      version: 2,
      validFrom: at(-DAY),
      validUntil: at(DAY),
      previous: v2.verified.set.previous!,
    });
    expect(follow([signValidatorSet(takeover, fresh)])).toBe('PSA_VALIDATOR_SET_CHAIN_QUORUM:signatures@0:PSA_UNKNOWN_SIGNER');
    // v2 rotates val-03: its new key may not sign v2 (it is not a key of v1)
    const withNewKey = signValidatorSet(v2.verified.set, [...signersOf(v1.validators, 13, ['val-03']), c.newVal03]);
    expect(follow([withNewKey])).toBe('PSA_VALIDATOR_SET_CHAIN_QUORUM:signatures@0:PSA_UNKNOWN_SIGNER');
  });

  it('refuses a version signed by a validator revoked in the previous one (PSA_VALIDATOR_SET_CHAIN_QUORUM)', () => {
    const signed = signValidatorSet(v4.verified.set, [c.revoked, ...signersOf(v3.validators, 14, ['val-07'])]);
    expect(follow([v2.signed, v3.signed, signed])).toBe('PSA_VALIDATOR_SET_CHAIN_QUORUM:signatures@2:PSA_INACTIVE_SIGNER');
  });

  it('fork: two different v2 after one v1 are each accepted; a chain mixing them breaks', () => {
    const a = signNextValidatorSet(revokeValidator(v1.verified, 'val-05'), signersOf(v1.validators), v1.verified);
    const b = v2.signed;
    expect(verifyValidatorSetChain(v1.signed, [a], { now: T0 }).set.version).toBe(2);
    expect(verifyValidatorSetChain(v1.signed, [b], { now: T0 }).set.version).toBe(2);
    expect(follow([a, v3.signed])).toBe('PSA_VALIDATOR_SET_CHAIN_BROKEN:previous@1');
  });

  it('checks validity windows: continuity at each link, the newest at now; an expired pin may be followed', () => {
    const set = revokeValidator(v1.verified, 'val-05');
    const late = signValidatorSet(
      { ...set, valid_from: at(DAY).toISOString(), valid_until: at(9 * DAY).toISOString() },
      signersOf(v1.validators),
    );
    expect(follow([late], at(2 * DAY))).toBe('PSA_VALIDATOR_SET_CHAIN_VALIDITY:continuity@0');
    const early = signValidatorSet({ ...set, valid_from: at(-2 * DAY).toISOString() }, signersOf(v1.validators));
    expect(follow([early])).toBe('PSA_VALIDATOR_SET_CHAIN_VALIDITY:continuity@0');
    expect(follow(chain, at(DAY))).toBe('PSA_VALIDATOR_SET_CHAIN_VALIDITY:now@2');
    expect(follow(chain, at(-DAY - 1))).toBe('PSA_VALIDATOR_SET_CHAIN_VALIDITY:now@2');
    expect(follow([], at(DAY))).toBe('PSA_VALIDATOR_SET_INVALID:validity');
    // v1 expires at T0 + 1 day; a v2 that started before that and runs longer is followed after v1 expired
    const longer = signNextValidatorSet(
      revokeValidator(v1.verified, 'val-05', { validFrom: at(-1000), validUntil: at(30 * DAY) }),
      signersOf(v1.validators),
      v1.verified,
    );
    expect(follow([longer], at(2 * DAY))).toBe('accepted');
  });

  it('refuses a malformed link or pin, naming it (PSA_VALIDATOR_SET_INVALID)', () => {
    expect(follow([v2.signed, { hello: 1 }])).toBe('PSA_VALIDATOR_SET_INVALID:envelope@1');
    expect(follow([{ ...v2.signed, payloadType: 'application/json' }])).toBe('PSA_VALIDATOR_SET_INVALID:payload_type@0');
    expect(follow(chain, T0, 'pin')).toBe('PSA_VALIDATOR_SET_INVALID:envelope');
    // a genesis pin must carry its own quorum
    expect(follow(chain, T0, signValidatorSet(v1.verified.set, signersOf(v1.validators, 13)))).toBe(
      'PSA_VALIDATOR_SET_INVALID:signatures:PSA_THRESHOLD_NOT_MET',
    );
  });

  it("property: flipping any byte of any link's payload fails", () => {
    const payloads = chain.map((s) => base64Decode(s.payload));
    fc.assert(
      fc.property(fc.nat(chain.length - 1), fc.nat(), fc.integer({ min: 1, max: 255 }), (link, i, x) => {
        const bytes = payloads[link]!.slice();
        const at = i % bytes.length;
        bytes[at] = bytes[at]! ^ x;
        const links = chain.map((s, j) => (j === link ? { ...s, payload: base64Encode(bytes) } : s));
        expect(follow(links)).toMatch(/^PSA_VALIDATOR_SET_(INVALID|CHAIN_[A-Z]+):/);
      }),
      { numRuns: 150 },
    );
  });

  it('property: flipping any signature byte of any link fails', () => {
    fc.assert(
      fc.property(fc.nat(chain.length - 1), fc.nat(13), fc.nat(63), fc.integer({ min: 1, max: 255 }), (link, s, i, x) => {
        const sig = base64Decode(chain[link]!.signatures[s]!.sig);
        sig[i] = sig[i]! ^ x;
        const links = chain.map((e, j) =>
          j === link ? { ...e, signatures: e.signatures.map((g, k) => (k === s ? { ...g, sig: base64Encode(sig) } : g)) } : e,
        );
        expect(follow(links)).toBe(`PSA_VALIDATOR_SET_CHAIN_QUORUM:signatures@${link}:PSA_BAD_SIGNATURE`);
      }),
      { numRuns: 60 },
    );
  });

  it('throws INVALID_ARGUMENT for a chain that is not an array or a missing clock', () => {
    expect(() => verifyValidatorSetChain(v1.signed, 'x' as never, { now: T0 })).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => verifyValidatorSetChain(v1.signed, [], { now: 'now' as never })).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => verifyValidatorSetChain(v1.signed, [], undefined as never)).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
