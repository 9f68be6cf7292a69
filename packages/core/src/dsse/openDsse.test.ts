import { thrown } from '@jil/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode, bytesToUtf8, utf8ToBytes } from '../bytes/encoding.js';
import { createSigner } from '../ed25519/createSigner.js';
import { verify } from '../ed25519/verify.js';
import { isJilError } from '../errors/JilError.js';
import type { DsseEnvelope } from './DsseEnvelope.js';
import { DSSE_LIMITS, openDsse, type DsseFailure, type OpenedDsse } from './openDsse.js';
import { pae } from './pae.js';
import { signDsse } from './signDsse.js';
import { verifyDsseSignatures, type DsseSignaturePolicy } from './verifyDsseSignatures.js';

const TYPE = 'application/vnd.jil.test.v1+json';
const signerA = createSigner(new Uint8Array(32).fill(7));
const signerB = createSigner(new Uint8Array(32).fill(9));
const KEYS = new Map([signerA, signerB].map((s) => [s.keyid, s.publicKey]));
const good: DsseEnvelope = signDsse(TYPE, { hello: 'world', n: 1 }, [signerA, signerB]);

type Failure = { valid: false; check: 'signature'; code: 'DSSE_MALFORMED'; message: string };
const fail = (message: string): Failure => ({ valid: false, check: 'signature', code: 'DSSE_MALFORMED', message });
/** Ed25519 keys of KEYS, each keyid once. */
function policy(): DsseSignaturePolicy<string, Failure> {
  const seen = new Set<string>();
  return {
    key: ({ keyid }) => {
      const publicKey = KEYS.get(keyid);
      if (publicKey === undefined) return fail('unknown key');
      if (seen.has(keyid)) return fail('duplicate key');
      seen.add(keyid);
      return { publicKey, signatureBytes: 64, publicKeyBytes: 32, verify, signer: keyid };
    },
    invalid: (fault, index) => fail(`${fault} ${index}`),
  };
}

/** Open (optionally expecting TYPE) and verify every signature: true only for an intact envelope. */
function accepts(value: unknown, expectType: boolean): boolean {
  const opened = openDsse(value, expectType ? { payloadType: TYPE } : {});
  return opened.valid && verifyDsseSignatures(opened, policy()).valid;
}

function failure(value: unknown, options?: Parameters<typeof openDsse>[1]): DsseFailure {
  const r = openDsse(value, options);
  if (r.valid) throw new Error('expected a failure');
  return r;
}

