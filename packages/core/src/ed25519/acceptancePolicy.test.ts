import * as ed from '@noble/ed25519';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../bytes/encoding.js';
import { SMALL_ORDER_Y, isCanonicalY, isReducedScalar, isSmallOrderEncoding } from './acceptancePolicy.js';
import { backendImpl } from './backends.js';

const { p: P, n: L } = ed.Point.CURVE();
const le32 = (n: bigint): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn));
const maskedY = (point: ed.Point): string => {
  const bytes = point.toBytes();
  bytes[31]! &= 0x7f;
  return bytesToHex(bytes);
};

describe('acceptance policy tables', () => {
  it('SMALL_ORDER_Y is exactly the y of the 8-element torsion subgroup', () => {
    // Any listed point of order 8 generates the (cyclic) torsion subgroup E[8].
    const generator = SMALL_ORDER_Y.map((y) => ed.Point.fromBytes(y, false)).find((T) => !T.double().double().is0());
    expect(generator).toBeDefined();
    const multiples = [ed.Point.ZERO];
    for (let i = 1; i < 8; i++) multiples.push(multiples[i - 1]!.add(generator!));
    expect(multiples[7]!.add(generator!).is0()).toBe(true);
    expect(new Set(multiples.map((m) => m.toHex())).size).toBe(8);
    expect(new Set(multiples.map(maskedY))).toEqual(new Set(SMALL_ORDER_Y.map(bytesToHex)));
  });

  it('isCanonicalY: y < p, sign bit ignored', () => {
    for (const [y, canonical] of [
      [0n, true],
      [P - 1n, true],
      [P, false],
      [P + 18n, false],
      [2n ** 255n - 1n, false],
    ] as const) {
      const bytes = le32(y);
      expect(isCanonicalY(bytes)).toBe(canonical);
      bytes[31]! |= 0x80;
      expect(isCanonicalY(bytes)).toBe(canonical);
    }
  });

  it('isReducedScalar: S < L', () => {
    for (const [s, ok] of [
      [0n, true],
      [L - 1n, true],
      [L, false],
      [L + 1n, false],
      [2n ** 256n - 1n, false],
    ] as const) {
      expect(isReducedScalar(le32(s))).toBe(ok);
    }
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), (s) => isReducedScalar(le32(s)) === s < L));
  });

  it('property: public keys of random seeds are never small order', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (seed) => {
        const publicKey = backendImpl('noble').getPublicKey(seed);
        expect(isCanonicalY(publicKey)).toBe(true);
        expect(isSmallOrderEncoding(publicKey)).toBe(false);
      }),
      { numRuns: 50 },
    );
  });
});
