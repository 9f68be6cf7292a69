import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { thrown, vectorPath } from '@jil/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode, bytesToHex, bytesToUtf8, hexToBytes, utf8ToBytes } from '../bytes/encoding.js';
import { isJilError } from '../errors/JilError.js';
import { assertDsseEnvelope, isDsseEnvelope } from './assertDsseEnvelope.js';
import { pae } from './pae.js';

interface PaeVector {
  payloadType: string;
  payloadUtf8: string;
  payloadHex: string;
  paeUtf8: string;
  paeHex: string;
  key: { x: string; y: string };
  envelope: { payload: string; payloadType: string; signatures: { sig: string }[] };
}
const vector = JSON.parse(readFileSync(vectorPath('dsse', 'pae-example.json'), 'utf8')) as PaeVector;

/** Test-side PAE decoder: PAE must be unambiguous, so it must parse back. */
function unpae(bytes: Uint8Array): [string, Uint8Array] {
  const text = new TextDecoder('latin1').decode(bytes);
  const m = /^DSSEv1 (0|[1-9][0-9]*) /.exec(text);
  if (!m) throw new Error('bad header');
  const typeLen = Number(m[1]);
  let at = m[0].length;
  const type = bytes.subarray(at, at + typeLen);
  at += typeLen;
  const m2 = /^ (0|[1-9][0-9]*) /.exec(text.slice(at));
  if (!m2) throw new Error('bad length');
  const body = bytes.subarray(at + m2[0].length);
  if (body.length !== Number(m2[1])) throw new Error('length mismatch');
  return [bytesToUtf8(type), body];
}

function b64url(decimal: string): string {
  return Buffer.from(BigInt(decimal).toString(16).padStart(64, '0'), 'hex').toString('base64url');
}

describe('DSSE vector (secure-systems-lab/dsse protocol.md)', () => {
  it('pae matches the printed PAE bytes', () => {
    const payload = hexToBytes(vector.payloadHex);
    expect(bytesToUtf8(payload)).toBe(vector.payloadUtf8);
    const out = pae(vector.payloadType, payload);
    expect(bytesToHex(out)).toBe(vector.paeHex);
    expect(bytesToUtf8(out)).toBe(vector.paeUtf8);
    expect(base64Decode(vector.envelope.payload)).toEqual(payload);
  });

  it('the vector signature (ECDSA P-256) verifies over our PAE bytes', () => {
    const key = createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: b64url(vector.key.x), y: b64url(vector.key.y) },
      format: 'jwk',
    });
    const sig = base64Decode(vector.envelope.signatures[0]!.sig);
    const message = pae(vector.envelope.payloadType, base64Decode(vector.envelope.payload));
    expect(nodeVerify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, sig)).toBe(true);
    message[message.length - 1]! ^= 1;
    expect(nodeVerify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, sig)).toBe(false);
  });

  it('the vector envelope lacks keyid, which JIL requires: DSSE_MALFORMED names the field', () => {
    const error = thrown(() => assertDsseEnvelope(vector.envelope));
    expect(isJilError(error, 'DSSE_MALFORMED')).toBe(true);
    expect((error as { details: { field: string } }).details.field).toBe('signatures[0].keyid');
    const withKeyid = { ...vector.envelope, signatures: vector.envelope.signatures.map((s) => ({ keyid: 'k1', ...s })) };
    expect(isDsseEnvelope(withKeyid)).toBe(true);
    expect(() => assertDsseEnvelope(withKeyid)).not.toThrow();
  });
});

describe('pae', () => {
  it('property: pae is injective (decodes back to type and payload)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.uint8Array({ maxLength: 300 }), (type, body) => {
        const [t, b] = unpae(pae(type, body));
        expect(t).toBe(type);
        expect(b).toEqual(body);
      }),
    );
  });

  it('counts UTF-8 bytes, not UTF-16 units, in LEN(type)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 10 }), (type) => {
        const out = bytesToUtf8(pae(type, new Uint8Array(0)));
        expect(out.startsWith(`DSSEv1 ${utf8ToBytes(type).length} ${type} 0 `)).toBe(true);
      }),
    );
  });

  it('rejects wrong types with INVALID_ARGUMENT', () => {
    const good = new Uint8Array(1);
    for (const [type, body] of [
      [1, good],
      [undefined, good],
      ['a\ud800', good],
      ['t', 'text'],
      ['t', [1, 2]],
      ['t', undefined],
      ['t', new ArrayBuffer(1)],
    ] as const) {
      expect(
        isJilError(
          thrown(() => pae(type as string, body as Uint8Array)),
          'INVALID_ARGUMENT',
        ),
      ).toBe(true);
    }
  });
});

describe('assertDsseEnvelope', () => {
  const good = {
    payloadType: 'application/vnd.jil.psa.v1+json',
    payload: base64Encode(utf8ToBytes('{}')),
    signatures: [{ keyid: 'ab', sig: 'AAAA' }],
  };

  it('accepts a well-formed envelope', () => {
    expect(isDsseEnvelope(good)).toBe(true);
  });

  it('lists every bad field', () => {
    const bad = {
      payloadType: '',
      payload: 'not base64!',
      signatures: [{ keyid: 1, sig: 'QR==' }, 'x', { keyid: 'k', sig: 'AAAA', extra: 1 }],
      more: true,
    };
    const error = thrown(() => assertDsseEnvelope(bad));
    expect(isJilError(error, 'DSSE_MALFORMED')).toBe(true);
    const fields = (error as { details: { fields: { field: string }[] } }).details.fields.map((f) => f.field).sort();
    expect(fields).toEqual(
      ['more', 'payload', 'payloadType', 'signatures[0].keyid', 'signatures[0].sig', 'signatures[1]', 'signatures[2].extra'].sort(),
    );
  });

  it.each([
    ['not an object', null, 'envelope'],
    ['an array', [good], 'envelope'],
    ['a class instance', new Date(0), 'envelope'],
    ['no signatures', { ...good, signatures: [] }, 'signatures'],
    ['signatures not an array', { ...good, signatures: {} }, 'signatures'],
    ['url-safe base64 payload', { ...good, payload: '-_-_' }, 'payload'],
    ['unpadded payload', { ...good, payload: 'e30' }, 'payload'],
    ['empty sig', { ...good, signatures: [{ keyid: 'k', sig: '' }] }, 'signatures[0].sig'],
    ['empty keyid', { ...good, signatures: [{ keyid: '', sig: 'AAAA' }] }, 'signatures[0].keyid'],
    ['payloadType missing', { payload: good.payload, signatures: good.signatures }, 'payloadType'],
  ])('rejects %s', (_label, value, field) => {
    expect(isDsseEnvelope(value)).toBe(false);
    const error = thrown(() => assertDsseEnvelope(value));
    expect(isJilError(error, 'DSSE_MALFORMED')).toBe(true);
    expect((error as { details: { field: string } }).details.field).toBe(field);
  });
});
