import { hexToBytes } from '@jil/core';
import { getCiphersuite, type CiphersuiteId } from '../suite/Ciphersuite.js';
import type { Identifier } from '../suite/identifiers.js';
import { ByteReader } from '../wire/ByteReader.js';
import { ByteWriter } from '../wire/ByteWriter.js';
import { readElement, readHeader, readIdentifier, writeHeader } from '../wire/header.js';

/** A participant's round-one output (RFC 9591 §5.1 `commit`): its hiding and binding nonce commitments. Public. */
export interface SigningCommitments {
  readonly identifier: Identifier;
  /** Hiding nonce commitment, 32-byte element. */
  readonly hiding: Uint8Array;
  /** Binding nonce commitment, 32-byte element. */
  readonly binding: Uint8Array;
}

/** Serialize: header ‖ identifier ‖ hiding ‖ binding (RFC 9591 §4.3 `encode_group_commitment_list` entry). */
export function encodeSigningCommitments(c: SigningCommitments, suite: CiphersuiteId): Uint8Array {
  return writeHeader(new ByteWriter(), suite, 'SigningCommitments')
    .bytes(hexToBytes(c.identifier))
    .bytes(c.hiding)
    .bytes(c.binding)
    .finish();
}

/**
 * Parse {@link encodeSigningCommitments}; rejects identity and non-prime-order elements (RFC 9591 §3.1).
 * @throws JilError `FROST_INVALID_ENCODING`.
 */
export function decodeSigningCommitments(bytes: Uint8Array, suite: CiphersuiteId): SigningCommitments {
  const r = new ByteReader(bytes);
  const s = readHeader(r, 'SigningCommitments', suite);
  const c = readCommitmentsBody(r, getCiphersuite(s.id), '');
  r.end();
  return c;
}

/** Body reader shared with the signing package codec. */
export function readCommitmentsBody(r: ByteReader, s: ReturnType<typeof getCiphersuite>, prefix: string): SigningCommitments {
  return {
    identifier: readIdentifier(r, s, `${prefix}identifier`),
    hiding: readElement(r, s, `${prefix}hiding`),
    binding: readElement(r, s, `${prefix}binding`),
  };
}
