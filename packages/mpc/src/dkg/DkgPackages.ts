import { hexToBytes } from '@jil/core';
import { frostError } from '../frostError.js';
import { getCiphersuite, type CiphersuiteId } from '../suite/Ciphersuite.js';
import type { Identifier } from '../suite/identifiers.js';
import { ByteReader } from '../wire/ByteReader.js';
import { ByteWriter } from '../wire/ByteWriter.js';
import { readElement, readHeader, readIdentifier, readScalar, writeHeader } from '../wire/header.js';

/** DKG round-one broadcast (ZF `dkg::round1::Package`): VSS commitment and Schnorr proof of knowledge of a_i0. */
export interface DkgRound1Package {
  readonly identifier: Identifier;
  /** t elements. */
  readonly commitment: readonly Uint8Array[];
  /** 64 bytes `R ‖ μ`. */
  readonly proofOfKnowledge: Uint8Array;
}

/** DKG round-two message from `sender` to `recipient`: the sender's polynomial at the recipient, sealed. */
export interface DkgRound2Package {
  readonly sender: Identifier;
  readonly recipient: Identifier;
  /** {@link sealShare} output. */
  readonly sealedShare: Uint8Array;
}

/** Serialize: header ‖ identifier ‖ t u16 ‖ t × element ‖ proof (element ‖ scalar). */
export function encodeDkgRound1Package(p: DkgRound1Package, suite: CiphersuiteId): Uint8Array {
  const w = writeHeader(new ByteWriter(), suite, 'DkgRound1Package').bytes(hexToBytes(p.identifier)).u16(p.commitment.length);
  for (const c of p.commitment) w.bytes(c);
  return w.bytes(p.proofOfKnowledge).finish();
}

/** Parse {@link encodeDkgRound1Package}. @throws JilError `FROST_INVALID_ENCODING`. */
export function decodeDkgRound1Package(bytes: Uint8Array, suite: CiphersuiteId): DkgRound1Package {
  const r = new ByteReader(bytes);
  const s = getCiphersuite(readHeader(r, 'DkgRound1Package', suite).id);
  const identifier = readIdentifier(r, s, 'identifier');
  const t = r.u16('count');
  if (t < 2) throw frostError('FROST_INVALID_ENCODING', 'commitment needs at least 2 elements', { field: 'commitment' });
  const commitment = Array.from({ length: t }, (_, i) => readElement(r, s, `commitment[${i}]`));
  const proofOfKnowledge = new Uint8Array([...readElement(r, s, 'proofOfKnowledge.R'), ...readScalar(r, s, 'proofOfKnowledge.mu')]);
  r.end();
  return { identifier, commitment, proofOfKnowledge };
}

/** Serialize: header ‖ sender ‖ recipient ‖ sealed length u32 ‖ sealed. */
export function encodeDkgRound2Package(p: DkgRound2Package, suite: CiphersuiteId): Uint8Array {
  return writeHeader(new ByteWriter(), suite, 'DkgRound2Package')
    .bytes(hexToBytes(p.sender))
    .bytes(hexToBytes(p.recipient))
    .varBytes(p.sealedShare)
    .finish();
}

/** Parse {@link encodeDkgRound2Package}. @throws JilError `FROST_INVALID_ENCODING`. */
export function decodeDkgRound2Package(bytes: Uint8Array, suite: CiphersuiteId): DkgRound2Package {
  const r = new ByteReader(bytes);
  const s = readHeader(r, 'DkgRound2Package', suite);
  const out = {
    sender: readIdentifier(r, s, 'sender'),
    recipient: readIdentifier(r, s, 'recipient'),
    sealedShare: r.varBytes('sealedShare', 4096),
  };
  r.end();
  return out;
}
