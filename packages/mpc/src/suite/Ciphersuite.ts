import type { FROST } from '@noble/curves/abstract/frost.js';
import { ed25519_FROST, ristretto255_FROST } from '@noble/curves/ed25519.js';
import { JilError } from '@jil/core';
import { frostError, guard } from '../frostError.js';
import { getGroup, type Element } from './group.js';

/** The FROST ciphersuites JIL supports (RFC 9591 §6.1 and §6.2). */
export type CiphersuiteId = 'ed25519' | 'ristretto255';

/** The versioned wire tag of each ciphersuite, written in every serialized package header. */
export const CIPHERSUITE_TAGS = {
  ed25519: 'JIL-FROST-ED25519-SHA512-v1',
  ristretto255: 'JIL-FROST-RISTRETTO255-SHA512-v1',
} as const satisfies Record<CiphersuiteId, string>;

/**
 * One FROST ciphersuite: the `@noble/curves` FROST instance plus element and scalar helpers.
 * Elements are 32-byte encodings, scalars 32-byte little-endian (RFC 9591 §6.1/§6.2 SerializeElement/SerializeScalar).
 */
export interface Ciphersuite {
  /** `'ed25519'` or `'ristretto255'`. */
  readonly id: CiphersuiteId;
  /** Wire tag, e.g. `JIL-FROST-ED25519-SHA512-v1`. */
  readonly tag: string;
  /** RFC 9591 context string, e.g. `FROST-ED25519-SHA512-v1`. */
  readonly contextString: string;
  /** The `@noble/curves` FROST implementation of this suite. */
  readonly frost: FROST;
  /** Scalar field (order L). */
  readonly Fn: FROST['utils']['Fn'];
  /**
   * Decode and validate an element: canonical, on the curve, not the identity, in the prime-order subgroup.
   * @throws JilError `FROST_INVALID_ENCODING` (`details.field` `element`, noble's error as `cause`) otherwise.
   */
  assertElement(bytes: Uint8Array): void;
  /**
   * `scalar · B` encoded.
   * @throws JilError `INVALID_ARGUMENT` (`details.field` `scalar`) unless `scalar` is a bigint in 1 … L − 1.
   */
  baseMul(scalar: bigint): Uint8Array;
  /**
   * Σ `scalars[i] · elements[i]` encoded (public inputs only, variable time); the identity encodes as its bytes.
   * @throws JilError `INVALID_ARGUMENT` (`details.field`) unless both are arrays (scalars of bigints);
   *   `FROST_INVALID_ENCODING` (`details.field` `elements`) for an element that is not valid.
   */
  linearCombination(elements: readonly Uint8Array[], scalars: readonly bigint[]): Uint8Array;
}

function makeSuite(id: CiphersuiteId, frost: FROST, contextString: string): Ciphersuite {
  const g = getGroup(id);
  return Object.freeze({
    id,
    tag: CIPHERSUITE_TAGS[id],
    contextString,
    frost,
    Fn: frost.utils.Fn,
    assertElement: (bytes: Uint8Array) =>
      void guard(() => g.element(bytes), 'FROST_INVALID_ENCODING', 'not a valid group element', { field: 'element' }),
    baseMul(scalar: bigint) {
      if (typeof scalar !== 'bigint') throw frostError('INVALID_ARGUMENT', 'scalar must be a bigint', { field: 'scalar' });
      return guard(() => g.encode(g.BASE.multiply(scalar)), 'INVALID_ARGUMENT', 'scalar must be in 1 … L − 1', { field: 'scalar' });
    },
    linearCombination(elements: readonly Uint8Array[], scalars: readonly bigint[]) {
      if (!Array.isArray(elements)) throw frostError('INVALID_ARGUMENT', 'elements must be an array', { field: 'elements' });
      if (!Array.isArray(scalars) || !scalars.every((x) => typeof x === 'bigint'))
        throw frostError('INVALID_ARGUMENT', 'scalars must be an array of bigints', { field: 'scalars' });
      return guard(() => combine(elements, scalars), 'FROST_INVALID_ENCODING', 'elements must be valid group elements', {
        field: 'elements',
      });
    },
  });
  function combine(elements: readonly Uint8Array[], scalars: readonly bigint[]): Uint8Array {
    const points: Element[] = [];
    const nonZero: bigint[] = [];
    elements.forEach((e, i) => {
      const s = frost.utils.Fn.create(scalars[i] ?? 0n);
      if (s !== 0n) points.push(g.element(e)), nonZero.push(s);
    });
    const acc = g.msm(points, nonZero);
    return acc.is0() ? acc.toBytes() : g.encode(acc);
  }
}

const SUITES: Readonly<Record<CiphersuiteId, Ciphersuite>> = Object.freeze({
  ed25519: makeSuite('ed25519', ed25519_FROST, 'FROST-ED25519-SHA512-v1'),
  ristretto255: makeSuite('ristretto255', ristretto255_FROST, 'FROST-RISTRETTO255-SHA512-v1'),
});

/**
 * The ciphersuite for an id.
 *
 * @param id - `'ed25519'` (FROST(Ed25519, SHA-512), RFC 9591 §6.1; signatures verify as RFC 8032 Ed25519) or
 *   `'ristretto255'` (FROST(ristretto255, SHA-512), §6.2).
 * @throws JilError `INVALID_ARGUMENT` for any other value.
 * @example
 * import { getCiphersuite } from '@jil/mpc';
 * getCiphersuite('ed25519').tag; // 'JIL-FROST-ED25519-SHA512-v1'
 */
export function getCiphersuite(id: CiphersuiteId): Ciphersuite {
  if (id !== 'ed25519' && id !== 'ristretto255') {
    throw new JilError('INVALID_ARGUMENT', 'ciphersuite must be "ed25519" or "ristretto255"', { details: { field: 'suite' } });
  }
  return SUITES[id];
}

/** The suite whose wire tag is `tag`, or `undefined`. */
export function ciphersuiteByTag(tag: string): Ciphersuite | undefined {
  return Object.values(SUITES).find((s) => s.tag === tag);
}
