import { hexToBytes } from '@jil/core';
import { frostError } from '../frostError.js';
import { getCiphersuite, type CiphersuiteId } from '../suite/Ciphersuite.js';
import type { Identifier } from '../suite/identifiers.js';
import { ByteReader } from '../wire/ByteReader.js';
import { ByteWriter } from '../wire/ByteWriter.js';
import { readElement, readHeader, readIdentifier, writeHeader } from '../wire/header.js';

/**
 * One refresh message from `sender` to `recipient`: the sender's commitment to its zero-constant polynomial (public,
 * the same in every message of the sender) and f_sender(recipient), sealed to the recipient (`sealShare`).
 */
export interface RefreshPackage {
  readonly sender: Identifier;
  readonly recipient: Identifier;
  /** t − 1 elements. */
  readonly commitment: readonly Uint8Array[];
  readonly sealedShare: Uint8Array;
}

/** Serialize: header ‖ sender ‖ recipient ‖ count u16 ‖ count × element ‖ sealed length u32 ‖ sealed. */
export function encodeRefreshPackage(p: RefreshPackage, suite: CiphersuiteId): Uint8Array {
  const w = writeHeader(new ByteWriter(), suite, 'RefreshPackage')
    .bytes(hexToBytes(p.sender))
    .bytes(hexToBytes(p.recipient))
    .u16(p.commitment.length);
  for (const c of p.commitment) w.bytes(c);
  return w.varBytes(p.sealedShare).finish();
}

/** Parse {@link encodeRefreshPackage}. @throws JilError `FROST_INVALID_ENCODING`. */
export function decodeRefreshPackage(bytes: Uint8Array, suite: CiphersuiteId): RefreshPackage {
  const r = new ByteReader(bytes);
  const s = getCiphersuite(readHeader(r, 'RefreshPackage', suite).id);
  const sender = readIdentifier(r, s, 'sender');
  const recipient = readIdentifier(r, s, 'recipient');
  const n = r.u16('count');
  if (n < 1) throw frostError('FROST_INVALID_ENCODING', 'commitment needs at least one element', { field: 'commitment' });
  const commitment = Array.from({ length: n }, (_, i) => readElement(r, s, `commitment[${i}]`));
  const sealedShare = r.varBytes('sealedShare', 4096);
  r.end();
  return { sender, recipient, commitment, sealedShare };
}