describe('openDsse', () => {
  it('opens a valid envelope: payload bytes, PAE bytes, decoded signatures', () => {
    const r = openDsse(good, { payloadType: TYPE }) as OpenedDsse;
    expect(r.valid).toBe(true);
    expect(r.envelope).toBe(good);
    expect(r.payloadType).toBe(TYPE);
    expect(bytesToUtf8(r.payloadBytes)).toBe('{"hello":"world","n":1}');
    expect(bytesToUtf8(r.pae)).toBe(`DSSEv1 ${TYPE.length} ${TYPE} 23 {"hello":"world","n":1}`);
    expect(r.pae).toEqual(pae(TYPE, r.payloadBytes));
    expect(r.signatures.map((s) => s.keyid)).toEqual([signerA.keyid, signerB.keyid]);
    expect(r.signatures[0]!.sig).toEqual(base64Decode(good.signatures[0]!.sig));
    expect(verifyDsseSignatures(r, policy())).toEqual({ valid: true, signers: [signerA.keyid, signerB.keyid] });
    // without an expected type any type opens
    expect(openDsse(good).valid).toBe(true);
  });

  it.each([
    ['not an object', null, 'envelope'],
    ['an array', [good], 'envelope'],
    ['payloadType missing', { payload: good.payload, signatures: good.signatures }, 'payloadType'],
    ['payloadType empty', { ...good, payloadType: '' }, 'payloadType'],
    ['payload not base64', { ...good, payload: 'not base64!' }, 'payload'],
    ['payload unpadded', { ...good, payload: 'e30' }, 'payload'],
    ['payload url-safe', { ...good, payload: '-_-_' }, 'payload'],
    ['payload a number', { ...good, payload: 1 }, 'payload'],
    ['signatures empty', { ...good, signatures: [] }, 'signatures'],
    ['signatures not an array', { ...good, signatures: {} }, 'signatures'],
    ['a signature not an object', { ...good, signatures: ['x'] }, 'signatures[0]'],
    ['keyid missing', { ...good, signatures: [{ sig: 'AAAA' }] }, 'signatures[0].keyid'],
    ['keyid not a string', { ...good, signatures: [{ keyid: 1, sig: 'AAAA' }] }, 'signatures[0].keyid'],
    ['sig empty', { ...good, signatures: [{ keyid: 'k', sig: '' }] }, 'signatures[0].sig'],
    ['sig not canonical base64', { ...good, signatures: [{ keyid: 'k', sig: 'QR==' }] }, 'signatures[0].sig'],
    ['an unknown envelope field', { ...good, extra: 1 }, 'extra'],
    ['an unknown signature field', { ...good, signatures: [{ keyid: 'k', sig: 'AAAA', x: 1 }] }, 'signatures[0].x'],
  ])('%s: check envelope, DSSE_MALFORMED naming the field', (_label, value, field) => {
    const f = failure(value, { payloadType: TYPE });
    expect(f).toMatchObject({ valid: false, check: 'envelope', code: 'DSSE_MALFORMED', details: { field } });
    expect(f.message.startsWith(`DSSE envelope: ${field} `)).toBe(true);
  });

  it('lists every bad field in details.fields', () => {
    const f = failure({ payloadType: '', payload: '!', signatures: [{ keyid: 1, sig: '' }] });
    expect((f.details['fields'] as { field: string }[]).map((i) => i.field)).toEqual([
      'payloadType',
      'payload',
      'signatures[0].keyid',
      'signatures[0].sig',
    ]);
  });

  it('another payloadType: check payload_type, with the type received', () => {
    const other = { ...good, payloadType: 'application/other' };
    expect(failure(other, { payloadType: TYPE })).toEqual({
      valid: false,
      check: 'payload_type',
      code: 'DSSE_MALFORMED',
      message: `payloadType must be ${TYPE}`,
      details: { payloadType: 'application/other' },
    });
  });

  it('a payloadType with a lone surrogate fails check envelope (no UTF-8 form for PAE)', () => {
    expect(failure({ ...good, payloadType: 'a\ud800' })).toMatchObject({ check: 'envelope', details: { field: 'payloadType' } });
  });

  it('size limits: refused before decoding, issue too_large with the limit', () => {
    const big = { ...good, payload: base64Encode(new Uint8Array(101)) };
    expect(failure(big, { maxPayloadBytes: 100 })).toMatchObject({
      check: 'envelope',
      code: 'DSSE_MALFORMED',
      details: { field: 'payload', limit: 100, fields: [{ issue: 'too_large' }] },
    });
    expect(openDsse({ ...good, payload: base64Encode(new Uint8Array(100)) }, { maxPayloadBytes: 100 }).valid).toBe(true);
    // 101 bytes have the base64 length of 100 (136 characters): the decoded length is checked too
    expect(failure({ ...good, payload: base64Encode(new Uint8Array(100)) }, { maxPayloadBytes: 99 }).details['field']).toBe('payload');
    expect(failure(good, { maxSignatures: 1 }).details).toMatchObject({ field: 'signatures', limit: 1 });
    expect(failure(good, { maxSignatureBytes: 63 }).details).toMatchObject({ field: 'signatures[0].sig', limit: 63 });
    expect(failure({ ...good, payloadType: 'x'.repeat(DSSE_LIMITS.maxPayloadTypeLength + 1) }).details).toMatchObject({
      field: 'payloadType',
    });
    // the defaults: 4 MiB of payload
    expect(failure({ ...good, payload: 'A'.repeat(4 * Math.ceil(DSSE_LIMITS.maxPayloadBytes / 3) + 4) }).details['field']).toBe('payload');
  });

  it('bad options throw INVALID_ARGUMENT; garbage envelopes never throw', () => {
    for (const options of [
      null,
      'x',
      { payloadType: 1 },
      { maxPayloadBytes: 0 },
      { maxSignatures: 1.5 },
      { maxSignatureBytes: Number.NaN },
    ]) {
      expect(
        isJilError(
          thrown(() => openDsse(good, options as never)),
          'INVALID_ARGUMENT',
        ),
      ).toBe(true);
    }
    for (const value of [undefined, 0, 'x', [], {}, new Uint8Array(3), Object.create(null), { payload: 1, signatures: 'x' }]) {
      expect(openDsse(value).valid).toBe(false);
    }
  });
});

