import { frostError } from '../frostError.js';
import { toNoblePublic, type PublicKeyPackage } from '../keys/PublicKeyPackage.js';
import { compareIdentifiers, type Identifier } from '../suite/identifiers.js';
import { getCiphersuite } from '../suite/Ciphersuite.js';
import { assertSigningPackage } from './assertSigningPackage.js';
import type { SignatureShare } from './SignatureShare.js';
import type { SigningPackage } from './SigningPackage.js';

/** Parameters of {@link aggregateSignature}. */
export interface AggregateSignatureParameters {
  publicKeyPackage: PublicKeyPackage;
  signingPackage: SigningPackage;
  /** One share per signer of the signing package. */
  signatureShares: readonly SignatureShare[];
}

/**
 * Coordinator: verify **every** signature share (RFC 9591 §5.4 `verify_signature_share`), then aggregate them
 * (§5.3) into the group signature `R ‖ z` — for FROST(Ed25519, SHA-512) a plain RFC 8032 Ed25519 signature under the
 * group public key.
 *
 * @returns the 64-byte signature.
 * @throws JilError `FROST_INVALID_SHARE` with `details.culprits` = every participant whose share fails (not just the
 *   first); `FROST_PROTOCOL_ERROR` with `details.culprits` for missing, extra or duplicated shares.
 * @example
 * import { aggregateSignature } from '@jil/mpc';
 * const signature = aggregateSignature({ publicKeyPackage, signingPackage, signatureShares });
 */
export function aggregateSignature(params: AggregateSignatureParameters): Uint8Array {
  const { publicKeyPackage: pub, signingPackage: pkg, signatureShares } = params;
  assertSigningPackage(pub, pkg);
  const s = getCiphersuite(pub.suite);
  const expected = new Set(pkg.commitments.map((c) => c.identifier));
  const byId = new Map<Identifier, Uint8Array>();
  const misfits: Identifier[] = [];
  for (const sh of signatureShares) {
    if (!expected.has(sh.identifier) || byId.has(sh.identifier)) misfits.push(sh.identifier);
    else byId.set(sh.identifier, sh.share);
  }
  for (const id of expected) if (!byId.has(id)) misfits.push(id);
  if (misfits.length > 0) throw frostError('FROST_PROTOCOL_ERROR', 'shares do not match the signers of the signing package', { culprits: [...new Set(misfits)].sort(compareIdentifiers) });

  const noblePub = toNoblePublic(pub);
  const list = pkg.commitments.map((c) => ({ ...c }));
  const culprits: Identifier[] = [];
  for (const [id, share] of byId) {
    let ok = false;
    try {
      ok = share.length === 32 && s.frost.verifyShare(noblePub, list, pkg.message, id, share);
    } catch {
      ok = false;
    }
    if (!ok) culprits.push(id);
  }
  if (culprits.length > 0) throw frostError('FROST_INVALID_SHARE', `${culprits.length} invalid signature share(s)`, { culprits: culprits.sort(compareIdentifiers) });
  const signature = s.frost.aggregate(noblePub, list, pkg.message, Object.fromEntries(byId));
  if (!s.frost.verify(signature, pkg.message, pub.commitments[0]!)) throw frostError('INTERNAL', 'aggregated signature does not verify');
  return signature;
}
