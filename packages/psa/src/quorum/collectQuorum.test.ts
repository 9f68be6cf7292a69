import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base64Encode, canonicalBytes, pae } from '@jil/core';
import { issuePsa, quorumFixture, T0 } from '@jil/psa-testkit';
import { PSA_PAYLOAD_TYPE } from '../psa/PsaBody.js';
import { verifyPsa } from '../psa/verifyPsa.js';
import type { EmbeddedValidator } from '../validators/embeddedValidators.js';
import type { Validator } from '../validators/ValidatorSet.js';
import { collectQuorum, type ValidatorReply } from './collectQuorum.js';

const q = quorumFixture();
const { body } = issuePsa(q);
const message = pae(PSA_PAYLOAD_TYPE, canonicalBytes(body));
const byId = new Map(q.validators.map((v) => [v.id, v]));
const signed = (v: EmbeddedValidator, m = message): ValidatorReply => ({ kind: 'signature', keyid: v.keyid, sig: base64Encode(v.sign(m)) });
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), reject(new Error('aborted'))), { once: true });
  });

/** A transport where each validator behaves as `behaviour(id)` says (default: signs at once). */
const transport =
  (behaviour: (v: EmbeddedValidator) => ((signal: AbortSignal) => Promise<ValidatorReply>) | undefined) =>
  async (validator: Validator, signal: AbortSignal) => {
    const v = byId.get(validator.id)!;
    const b = behaviour(v);
    return b ? b(signal) : signed(v);
  };
const round = (behaviour: Parameters<typeof transport>[0], deadlineMs = 2000, set = q.verifiedSet) =>
  collectQuorum({ validatorSet: set, payloadType: PSA_PAYLOAD_TYPE, body, requestSignature: transport(behaviour), deadlineMs });
const ids = (n: number[]) => new Set(n.map((i) => `val-${String(i).padStart(2, '0')}`));

