import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHintEncodingValid, isZWithinBound, meetsMlDsa65AcceptancePolicy } from './acceptancePolicy.js';
import { nobleSignExpanded } from './nobleBackend.js';
import {
  BETA,
  GAMMA1,
  HINT_OFFSET,
  K,
  OMEGA,
  referenceHintBitPack,
  referenceHintBitUnpack,
  referencePreCheck,
  referenceZ,
  withHint,
  withZ,
} from './reference.testutil.js';

// One deterministic signature (rnd = 0^32) to edit; its hint bytes are the ones HintBitPack wrote.
const { secretKey } = ml_dsa65.keygen(new Uint8Array(32).fill(7));
const signature = nobleSignExpanded(new Uint8Array([1, 2, 3]), secretKey, new Uint8Array(0), new Uint8Array(32));
const sigWithHint = (y: Uint8Array): Uint8Array => withHint(signature, (h) => h.set(y));

/** A k × 256 hint with at most ω ones, and its HintBitPack encoding. */
const hintArb = fc.array(fc.tuple(fc.nat({ max: K - 1 }), fc.nat({ max: 255 })), { maxLength: OMEGA }).map((ones) => {
  const h = Array.from({ length: K }, () => new Array<number>(256).fill(0));
  for (const [i, j] of ones) h[i]![j] = 1;
  return h;
});

describe('ML-DSA-65 acceptance policy: pre-check on the signature bytes', () => {
  it('accepts real signatures, and agrees with the reference model on them', () => {
    expect(meetsMlDsa65AcceptancePolicy(signature)).toBe(true);
    expect(referencePreCheck(signature)).toBe(true);
  });

  it('property: HintBitPack output always passes and unpacks to the same hint (encode∘decode = id)', () => {
    fc.assert(
      fc.property(hintArb, (h) => {
        const y = referenceHintBitPack(h);
        expect(referenceHintBitUnpack(y)).toEqual(h);
        expect(isHintEncodingValid(sigWithHint(y))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('property: on edited hint bytes the policy answers as Algorithm 21 (HintBitUnpack)', () => {
    const edit = fc.array(fc.tuple(fc.nat({ max: OMEGA + K - 1 }), fc.nat({ max: 255 })), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(hintArb, edit, fc.boolean(), (h, edits, small) => {
        const y = referenceHintBitPack(h);
        // `small` keeps the counts near their range so that both outcomes occur
        for (const [at, value] of edits) y[at] = small && at >= OMEGA ? value % (OMEGA + 2) : value;
        expect(isHintEncodingValid(sigWithHint(y))).toBe(referenceHintBitUnpack(y) !== null);
      }),
      { numRuns: 500 },
    );
  });

  it('property: on random z bytes the policy answers as BitUnpack + ‖z‖∞ < γ1 − β', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 3200, maxLength: 3200 }), (zBytes) => {
        const sig = Uint8Array.from(signature);
        sig.set(zBytes, 48);
        const expected = referenceZ(sig).every((z) => Math.abs(z) < GAMMA1 - BETA);
        expect(isZWithinBound(sig)).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('z bound edges: |z| = γ1 − β − 1 passes, γ1 − β and beyond are refused, at every position pattern', () => {
    for (const index of [0, 1, 2, 255, 256, 1278, 1279]) {
      for (const [z, ok] of [
        [GAMMA1 - BETA - 1, true],
        [-(GAMMA1 - BETA - 1), true],
        [0, true],
        [GAMMA1 - BETA, false],
        [-(GAMMA1 - BETA), false],
        [GAMMA1, false],
        [-(GAMMA1 - 1), false],
      ] as const) {
        const sig = withZ(signature, index, z);
        expect(referenceZ(sig)[index]).toBe(z);
        expect(isZWithinBound(sig), `z[${index}] = ${z}`).toBe(ok);
        expect(meetsMlDsa65AcceptancePolicy(sig)).toBe(ok);
      }
    }
  });

  it('the hint edits that keep h unchanged are refused (each would be a second encoding of one signature)', () => {
    const y = signature.subarray(HINT_OFFSET);
    const h = referenceHintBitUnpack(y)!;
    expect(h).not.toBeNull();
    const total = y[OMEGA + K - 1]!;
    expect(total).toBeLessThan(OMEGA); // a free slot for the padding and repetition edits
    const padded = Uint8Array.from(y);
    padded[OMEGA - 1] = 1;
    const repeated = Uint8Array.from(y);
    const poly = [...Array(K).keys()].find((i) => y[OMEGA + i]! > (i === 0 ? 0 : y[OMEGA + i - 1]!))!;
    const end = y[OMEGA + poly]!;
    repeated.copyWithin(end + 1, end, total);
    repeated[end] = y[end - 1]!;
    for (let i = poly; i < K; i++) repeated[OMEGA + i]!++;
    for (const edited of [padded, repeated]) {
      expect(isHintEncodingValid(sigWithHint(edited))).toBe(false);
      expect(referenceHintBitUnpack(edited)).toBeNull();
    }
  });
});
