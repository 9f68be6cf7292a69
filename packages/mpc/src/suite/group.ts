import { mulAddUnsafe } from '@noble/curves/abstract/curve.js';
import type { IField } from '@noble/curves/abstract/modular.js';
import { ed25519, ristretto255 } from '@noble/curves/ed25519.js';
import { bytesToHex, bytesToNumberLE, concatBytes } from '@noble/curves/utils.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { CiphersuiteId } from './Ciphersuite.js';

/**
 * A group element of a FROST ciphersuite as `@noble/curves` represents it (an `ed25519.Point` or a
 * `ristretto255.Point`). Within one {@link Group} all elements have the same class.
 */
export interface Element {
  add(other: Element): Element;
  subtract(other: Element): Element;
  negate(): Element;
  /** Constant-time-style multiplication: use it for secret scalars. */
  multiply(scalar: bigint): Element;
  /** Variable-time multiplication: public scalars only. */
  multiplyUnsafe(scalar: bigint): Element;
  equals(other: Element): boolean;
  toBytes(): Uint8Array;
  is0(): boolean;
}

/**
 * The prime-order group and hash functions of a FROST ciphersuite (RFC 9591 §6.1 FROST(Ed25519, SHA-512),
 * §6.2 FROST(ristretto255, SHA-512)) on `@noble/curves`' group arithmetic and `@noble/hashes`' SHA-512.
 *
 * {@link Group.element} is RFC 9591 §3.1 `DeserializeElement` with every check (canonical encoding, on the curve,
 * not the identity, in the prime-order subgroup — `isTorsionFree`, about 0.8 ms for Ed25519). The result is a pure
 * function of the 32 bytes, so it is remembered by content: a bounded map (the {@link ELEMENT_MEMO_SIZE} most
 * recently used encodings, least recently used evicted) from the bytes to the checked element. The same bytes met
 * again — the commitments of a signing package that the coordinator and each signer see, a key set's verifying
 * shares, DKG round-one packages sent again in round three, the public key packages n cosigners return — give the
 * element without a second check; any other bytes are decoded and checked. Only public elements enter the map.
 * This is how an element is checked once, where it enters, like a typed element in the ZF crates.
 *
 * Internal to `@jil/mpc`: not exported from the package.
 */
export interface Group {
  readonly id: CiphersuiteId;
  /** The scalar field (order L), little-endian encodings. */
  readonly Fn: IField<bigint>;
  /** The generator B. */
  readonly BASE: Element;
  /** The identity. */
  readonly ZERO: Element;
  /** §3.1 DeserializeElement (checked once per encoding, see above). @throws Error for an invalid element. */
  element(bytes: Uint8Array): Element;
  /** §3.1 SerializeElement of an element computed from valid elements (not the identity); remembered as valid. */
  encode(element: Element): Uint8Array;
  /** Σ scalars[i]·points[i], variable time (public inputs only). */
  msm(points: readonly Element[], scalars: readonly bigint[]): Element;
  /** Σ_j points[j]·x^j (Horner's rule: cheap for small x such as identifiers 1…n), variable time. */
  evaluate(points: readonly Element[], x: bigint): Element;
  /** §6.1/§6.2 H1: H(contextString ‖ "rho" ‖ m) mod L. */
  H1(m: Uint8Array): bigint;
  /** §6.1/§6.2 H2 (the challenge): Ed25519 H(m) mod L (RFC 8032), ristretto255 H(contextString ‖ "chal" ‖ m) mod L. */
  H2(m: Uint8Array): bigint;
  /** §6.1/§6.2 H3 (nonce generation): H(contextString ‖ "nonce" ‖ m) mod L. */
  H3(m: Uint8Array): bigint;
  /** §6.1/§6.2 H4: H(contextString ‖ "msg" ‖ m), 64 bytes. */
  H4(m: Uint8Array): Uint8Array;
  /** §6.1/§6.2 H5: H(contextString ‖ "com" ‖ m), 64 bytes. */
  H5(m: Uint8Array): Uint8Array;
  /** DKG proof-of-knowledge challenge (ZF frost-core `HDKG`): H(contextString ‖ "dkg" ‖ m) mod L. */
  HDKG(m: Uint8Array): bigint;
}

