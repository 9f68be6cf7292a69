import { bytesToHex, constantTimeEqual, hexToBytes } from '@jil/core';
import { frostError } from '../frostError.js';
import { getCiphersuite, type CiphersuiteId } from '../suite/Ciphersuite.js';
import { isIdentifier, type Identifier } from '../suite/identifiers.js';
import { ByteReader } from '../wire/ByteReader.js';
import { ByteWriter } from '../wire/ByteWriter.js';
import { readHeader, readIdentifier, readScalar, writeHeader } from '../wire/header.js';
import { encodePublicKeyPackage, readPublicKeyPackageBody, type PublicKeyPackage } from './PublicKeyPackage.js';
import { requireKeyPackage } from '../internal/requireArgument.js';
import { getGroup } from '../suite/group.js';

/**
 * One participant's key material (ZF `KeyPackage`): its identifier, its secret signing share and the public key
 * package of the set. **Secret**: store it only encrypted ({@link encryptKeyPackage}); never log it.
 */
export interface KeyPackage {
  readonly suite: CiphersuiteId;
  readonly identifier: Identifier;
  /** 32-byte little-endian scalar. Secret. */
  readonly signingShare: Uint8Array;
  readonly publicKeyPackage: PublicKeyPackage;
}

/**
 * Check a key package: the share matches the VSS commitment (RFC 9591 App. C.2 `vss_verify`) and the participant's
 * verifying share.
 * @throws JilError `FROST_INVALID_KEY_SHARE` with `details.culprits = [identifier]`.
 */
export function verifyKeyPackage(kp: KeyPackage): void {
  const vs = kp?.publicKeyPackage?.verifyingShares?.[kp.identifier];
  let ok = vs !== undefined;
  try {
    if (ok) {
      // App. C.2 vss_verify: s_i·B == Σ_k φ_k·x_i^k, every φ_k a valid element; and s_i·B is the verifying share
      const g = getGroup(kp.suite);
      const x = g.Fn.fromBytes(hexToBytes(kp.identifier));
      if (x === 0n || !isIdentifier(kp.identifier, kp.suite)) throw new Error('identifier');
      const commitment = kp.publicKeyPackage.commitments.map((c) => g.element(c));
      if (commitment.length !== kp.publicKeyPackage.minSigners) throw new Error('commitment length');
      const S = g.BASE.multiply(g.Fn.fromBytes(kp.signingShare));
      ok = S.equals(g.evaluate(commitment, x)) && constantTimeEqual(S.toBytes(), vs!);
    }
  } catch {
    ok = false;
  }
  if (!ok) throw frostError('FROST_INVALID_KEY_SHARE', 'signing share does not match the VSS commitment', { culprits: [kp?.identifier] });
}

/**
 * Serialize: header ‖ identifier ‖ signing share ‖ public key package body. Secret bytes: encrypt before storing.
 * @throws JilError `INVALID_ARGUMENT` (`details.field`) when `kp` is not a key package (shape only).
 */
export function encodeKeyPackage(kp: KeyPackage): Uint8Array {
  requireKeyPackage(kp, 'keyPackage');
  const pub = encodePublicKeyPackage(kp.publicKeyPackage);
  const headerLength = 1 + 1 + getCiphersuite(kp.suite).tag.length + 1;
  return writeHeader(new ByteWriter(), kp.suite, 'KeyPackage')
    .bytes(hexToBytes(kp.identifier))
    .bytes(kp.signingShare)
    .bytes(pub.subarray(headerLength))
    .finish();
}

/**
 * Parse a {@link encodeKeyPackage} encoding and {@link verifyKeyPackage} it.
 * @throws JilError `FROST_INVALID_ENCODING`, `FROST_INVALID_KEY_SHARE`.
 */
export function decodeKeyPackage(bytes: Uint8Array, expected?: CiphersuiteId): KeyPackage {
  const r = new ByteReader(bytes);
  const s = readHeader(r, 'KeyPackage', expected);
  const identifier = readIdentifier(r, s, 'identifier');
  const signingShare = readScalar(r, s, 'signingShare');
  const publicKeyPackage = readPublicKeyPackageBody(r, s.id, true);
  if (publicKeyPackage.verifyingShares[identifier] === undefined)
    throw frostError('FROST_INVALID_ENCODING', 'identifier is not in the key set', { field: 'identifier' });
  const kp: KeyPackage = { suite: s.id, identifier, signingShare, publicKeyPackage };
  verifyKeyPackage(kp);
  return kp;
}

/**
 * A log-safe view of a key package: identifier, suite, threshold and group key; never the share.
 * @throws JilError `INVALID_ARGUMENT` (`details.field`) when `kp` is not a key package (shape only).
 */
export function describeKeyPackage(kp: KeyPackage): {
  suite: CiphersuiteId;
  identifier: Identifier;
  minSigners: number;
  maxSigners: number;
  groupPublicKey: string;
} {
  requireKeyPackage(kp, 'keyPackage');
  const p = kp.publicKeyPackage;
  if (p.commitments.length === 0)
    throw frostError('INVALID_ARGUMENT', 'keyPackage.publicKeyPackage.commitments must not be empty', {
      field: 'keyPackage.publicKeyPackage.commitments',
    });
  return {
    suite: kp.suite,
    identifier: kp.identifier,
    minSigners: p.minSigners,
    maxSigners: p.maxSigners,
    groupPublicKey: bytesToHex(p.commitments[0]!),
  };
}
