import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base64Decode, base64Encode, generateKeyPair, keyId, pae, sign, type DsseEnvelope } from '@jil/core';
import { EMPTY_SNAPSHOT, issuePsa, passFindings, quorumFixture, sampleRequest, T0 } from '@jil/psa-testkit';
import { buildPsaBody } from './buildPsaBody.js';
import { verifyValidatorSet } from '../validators/verifyValidatorSet.js';
import { signDsse } from '@jil/core';
import { signValidatorSet } from '../validators/signValidatorSet.js';
import { PSA_PAYLOAD_TYPE } from './PsaBody.js';
import { verifyPsa } from './verifyPsa.js';
import { verifyQuorum } from '../quorum/verifyQuorum.js';

const q = quorumFixture();
const { body, envelope } = issuePsa(q);
const at = (ms: number) => new Date(T0.getTime() + ms);
const check = (env: unknown, opts: Partial<Parameters<typeof verifyPsa>[1]> = {}) =>
  verifyPsa(env, { validatorSet: q.signedSet, now: at(1000), ...opts });

describe('verifyPsa', () => {
  it('accepts a PSA signed by 14 validators over at least 7 jurisdictions, from the signed set document', () => {
    const r = check(envelope, {
      expect: {
        transfer: { destination_address: body.transfer.destination_address.toLowerCase() },
        tx_preimage_hash: 'c'.repeat(64),
        domain: { chain_id: 'eip155:1', purpose: 'transfer' },
      },
    });
    expect(r.valid).toBe(true);
    if (!r.valid) return;
    expect(r.signers).toHaveLength(14);
    expect(new Set(r.signers.map((s) => s.validator_id)).size).toBe(14);
    expect(r.jurisdictions.length).toBeGreaterThanOrEqual(7);
    expect(r.body.psa_id).toBe(body.psa_id);
  });

  it('accepts an already verified set as well', () => {
    expect(verifyPsa(envelope, { validatorSet: q.verifiedSet, now: at(0) }).valid).toBe(true);
  });

  it('property: any single altered payload byte fails', () => {
    const bytes = base64Decode(envelope.payload);
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (i, x) => {
        const copy = bytes.slice();
        copy[i] = copy[i]! ^ x;
        const r = check({ ...envelope, payload: base64Encode(copy) });
        expect(r.valid).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('property: any altered signature byte fails with PSA_BAD_SIGNATURE', () => {
    fc.assert(
      fc.property(fc.nat(13), fc.nat(63), fc.integer({ min: 1, max: 255 }), (s, i, x) => {
        const sig = base64Decode(envelope.signatures[s]!.sig);
        sig[i] = sig[i]! ^ x;
        const signatures = envelope.signatures.map((e, j) => (j === s ? { ...e, sig: base64Encode(sig) } : e));
        const r = check({ ...envelope, signatures });
        expect(r.valid).toBe(false);
        if (!r.valid) expect(r.code).toBe('PSA_BAD_SIGNATURE');
      }),
      { numRuns: 100 },
    );
  });

  it('names the check for each way a PSA can be wrong', () => {
    const cases: [string, unknown, Partial<Parameters<typeof verifyPsa>[1]>, string, string][] = [
      ['not an object', 'nope', {}, 'envelope', 'PSA_ENVELOPE_MALFORMED'],
      ['signatures not an array', { ...envelope, signatures: 'x' }, {}, 'envelope', 'PSA_ENVELOPE_MALFORMED'],
      ['other payload type', { ...envelope, payloadType: 'application/json' }, {}, 'payload_type', 'PSA_PAYLOAD_TYPE'],
      ['payload not base64', { ...envelope, payload: '%%%' }, {}, 'envelope', 'PSA_ENVELOPE_MALFORMED'],
      ['13 signatures', { ...envelope, signatures: envelope.signatures.slice(1) }, {}, 'threshold', 'PSA_THRESHOLD_NOT_MET'],
      [
        'duplicated signature',
        { ...envelope, signatures: [...envelope.signatures, envelope.signatures[0]] },
        {},
        'signatures',
        'PSA_DUPLICATE_SIGNER',
      ],
      ['before issued_at', envelope, { now: at(-1) }, 'validity_window', 'PSA_NOT_YET_VALID'],
      ['at expires_at', envelope, { now: at(60_000) }, 'validity_window', 'PSA_EXPIRED'],
      [
        'other destination',
        envelope,
        { expect: { transfer: { destination_address: '0x0000000000000000000000000000000000000001' } } },
        'transfer',
        'PSA_TRANSFER_MISMATCH',
      ],
      ['other amount', envelope, { expect: { transfer: { amount: '1.50' } } }, 'transfer', 'PSA_TRANSFER_MISMATCH'],
      ['other preimage', envelope, { expect: { tx_preimage_hash: 'd'.repeat(64) } }, 'preimage', 'PSA_PREIMAGE_MISMATCH'],
      ['other chain', envelope, { expect: { domain: { chain_id: 'eip155:10' } } }, 'domain', 'PSA_DOMAIN_MISMATCH'],
    ];
    for (const [name, env, opts, want, code] of cases) {
      const r = check(env, opts);
      expect(r.valid, name).toBe(false);
      if (!r.valid) expect([name, r.check, r.code]).toEqual([name, want, code]);
    }
  });

  it('refuses a signature from a key outside the set (PSA_UNKNOWN_SIGNER)', () => {
    const stranger = generateKeyPair();
    const sig = sign(pae(PSA_PAYLOAD_TYPE, base64Decode(envelope.payload)), stranger.secretKey);
    const r = check({ ...envelope, signatures: [...envelope.signatures, { keyid: keyId(stranger.publicKey), sig: base64Encode(sig) }] });
    expect(r.valid ? 'valid' : r.code).toBe('PSA_UNKNOWN_SIGNER');
  });

  it('refuses a signature from a suspended validator (PSA_INACTIVE_SIGNER)', () => {
    const suspended = q.validators[0]!;
    const set = { ...q.set, validators: q.set.validators.map((v) => (v.id === suspended.id ? { ...v, status: 'suspended' as const } : v)) };
    const signedSet = signValidatorSet(
      set,
      q.validators.filter((v) => v.id !== suspended.id),
    );
    const verifiedSet = verifyValidatorSet(signedSet, { now: T0 });
    const b = buildPsaBody({
      request: sampleRequest(),
      findings: passFindings(),
      snapshot: EMPTY_SNAPSHOT,
      validatorSet: verifiedSet,
      matcher: { name: 't', version: '0', threshold: 1 },
      now: T0,
    });
    const env = signDsse(PSA_PAYLOAD_TYPE, b, q.validators.slice(0, 14));
    const r = verifyPsa(env, { validatorSet: signedSet, now: at(0) });
    expect(r.valid ? 'valid' : [r.check, r.code]).toEqual(['signatures', 'PSA_INACTIVE_SIGNER']);
  });

  it('requires the jurisdiction spread (PSA_JURISDICTIONS_NOT_MET)', () => {
    const strict = quorumFixture({ min_jurisdictions: 8 });
    const { body: b } = issuePsa(strict);
    const doubled = strict.validators.filter((v) => strict.validators.filter((w) => w.jurisdiction === v.jurisdiction).length === 2);
    expect(doubled).toHaveLength(14);
    const env = signDsse(PSA_PAYLOAD_TYPE, b, doubled);
    const r = verifyPsa(env, { validatorSet: strict.signedSet, now: at(0) });
    expect(r.valid ? 'valid' : [r.check, r.code]).toEqual(['jurisdictions', 'PSA_JURISDICTIONS_NOT_MET']);
  });

  it('refuses a payload that is valid JSON but not RFC 8785 canonical, even when properly signed', () => {
    const pretty = new TextEncoder().encode(JSON.stringify(body, null, 1));
    const signers = q.validators.slice(0, 14);
    const env: DsseEnvelope = {
      payloadType: PSA_PAYLOAD_TYPE,
      payload: base64Encode(pretty),
      signatures: signers.map((v) => ({ keyid: v.keyid, sig: base64Encode(sign(pae(PSA_PAYLOAD_TYPE, pretty), v.secretKey)) })),
    };
    const r = check(env);
    expect(r.valid ? 'valid' : r.code).toBe('PSA_NOT_CANONICAL');
  });

  it('refuses a PSA issued under another validator set (PSA_VALIDATOR_SET_MISMATCH)', () => {
    const other = quorumFixture();
    const r = verifyPsa(envelope, { validatorSet: other.signedSet, now: at(0) });
    expect(r.valid ? 'valid' : r.code).toBe('PSA_VALIDATOR_SET_MISMATCH');
  });

  it('refuses a pinned set with a foreign key (PSA_VALIDATOR_SET_INVALID)', () => {
    const doc = JSON.parse(new TextDecoder().decode(base64Decode(q.signedSet.payload)));
    const foreign = generateKeyPair().publicKey;
    doc.validators[0].keys[0] = { alg: 'ed25519', public_key: base64Encode(foreign), keyid: keyId(foreign) };
    const payload = base64Encode(new TextEncoder().encode(JSON.stringify(doc)));
    const r = verifyPsa(envelope, { validatorSet: { ...q.signedSet, payload }, now: at(0) });
    expect(r.valid ? 'valid' : [r.check, r.code]).toEqual(['validator_set', 'PSA_VALIDATOR_SET_INVALID']);
  });

  it('checks the body schema after the canonical form (PSA_BODY_INVALID)', () => {
    const { verdict: _drop, ...rest } = body;
    const env = signDsse(PSA_PAYLOAD_TYPE, rest, q.validators.slice(0, 14));
    const r = check(env);
    expect(r.valid ? 'valid' : [r.check, r.code]).toEqual(['body', 'PSA_BODY_INVALID']);
  });

  it('PSA_BODY_INVALID lists every bad field in details.fields (missing, wrong type, unknown)', () => {
    const { verdict: _drop, ...rest } = body;
    const env = signDsse(PSA_PAYLOAD_TYPE, { ...rest, risk_score: 'high', surprise: 1 }, q.validators.slice(0, 14));
    const r = check(env);
    expect(r.valid).toBe(false);
    if (r.valid) return;
    const fields = (r.details['fields'] as { field: string; issue: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(['risk_score', 'surprise', 'verdict']);
    expect(r.message).toContain('risk_score');
  });

  it('throws INVALID_ARGUMENT for a missing clock rather than guessing one', () => {
    expect(() => verifyPsa(envelope, { validatorSet: q.signedSet, now: 'now' as unknown as Date })).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('binds the request it was built from', () => {
    const r = issuePsa(q, sampleRequest({ transit_id: 'other', tx_preimage_hash: undefined }));
    const v = verifyPsa(r.envelope, { validatorSet: q.signedSet, now: at(0), expect: { tx_preimage_hash: 'c'.repeat(64) } });
    expect(v.valid ? 'valid' : v.code).toBe('PSA_PREIMAGE_MISMATCH');
  });
});

describe('verifyPsa and verifyQuorum: the shared preamble (openDsse) and result shape (issue 12)', () => {
  it('a failure is { valid: false, check, code, message, details }; envelope failures keep their messages', () => {
    expect(check({ ...envelope, extra: 1 })).toEqual({
      valid: false,
      check: 'envelope',
      code: 'PSA_ENVELOPE_MALFORMED',
      message: 'DSSE envelope: extra is not a DSSE envelope field',
      details: {},
    });
    expect(check({ ...envelope, payloadType: 'application/json' })).toEqual({
      valid: false,
      check: 'payload_type',
      code: 'PSA_PAYLOAD_TYPE',
      message: `payloadType must be ${PSA_PAYLOAD_TYPE}`,
      details: { payloadType: 'application/json' },
    });
  });

  it('an envelope over the DSSE size limits fails check envelope before anything is decoded', () => {
    const r = check({ ...envelope, signatures: Array.from({ length: 257 }, () => envelope.signatures[0]!) });
    expect(r).toMatchObject({
      valid: false,
      check: 'envelope',
      code: 'PSA_ENVELOPE_MALFORMED',
      message: 'DSSE envelope: signatures exceeds 256 entries',
    });
  });

  it('verifyQuorum answers valid, and the deprecated ok with the same value', () => {
    const payloadBytes = base64Decode(envelope.payload);
    const good = verifyQuorum(envelope, payloadBytes, q.verifiedSet);
    expect(good).toMatchObject({ valid: true, ok: true });
    const bad = verifyQuorum({ ...envelope, signatures: [envelope.signatures[0]!, envelope.signatures[0]!] }, payloadBytes, q.verifiedSet);
    expect(bad).toMatchObject({ valid: false, ok: false, check: 'signatures', code: 'PSA_DUPLICATE_SIGNER', details: { index: 1 } });
    const shape = verifyQuorum(
      { ...envelope, signatures: [{ keyid: envelope.signatures[0]!.keyid, sig: 1 } as never] },
      payloadBytes,
      q.verifiedSet,
    );
    expect(shape).toMatchObject({ valid: false, code: 'PSA_BAD_SIGNATURE', message: 'signature 0 is not { keyid, sig } strings' });
    const notBase64 = verifyQuorum(
      { ...envelope, signatures: [{ keyid: envelope.signatures[0]!.keyid, sig: 'QR==' }] },
      payloadBytes,
      q.verifiedSet,
    );
    expect(notBase64).toMatchObject({
      valid: false,
      code: 'PSA_BAD_SIGNATURE',
      message: expect.stringMatching(/^signature 0 \(.+\) is not base64$/),
    });
  });
});
