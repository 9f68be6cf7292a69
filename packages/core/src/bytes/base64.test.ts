import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base64Decode as nodeDecode, base64DecodeTable, base64Encode as nodeEncode, base64EncodeTable } from './encoding.js';

/** The RFC 4648 §4 grammar with padding, as an independent oracle (not the code under test). */
const CANONICAL = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const oracleAccepts = (s: string) => CANONICAL.test(s) && Buffer.from(s, 'base64').toString('base64') === s;

describe.each([
  ['on Node (Buffer, checked by re-encoding)', nodeDecode, nodeEncode],
  ['table-driven (browsers)', base64DecodeTable, base64EncodeTable],
] as const)('base64 (RFC 4648 §4, strict) %s', (_name, base64Decode, base64Encode) => {
  it('RFC 4648 §10 test vectors, both ways', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(base64Encode(new TextEncoder().encode(plain))).toBe(encoded);
      expect(new TextDecoder().decode(base64Decode(encoded))).toBe(plain);
    }
  });

  it('refuses non-canonical and malformed text', () => {
    for (const bad of [
      'QR==',
      'QUJ=',
      'Zg',
      'Zg=',
      'Zg===',
      '=Zg=',
      'Z g=',
      'Zm9v\n',
      'Zm-v',
      'Zm_v',
      'Zm9vYg=a',
      '====',
      'é===',
      'Zm8=Zm8=',
    ]) {
      expect(() => base64Decode(bad), bad).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });

  it('property: encode equals Node’s Buffer encoding and decode inverts it, at every length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), (bytes) => {
        const text = base64Encode(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(base64Decode(text)).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('property: decode accepts exactly the canonical encodings (oracle: the RFC grammar + Buffer round trip)', () => {
    const alphabet = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ \n'.split(''));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 24 }).map((a) => a.join('')),
        (text) => {
          let accepted = true;
          try {
            base64Decode(text);
          } catch {
            accepted = false;
          }
          expect(accepted).toBe(oracleAccepts(text));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('property: changing one character of a canonical encoding never decodes to the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.nat(), fc.constantFrom(...'AQgw/+9z='.split('')), (bytes, at, c) => {
        const text = base64Encode(bytes);
        const i = at % text.length;
        const changed = text.slice(0, i) + c + text.slice(i + 1);
        if (changed === text) return;
        let decoded: Uint8Array | undefined;
        try {
          decoded = base64Decode(changed);
        } catch {
          decoded = undefined;
        }
        if (decoded) expect(Buffer.from(decoded).equals(Buffer.from(bytes))).toBe(false);
      }),
    );
  });
});
