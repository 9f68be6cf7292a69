import { bytesToHex, hexToBytes } from '@jil/core';
import { frostError } from '../frostError.js';
import { getCiphersuite, type CiphersuiteId } from '../suite/Ciphersuite.js';
import { compareIdentifiers, identifierScalar, type Identifier } from '../suite/identifiers.js';
import { ByteReader } from '../wire/ByteReader.js';
import { ByteWriter } from '../wire/ByteWriter.js';
import { requireArray, requireBytesArray, requirePublicKeyPackage, requireString } from '../internal/requireArgument.js';
import { assertElement, assertSorted, readElement, readHeader, readIdentifier, writeHeader } from '../wire/header.js';

/**
 * Public key material of a key set (ZF `PublicKeyPackage`, plus the VSS commitment): what every participant and the
 * coordinator share. `commitments[0]` is the group public key (RFC 9591 App. C.2 `vss_commitment`).
 */
export interface PublicKeyPackage {
  readonly suite: CiphersuiteId;
  /** Threshold t (MIN_PARTICIPANTS), ≥ 2. */
  readonly minSigners: number;
  /** n (MAX_PARTICIPANTS) = number of verifying shares. */
  readonly maxSigners: number;
  /** t elements: the commitment to the sharing polynomial; `[0]` is the group public key. */
  readonly commitments: readonly Uint8Array[];
  /** Verifying share (`share · B`) of every participant. */
  readonly verifyingShares: Readonly<Record<Identifier, Uint8Array>>;
}

/**
 * The group public key: 32 bytes; for `ed25519` it is a plain RFC 8032 public key.
 * @throws JilError `INVALID_ARGUMENT` (`details.field`) when `pkg` is not a public key package.
 */
export function groupPublicKey(pkg: PublicKeyPackage): Uint8Array {
  requirePublicKeyPackage(pkg, 'publicKeyPackage');
  if (pkg.commitments.length === 0)
    throw frostError('INVALID_ARGUMENT', 'publicKeyPackage.commitments must not be empty', { field: 'publicKeyPackage.commitments' });
  return Uint8Array.from(pkg.commitments[0]!);
}

/**
 * Build the public key package from a VSS commitment and the participants' identifiers (ZF
 * `PublicKeyPackage::from_commitment`): each verifying share is Σ commitments[j]·id^j (RFC 9591 App. C.2).
 *
 * @throws JilError `FROST_INVALID_ENCODING` for an invalid commitment element; `INVALID_ARGUMENT` for bad counts, and
 *   (`details.field`) when `commitments` is not an array of Uint8Array or `identifiers` not an array of strings.
 */
export function publicKeyPackageFromCommitment(
  suite: CiphersuiteId,
  commitments: readonly Uint8Array[],
  identifiers: readonly Identifier[],
): PublicKeyPackage {
  const s = getCiphersuite(suite);
  requireBytesArray(commitments, 'commitments');
  requireArray(identifiers, 'identifiers');
  identifiers.forEach((id, i) => {
    requireString(id, `identifiers[${i}]`);
  });
  if (commitments.length < 2 || identifiers.length < commitments.length)
    throw frostError('INVALID_ARGUMENT', 'need t ≥ 2 commitments and at least t identifiers', { field: 'commitments' });
  // FROST_INVALID_ENCODING, checked once
  commitments.forEach((c, i) => {
    assertElement(s, c, `commitments[${i}]`);
  });
  const verifyingShares: Record<Identifier, Uint8Array> = {};
  for (const id of [...identifiers].sort(compareIdentifiers)) {
    const x = identifierScalar(id);
    const powers = commitments.map((_, j) => s.Fn.pow(x, BigInt(j)));
    verifyingShares[id] = s.linearCombination(commitments, powers);
  }
  return {
    suite,
    minSigners: commitments.length,
    maxSigners: identifiers.length,
    commitments: commitments.map((c) => Uint8Array.from(c)),
    verifyingShares,
  };
}

/**
 * Serialize: header ‖ min u16 ‖ max u16 ‖ t × element ‖ n × (identifier ‖ element), identifiers ascending.
 * @throws JilError `INVALID_ARGUMENT` (`details.field`) when `pkg` is not a public key package (shape only: suite,
 *   counts, byte arrays; elements are not decoded).
 * @example
 * import { encodePublicKeyPackage, decodePublicKeyPackage } from '@jil/mpc';
 * const same = decodePublicKeyPackage(encodePublicKeyPackage(pkg));
 */
export function encodePublicKeyPackage(pkg: PublicKeyPackage): Uint8Array {
  requirePublicKeyPackage(pkg, 'publicKeyPackage');
  const ids = Object.keys(pkg.verifyingShares).sort(compareIdentifiers);
  const w = writeHeader(new ByteWriter(), pkg.suite, 'PublicKeyPackage').u16(pkg.minSigners).u16(pkg.maxSigners);
  for (const c of pkg.commitments) w.bytes(c);
  for (const id of ids) w.bytes(hexToBytes(id)).bytes(pkg.verifyingShares[id]!);
  return w.finish();
}

/**
 * Parse and validate a {@link encodePublicKeyPackage} encoding.
 * @throws JilError `FROST_INVALID_ENCODING` (header, counts, order, invalid elements, trailing bytes).
 */
export function decodePublicKeyPackage(bytes: Uint8Array, expected?: CiphersuiteId): PublicKeyPackage {
  const r = new ByteReader(bytes);
  const suite = readHeader(r, 'PublicKeyPackage', expected);
  return readPublicKeyPackageBody(r, suite.id, true);
}

/** Body reader shared with the key package codec. */
export function readPublicKeyPackageBody(r: ByteReader, suite: CiphersuiteId, end: boolean): PublicKeyPackage {
  const s = getCiphersuite(suite);
  const minSigners = r.u16('minSigners');
  const maxSigners = r.u16('maxSigners');
  if (minSigners < 2 || maxSigners < minSigners)
    throw frostError('FROST_INVALID_ENCODING', 'need 2 ≤ minSigners ≤ maxSigners', { field: 'minSigners' });
  const commitments = Array.from({ length: minSigners }, (_, i) => readElement(r, s, `commitments[${i}]`));
  const ids: Identifier[] = [];
  const verifyingShares: Record<Identifier, Uint8Array> = {};
  for (let i = 0; i < maxSigners; i++) {
    const id = readIdentifier(r, s, `verifyingShares[${i}].identifier`);
    ids.push(id);
    verifyingShares[id] = readElement(r, s, `verifyingShares[${i}].share`);
  }
  assertSorted(ids, 'verifyingShares');
  if (end) r.end();
  return { suite, minSigners, maxSigners, commitments, verifyingShares };
}

/**
 * `true` when two packages are byte-for-byte the same key set.
 * @throws JilError `INVALID_ARGUMENT` (`details.field`) when either is not a public key package.
 */
export function samePublicKeyPackage(a: PublicKeyPackage, b: PublicKeyPackage): boolean {
  return bytesToHex(encodePublicKeyPackage(a)) === bytesToHex(encodePublicKeyPackage(b));
}
