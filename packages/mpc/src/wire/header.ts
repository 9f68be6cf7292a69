import { bytesToHex, utf8ToBytes } from '@jil/core';
import { frostError } from '../frostError.js';
import { ciphersuiteByTag, getCiphersuite, type Ciphersuite, type CiphersuiteId } from '../suite/Ciphersuite.js';
import { compareIdentifiers, type Identifier } from '../suite/identifiers.js';
import type { ByteReader } from './ByteReader.js';
import type { ByteWriter } from './ByteWriter.js';

/** Version byte of the `@jil/mpc` wire format; the first byte of every package. */
export const FROST_WIRE_VERSION = 1;

/** The kind byte after the header: one per wire type. */
export const WIRE_KINDS = {
  SigningCommitments: 0x01,
  SigningPackage: 0x02,
  SignatureShare: 0x03,
  PublicKeyPackage: 0x04,
  KeyPackage: 0x05,
  DkgRound1Package: 0x06,
  DkgRound2Package: 0x07,
  EncryptedKeyPackage: 0x08,
  RefreshPackage: 0x09,
} as const;
/** Name of a wire type. */
export type WireKind = keyof typeof WIRE_KINDS;

/** Header: `version u8 ‖ len u8 ‖ ciphersuite tag (ASCII) ‖ kind u8`. */
export function writeHeader(w: ByteWriter, suite: CiphersuiteId, kind: WireKind): ByteWriter {
  const tag = utf8ToBytes(getCiphersuite(suite).tag);
  return w.u8(FROST_WIRE_VERSION).u8(tag.length).bytes(tag).u8(WIRE_KINDS[kind]);
}

/** Read and check a header; returns the suite. `expected` pins the suite when given. */
export function readHeader(r: ByteReader, kind: WireKind, expected?: CiphersuiteId): Ciphersuite {
  const version = r.u8('version');
  if (version !== FROST_WIRE_VERSION)
    throw frostError('FROST_INVALID_ENCODING', `unsupported wire version ${version}`, { field: 'version' });
  const tag = String.fromCharCode(...r.take(r.u8('tag'), 'tag')); // ASCII compared byte for byte
  const suite = ciphersuiteByTag(tag);
  if (suite === undefined) throw frostError('FROST_INVALID_ENCODING', 'unknown ciphersuite tag', { field: 'tag' });
  if (expected !== undefined && suite.id !== expected)
    throw frostError('FROST_INVALID_ENCODING', `expected a ${getCiphersuite(expected).tag} package`, { field: 'tag' });
  const k = r.u8('kind');
  if (k !== WIRE_KINDS[kind]) throw frostError('FROST_INVALID_ENCODING', `expected a ${kind}`, { field: 'kind' });
  return suite;
}

/** Read a 32-byte identifier: canonical, non-zero scalar. */
export function readIdentifier(r: ByteReader, suite: Ciphersuite, field: string): Identifier {
  const b = r.take(32, field);
  const n = suite.Fn.fromBytes(b, true);
  if (n === 0n || n >= suite.Fn.ORDER) throw frostError('FROST_INVALID_ENCODING', `${field} is not a valid identifier`, { field });
  return bytesToHex(b);
}

/** Read a 32-byte scalar (canonical: < L). */
export function readScalar(r: ByteReader, suite: Ciphersuite, field: string): Uint8Array {
  const b = r.take(32, field);
  if (suite.Fn.fromBytes(b, true) >= suite.Fn.ORDER)
    throw frostError('FROST_INVALID_ENCODING', `${field} is not a canonical scalar`, { field });
  return b;
}

/** Read a 32-byte element: canonical, on the curve, not the identity, in the prime-order subgroup (RFC 9591 §3.1 DeserializeElement). */
export function readElement(r: ByteReader, suite: Ciphersuite, field: string): Uint8Array {
  const b = r.take(32, field);
  assertElement(suite, b, field);
  return b;
}

/** Throw `FROST_INVALID_ENCODING` unless `b` is a valid element of the suite. */
export function assertElement(suite: Ciphersuite, b: Uint8Array, field: string): void {
  try {
    if (b.length !== 32) throw new Error('length');
    suite.assertElement(b);
  } catch (error) {
    throw frostError('FROST_INVALID_ENCODING', `${field} is not a valid group element`, { field }, error);
  }
}

/** Throw `FROST_INVALID_ENCODING` unless identifiers are strictly increasing (the canonical order). */
export function assertSorted(ids: readonly Identifier[], field: string): void {
  for (let i = 1; i < ids.length; i++) {
    if (compareIdentifiers(ids[i - 1]!, ids[i]!) >= 0)
      throw frostError('FROST_INVALID_ENCODING', `${field} must be sorted by identifier without duplicates`, { field });
  }
}
