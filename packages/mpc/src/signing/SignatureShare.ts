import { hexToBytes } from '@jil/core';
import type { CiphersuiteId } from '../suite/Ciphersuite.js';
import type { Identifier } from '../suite/identifiers.js';
import { ByteReader } from '../wire/ByteReader.js';
import { ByteWriter } from '../wire/ByteWriter.js';
import { readHeader, readIdentifier, readScalar, writeHeader } from '../wire/header.js';

/** A participant's round-two output (RFC 9591 §5.2 `sign`): its signature share z_i. */
export interface SignatureShare {
  readonly identifier: Identifier;
  /** 32-byte scalar. */
  readonly share: Uint8Array;
}

/** Serialize: header ‖ identifier ‖ share. */
export function encodeSignatureShare(s: SignatureShare, suite: CiphersuiteId): Uint8Array {
  return writeHeader(new ByteWriter(), suite, 'SignatureShare').bytes(hexToBytes(s.identifier)).bytes(s.share).finish();
}

/**
 * Parse {@link encodeSignatureShare}; the share must be a canonical scalar.
 * @throws JilError `FROST_INVALID_ENCODING`.
 */
export function decodeSignatureShare(bytes: Uint8Array, suite: CiphersuiteId): SignatureShare {
  const r = new ByteReader(bytes);
  const s = readHeader(r, 'SignatureShare', suite);
  const out = { identifier: readIdentifier(r, s, 'identifier'), share: readScalar(r, s, 'share') };
  r.end();
  return out;
}
