import { describe, expect, it } from 'vitest';
import { base64Encode, canonicalBytes, pae } from '@jil/core';
import { issuePsa, quorumFixture, T0 } from '../__fixtures__/psaFixture.js';
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
const transport = (behaviour: (v: EmbeddedValidator) => ((signal: AbortSignal) => Promise<ValidatorReply>) | undefined) => async (validator: Validator, signal: AbortSignal) => {
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
    expect(all.filter((o) => o.outcome === 'timeout').map((o) => o.validator_id).sort()).toEqual([...slow].sort());
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
      if (foreignKeyid.has(v.id)) return async () => ({ kind: 'signature', keyid: v.keyid, sig: base64Encode(byId.get('val-19')!.sign(message)) });
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

  it('refusals are outcomes with the validator’s code; a thrown transport error is unreachable', async () => {
    const r = await round((v) =>
      v.id === 'val-05' ? async () => ({ kind: 'refused', code: 'VALIDATOR_FINDINGS_DIFFER', message: 'differs', details: { stage: 'endpoints' } }) : v.id === 'val-06' ? async () => { throw new Error('boom'); } : undefined,
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
      requestSignature: async (v) => (singles.has(v.id) ? { kind: 'unreachable', message: 'down' } : { kind: 'signature', keyid: map.get(v.id)!.keyid, sig: base64Encode(map.get(v.id)!.sign(message)) }),
    });
    expect([r.ok, r.signers.length, r.jurisdictions.length]).toEqual([false, 14, 7]);
  });

  it('wrong types', () => {
    expect(() => round(() => undefined, 0)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => collectQuorum({ validatorSet: q.verifiedSet, payloadType: PSA_PAYLOAD_TYPE, body: { n: Number.NaN }, requestSignature: async () => ({ kind: 'unreachable', message: '' }) })).toThrow(expect.objectContaining({ code: 'CANONICAL_NON_FINITE_NUMBER' }));
  });
});