describe('collectQuorum', () => {
  it('all answer: resolves with a quorum envelope that verifyPsa accepts', async () => {
    const r = await round(() => undefined);
    expect(r.ok).toBe(true);
    expect(r.signers.length).toBeGreaterThanOrEqual(14);
    expect(verifyPsa(r.envelope!, { validatorSet: q.signedSet, now: T0 })).toMatchObject({ valid: true });
    expect((await r.settled).filter((o) => o.outcome === 'signed')).toHaveLength(20);
  });

  it('6 unreachable: issued from the other 14; 7 unreachable: not reached, naming the 7', async () => {
    const six = ids([1, 2, 3, 4, 5, 6]);
    const ok = await round((v) => (six.has(v.id) ? async () => ({ kind: 'unreachable', message: 'ECONNREFUSED' }) : undefined));
    expect(ok.ok).toBe(true);
    expect(ok.signers.map((s) => s.validator_id).some((id) => six.has(id))).toBe(false);
    const seven = ids([1, 2, 3, 4, 5, 6, 7]);
    const no = await round((v) => (seven.has(v.id) ? async () => ({ kind: 'unreachable', message: 'ECONNREFUSED' }) : undefined));
    expect(no.ok).toBe(false);
    expect(no.envelope).toBeUndefined();
    expect(no.signers).toHaveLength(13);
    expect(no.failures.map((f) => [f.validator_id, f.outcome]).sort()).toEqual([...seven].sort().map((id) => [id, 'unreachable']));
  });

  it('slow validators: resolved without waiting for them; they time out at the deadline in `settled`', async () => {
    const slow = ids([8, 9, 10]);
    const started = performance.now();
    const r = await round((v) => (slow.has(v.id) ? async (signal) => (await sleep(5000, signal), signed(v)) : undefined), 400);
    expect(r.ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(300);
    expect(r.signers.some((s) => slow.has(s.validator_id))).toBe(false);
    const all = await r.settled;
    expect(
      all
        .filter((o) => o.outcome === 'timeout')
        .map((o) => o.validator_id)
        .sort(),
    ).toEqual([...slow].sort());
  });

  it('checks every signature before keeping it: garbage, another body, another key are never counted', async () => {
    const other = canonicalBytes({ ...body, verdict: 'fail' });
    const garbage = ids([1]);
    const wrongBody = ids([2]);
    const borrowed = ids([3]);
    const foreignKeyid = ids([4]);
    const r = await round((v) => {
      if (garbage.has(v.id)) return async () => ({ kind: 'signature', keyid: v.keyid, sig: base64Encode(new Uint8Array(64).fill(7)) });
      if (wrongBody.has(v.id)) return async () => signed(v, pae(PSA_PAYLOAD_TYPE, other));
      if (borrowed.has(v.id)) return async () => signed(byId.get('val-20')!); // another validator's valid signature
      if (foreignKeyid.has(v.id))
        return async () => ({ kind: 'signature', keyid: v.keyid, sig: base64Encode(byId.get('val-19')!.sign(message)) });
      return undefined;
    });
    expect(r.ok).toBe(true);
    const outcome = new Map((await r.settled).map((o) => [o.validator_id, o]));
    expect(outcome.get('val-01')).toMatchObject({ outcome: 'bad_signature', code: 'PSA_BAD_SIGNATURE' });
    expect(outcome.get('val-02')).toMatchObject({ outcome: 'bad_signature', keyid: byId.get('val-02')!.keyid });
    expect(outcome.get('val-03')).toMatchObject({ outcome: 'wrong_key' });
    expect(outcome.get('val-04')).toMatchObject({ outcome: 'bad_signature' });
    expect(r.envelope!.signatures.map((s) => s.keyid)).not.toContain(byId.get('val-01')!.keyid);
    expect(new Set(r.envelope!.signatures.map((s) => s.keyid)).size).toBe(r.envelope!.signatures.length);
  });

  it('a bad signature is evidence only when the answer is attributable to the validator (its response signature)', async () => {
    const garbage = (v: EmbeddedValidator, attributable: boolean) => async (): Promise<ValidatorReply> => ({
      kind: 'signature',
      keyid: v.keyid,
      sig: base64Encode(new Uint8Array(64).fill(9)),
      attributable: () => attributable,
    });
    let asked = 0;
    const r = await round((v) =>
      v.id === 'val-01'
        ? garbage(v, false)
        : v.id === 'val-02'
          ? garbage(v, true)
          : v.id === 'val-03'
            ? async () => ({ ...signed(v), attributable: () => (asked++, false) })
            : undefined,
    );
    const outcome = new Map((await r.settled).map((o) => [o.validator_id, o]));
    expect(outcome.get('val-01')).toMatchObject({ outcome: 'unauthenticated_response' });
    expect(outcome.get('val-02')).toMatchObject({ outcome: 'bad_signature', code: 'PSA_BAD_SIGNATURE' });
    // a valid signature by the pinned key needs no response signature: attributable() is not even asked
    expect([outcome.get('val-03')?.outcome, asked]).toEqual(['signed', 0]);
  });

  it('refusals are outcomes with the validator’s code; a thrown transport error is unreachable', async () => {
    const r = await round((v) =>
      v.id === 'val-05'
        ? async () => ({ kind: 'refused', code: 'VALIDATOR_FINDINGS_DIFFER', message: 'differs', details: { stage: 'endpoints' } })
        : v.id === 'val-06'
          ? async () => {
              throw new Error('boom');
            }
          : undefined,
    );
    const outcome = new Map((await r.settled).map((o) => [o.validator_id, o]));
    expect(outcome.get('val-05')).toMatchObject({ outcome: 'refused', code: 'VALIDATOR_FINDINGS_DIFFER', details: { stage: 'endpoints' } });
    expect(outcome.get('val-06')).toMatchObject({ outcome: 'unreachable', message: 'boom' });
  });

  it('needs the jurisdiction spread too: 14 signatures over too few jurisdictions is not a quorum', async () => {
    const strict = quorumFixture({ min_jurisdictions: 13 });
    const map = new Map(strict.validators.map((v) => [v.id, v]));
    const singles = ids([8, 9, 10, 11, 12, 13]); // jurisdictions with one validator each
    const r = await collectQuorum({
      validatorSet: strict.verifiedSet,
      payloadType: PSA_PAYLOAD_TYPE,
      body,
      deadlineMs: 2000,
      requestSignature: async (v) =>
        singles.has(v.id)
          ? { kind: 'unreachable', message: 'down' }
          : { kind: 'signature', keyid: map.get(v.id)!.keyid, sig: base64Encode(map.get(v.id)!.sign(message)) },
    });
    expect([r.ok, r.signers.length, r.jurisdictions.length]).toEqual([false, 14, 7]);
  });

  describe('first wave', () => {
    const waveRound = (
      behaviour: Parameters<typeof transport>[0],
      o: { wave: number; waveOffset?: number; widenAfterMs?: number; deadlineMs?: number },
    ) => {
      const asked: string[] = [];
      const t = transport(behaviour);
      const result = collectQuorum({
        validatorSet: q.verifiedSet,
        payloadType: PSA_PAYLOAD_TYPE,
        body,
        deadlineMs: o.deadlineMs ?? 2000,
        wave: o.wave,
        ...(o.waveOffset === undefined ? {} : { waveOffset: o.waveOffset }),
        ...(o.widenAfterMs === undefined ? {} : { widenAfterMs: o.widenAfterMs }),
        requestSignature: (v, signal) => (asked.push(v.id), t(v, signal)),
      });
      return { result, asked };
    };

    it('all honest: only the wave is asked, starting at the offset, and the quorum comes from it', async () => {
      const { result, asked } = waveRound(() => undefined, { wave: 16, waveOffset: 5 });
      const r = await result;
      expect([r.ok, r.asked, asked.length]).toEqual([true, 16, 16]);
      expect(asked[0]).toBe('val-06');
      expect(await r.settled).toHaveLength(16);
      expect(verifyPsa(r.envelope!, { validatorSet: q.signedSet, now: T0 })).toMatchObject({ valid: true });
    });

    it('6 of the wave unreachable: widens at once (no waiting for the widening delay) and issues from the rest', async () => {
      const six = ids([1, 2, 3, 4, 5, 6]);
      const { result, asked } = waveRound(
        (v) => (six.has(v.id) ? async () => ({ kind: 'unreachable', message: 'ECONNREFUSED' }) : undefined),
        { wave: 16, widenAfterMs: 60_000 },
      );
      const r = await result;
      expect([r.ok, r.asked, new Set(asked).size]).toEqual([true, 20, 20]);
      expect(r.signers.some((s) => six.has(s.validator_id))).toBe(false);
    });

    it('3 of the wave hung: widens after widenAfterMs and issues without them; 7 down: not reached, all asked', async () => {
      const hung = ids([2, 3, 4]);
      const { result } = waveRound((v) => (hung.has(v.id) ? async (signal) => (await sleep(60_000, signal), signed(v)) : undefined), {
        wave: 16,
        widenAfterMs: 20,
        deadlineMs: 1500,
      });
      const r = await result;
      expect([r.ok, r.asked]).toEqual([true, 20]);
      expect(r.signers.some((s) => hung.has(s.validator_id))).toBe(false);
      const seven = ids([14, 15, 16, 17, 18, 19, 20]);
      const no = await waveRound((v) => (seven.has(v.id) ? async () => ({ kind: 'unreachable', message: 'down' }) : undefined), {
        wave: 16,
        widenAfterMs: 60_000,
      }).result;
      expect([no.ok, no.asked, no.signers.length]).toEqual([false, 20, 13]);
      expect(no.failures.map((f) => f.validator_id).sort()).toEqual([...seven].sort());
    });

    it(
      'property: for any offset, a wave of the threshold spans ' + 'min_jurisdictions, and the wave and the rest partition the set',
      async () => {
        await fc.assert(
          fc.asyncProperty(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 14, max: 20 }), async (offset, wave) => {
            const { result, asked } = waveRound(() => undefined, { wave, waveOffset: offset });
            const r = await result;
            const jurisdictions = new Set(asked.map((id) => byId.get(id)!.jurisdiction));
            expect(r.ok).toBe(true);
            expect(new Set(asked).size).toBe(asked.length);
            expect(asked).toHaveLength(wave);
            expect(jurisdictions.size).toBeGreaterThanOrEqual(q.verifiedSet.set.min_jurisdictions);
          }),
          { numRuns: 40 },
        );
      },
    );

    it('bad wave parameters throw INVALID_ARGUMENT naming the field', () => {
      for (const [field, value] of [
        ['wave', 0],
        ['waveOffset', -1],
        ['widenAfterMs', 0.5],
      ] as const) {
        expect(() =>
          collectQuorum({
            validatorSet: q.verifiedSet,
            payloadType: PSA_PAYLOAD_TYPE,
            body,
            requestSignature: async () => ({ kind: 'unreachable', message: '' }),
            [field]: value,
          }),
        ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { field } }));
      }
    });
  });

  it('wrong types', () => {
    expect(() => round(() => undefined, 0)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() =>
      collectQuorum({
        validatorSet: q.verifiedSet,
        payloadType: PSA_PAYLOAD_TYPE,
        body: { n: Number.NaN },
        requestSignature: async () => ({ kind: 'unreachable', message: '' }),
      }),
    ).toThrow(expect.objectContaining({ code: 'CANONICAL_NON_FINITE_NUMBER' }));
  });
});