describe('verifyDsseSignatures', () => {
  it('no 1-of-n: an unknown key, a duplicate or one bad signature fails the envelope', () => {
    const opened = openDsse(good) as OpenedDsse;
    const [a, b] = opened.signatures as [OpenedDsse['signatures'][0], OpenedDsse['signatures'][0]];
    const check = (signatures: unknown[]) => verifyDsseSignatures({ pae: opened.pae, signatures }, policy());
    expect(check([a, { keyid: 'f'.repeat(64), sig: b.sig }])).toEqual(fail('unknown key'));
    expect(check([a, a])).toEqual(fail('duplicate key'));
    expect(check([a, { keyid: b.keyid, sig: a.sig }])).toEqual(fail('verify 1'));
    expect(check([a, { keyid: b.keyid, sig: b.sig.subarray(0, 63) }])).toEqual(fail('verify 1'));
    expect(check([a, { keyid: b.keyid, sig: 'QR==' }])).toEqual(fail('encoding 1'));
    expect(check([a, { keyid: b.keyid }])).toEqual(fail('shape 1'));
    expect(check([null])).toEqual(fail('shape 0'));
    // base64 text works as well as decoded bytes
    expect(check([...good.signatures])).toEqual({ valid: true, signers: [signerA.keyid, signerB.keyid] });
  });

  it('bad arguments throw INVALID_ARGUMENT', () => {
    for (const [signed, p] of [
      [null, policy()],
      [{ pae: 'x', signatures: [] }, policy()],
      [{ pae: new Uint8Array(), signatures: {} }, policy()],
      [{ pae: new Uint8Array(), signatures: [] }, {}],
    ] as const) {
      expect(
        isJilError(
          thrown(() => verifyDsseSignatures(signed as never, p as never)),
          'INVALID_ARGUMENT',
        ),
      ).toBe(true);
    }
  });
});

describe('property: any change to the signed envelope fails', () => {
  const payload = base64Decode(good.payload);

  it('a changed payload byte', () => {
    fc.assert(
      fc.property(fc.nat({ max: payload.length - 1 }), fc.integer({ min: 1, max: 255 }), fc.boolean(), (at, xor, expectType) => {
        const bytes = payload.slice();
        bytes[at]! ^= xor;
        return !accepts({ ...good, payload: base64Encode(bytes) }, expectType);
      }),
    );
  });

  it('a changed payloadType byte', () => {
    const type = utf8ToBytes(TYPE);
    fc.assert(
      fc.property(fc.nat({ max: type.length - 1 }), fc.integer({ min: 1, max: 127 }), fc.boolean(), (at, xor, expectType) => {
        const bytes = type.slice();
        bytes[at]! ^= xor;
        return !accepts({ ...good, payloadType: bytesToUtf8(bytes) }, expectType);
      }),
    );
  });

  it('a changed signature byte, in any signature', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1 }), fc.nat({ max: 63 }), fc.integer({ min: 1, max: 255 }), fc.boolean(), (which, at, xor, expectType) => {
        const signatures = good.signatures.map((s, i) => {
          if (i !== which) return s;
          const sig = base64Decode(s.sig);
          sig[at]! ^= xor;
          return { keyid: s.keyid, sig: base64Encode(sig) };
        });
        return !accepts({ ...good, signatures }, expectType);
      }),
    );
  });

  it('the intact envelope is accepted (the properties are not vacuous)', () => {
    expect(accepts(good, true)).toBe(true);
    expect(accepts(good, false)).toBe(true);
  });
});