interface NobleCons {
  fromBytes(bytes: Uint8Array): Element & { assertValidity(): void; isTorsionFree(): boolean };
  BASE: Element;
  ZERO: Element;
  Fn: IField<bigint>;
}

const SMALL = 1n << 32n;

/** How many checked element encodings each suite remembers (about 2.5 MiB at most). */
export const ELEMENT_MEMO_SIZE = 8192;

function makeGroup(id: CiphersuiteId, Point: NobleCons, contextString: string, challengePrefix: string): Group {
  const { Fn } = Point;
  const memo = new Map<string, Element>(); // insertion order = recency: a hit is moved to the end
  const remember = (key: string, element: Element) => {
    memo.set(key, element);
    if (memo.size > ELEMENT_MEMO_SIZE) memo.delete(memo.keys().next().value!);
  };
  const prefix = (tag: string) => utf8ToBytes(contextString + tag);
  const toScalar = (p: Uint8Array) => (m: Uint8Array) => Fn.create(bytesToNumberLE(sha512(concatBytes(p, m))));
  const [rho, chal, nonce, msg, com, dkg] = ['rho', challengePrefix, 'nonce', 'msg', 'com', 'dkg'].map((t) =>
    t === '' ? new Uint8Array(0) : prefix(t),
  ) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  return Object.freeze({
    id,
    Fn,
    BASE: Point.BASE,
    ZERO: Point.ZERO,
    element(bytes: Uint8Array): Element {
      if (!(bytes instanceof Uint8Array) || bytes.length !== 32) throw new Error('an element is 32 bytes');
      const key = bytesToHex(bytes);
      const known = memo.get(key);
      if (known !== undefined) {
        memo.delete(key);
        memo.set(key, known);
        return known;
      }
      const p = Point.fromBytes(bytes); // canonical encoding, on the curve (RFC 8032 §5.1.3 / RFC 9496 §4.3.1)
      p.assertValidity();
      if (p.is0()) throw new Error('identity element');
      if (!p.isTorsionFree()) throw new Error('element not in the prime-order subgroup');
      remember(key, p);
      return p;
    },
    encode(element: Element): Uint8Array {
      if (element.is0()) throw new Error('identity element');
      const bytes = element.toBytes();
      remember(bytesToHex(bytes), element);
      return bytes;
    },
    msm: (points: readonly Element[], scalars: readonly bigint[]) =>
      points.length === 0 ? Point.ZERO : (mulAddUnsafe(Point as never, [...points] as never[], [...scalars]) as unknown as Element),
    evaluate(points: readonly Element[], x: bigint): Element {
      if (x >= SMALL)
        return this.msm(
          points,
          points.map((_, j) => Fn.pow(x, BigInt(j))),
        );
      let acc = Point.ZERO;
      for (let j = points.length - 1; j >= 0; j--) acc = acc.multiplyUnsafe(x).add(points[j]!);
      return acc;
    },
    H1: toScalar(rho),
    H2: toScalar(chal),
    H3: toScalar(nonce),
    H4: (m: Uint8Array) => sha512(concatBytes(msg, m)),
    H5: (m: Uint8Array) => sha512(concatBytes(com, m)),
    HDKG: toScalar(dkg),
  });
}

const GROUPS: Readonly<Record<CiphersuiteId, Group>> = Object.freeze({
  ed25519: makeGroup('ed25519', ed25519.Point as unknown as NobleCons, 'FROST-ED25519-SHA512-v1', ''),
  ristretto255: makeGroup('ristretto255', ristretto255.Point as unknown as NobleCons, 'FROST-RISTRETTO255-SHA512-v1', 'chal'),
});

/** The group of a ciphersuite (internal; callers have checked `id`). */
export function getGroup(id: CiphersuiteId): Group {
  const g = GROUPS[id];
  if (g === undefined) throw new Error('unknown ciphersuite');
  return g;
}
