import { hexToBytes } from '@jil/core';
import { frostError } from '../frostError.js';
import { getCiphersuite, type CiphersuiteId } from '../suite/Ciphersuite.js';
import { compareIdentifiers } from '../suite/identifiers.js';
import { ByteReader } from '../wire/ByteReader.js';
import { ByteWriter } from '../wire/ByteWriter.js';
import { assertSorted, readHeader, writeHeader } from '../wire/header.js';
import { requireSigningPackage } from '../internal/requireArgument.js';
import { readCommitmentsBody, type SigningCommitments } from './SigningCommitments.js';

/** What the coordinator sends in round two (RFC 9591 §5.2): the chosen signers' commitments and the message. */
export interface SigningPackage {
  /** One entry per signer, sorted by identifier. */
  readonly commitments: readonly SigningCommitments[];
  /** The message to sign (for Ed25519: the exact bytes an RFC 8032 verifier gets). */
  readonly message: Uint8Array;
}

/**
 * Build a signing package with the commitments in canonical order.
 * @throws JilError `INVALID_ARGUMENT` (`details.field`) when `message` is not a Uint8Array or `commitments` not an
 *   array of `{ identifier, hiding, binding }`.
 */
export function createSigningPackage(commitments: readonly SigningCommitments[], message: Uint8Array): SigningPackage {
  if (!(message instanceof Uint8Array)) throw frostError('INVALID_ARGUMENT', 'message must be a Uint8Array', { field: 'message' });
  requireSigningPackage({ commitments, message }, 'signingPackage');
  return {
    commitments: [...commitments].sort((a, b) => compareIdentifiers(a.identifier, b.identifier)),
    message: Uint8Array.from(message),
  };
}

/**
 * Serialize: header ‖ count u16 ‖ count × (identifier ‖ hiding ‖ binding), ascending ‖ message length u32 ‖ message.
 * @throws JilError `INVALID_ARGUMENT` (`details.field`) when `p` is not a signing package or `suite` unknown.
 */
export function encodeSigningPackage(p: SigningPackage, suite: CiphersuiteId): Uint8Array {
  requireSigningPackage(p, 'signingPackage', true);
  const sorted = createSigningPackage(p.commitments, p.message);
  const w = writeHeader(new ByteWriter(), suite, 'SigningPackage').u16(sorted.commitments.length);
  for (const c of sorted.commitments) w.bytes(hexToBytes(c.identifier)).bytes(c.hiding).bytes(c.binding);
  return w.varBytes(sorted.message).finish();
}

/**
 * Parse {@link encodeSigningPackage}; commitments must be strictly ascending (no duplicates).
 * @throws JilError `FROST_INVALID_ENCODING`.
 */
export function decodeSigningPackage(bytes: Uint8Array, suite: CiphersuiteId): SigningPackage {
  const r = new ByteReader(bytes);
  const s = getCiphersuite(readHeader(r, 'SigningPackage', suite).id);
  const n = r.u16('count');
  const commitments = Array.from({ length: n }, (_, i) => readCommitmentsBody(r, s, `commitments[${i}].`));
  assertSorted(
    commitments.map((c) => c.identifier),
    'commitments',
  );
  const message = r.varBytes('message');
  r.end();
  return { commitments, message };
}
