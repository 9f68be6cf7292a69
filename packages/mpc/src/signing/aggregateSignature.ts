import { isJilError } from '@jil/core';
import { frostError } from '../frostError.js';
import type { PublicKeyPackage } from '../keys/PublicKeyPackage.js';
import { compareIdentifiers, type Identifier } from '../suite/identifiers.js';
import { assertSigningPackage } from './assertSigningPackage.js';
import { computeGroupCommitment, type BoundSigningPackage } from './computeGroupCommitment.js';
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
  const expected = new Set(pkg.commitments.map((c) => c.identifier));
  const byId = new Map<Identifier, Uint8Array>();
  const misfits: Identifier[] = [];
  for (const sh of signatureShares) {
    if (!expected.has(sh.identifier) || byId.has(sh.identifier)) misfits.push(sh.identifier);
    else byId.set(sh.identifier, sh.share);
  }
  for (const id of expected) if (!byId.has(id)) misfits.push(id);
  if (misfits.length > 0) throw frostError('FROST_PROTOCOL_ERROR', 'shares do not match the signers of the signing package', { culprits: [...new Set(misfits)].sort(compareIdentifiers) });

  let bound: BoundSigningPackage;
  try {
    bound = computeGroupCommitment(pub, pkg);
  } catch (error) {
    const culprits = isJilError(error) ? (error.details['culprits'] as Identifier[]) : [...expected].sort(compareIdentifiers);
    throw frostError('FROST_INVALID_SHARE', 'commitments that are not valid elements', { culprits }, error);
  }
  const { group: g } = bound;
  const { Fn } = g;
  const culprits: Identifier[] = [];
  const z: bigint[] = [];
  for (const signer of bound.signers) {
    // RFC 9591 §5.4 verify_signature_share: ScalarBaseMult(z_i) == D_i + ρ_i·E_i + (c·λ_i)·PK_i
    let ok = false;
    try {
      const share = byId.get(signer.identifier)!;
      const zi = Fn.fromBytes(share); // 32 bytes, canonical (< L)
      const verifyingShare = g.element(pub.verifyingShares[signer.identifier]!);
      const r = signer.hiding.add(g.msm([signer.binding, verifyingShare], [signer.bindingFactor, Fn.mul(bound.challenge, signer.lambda)]));
      ok = g.BASE.multiplyUnsafe(zi).equals(r);
      z.push(zi);
    } catch {
      ok = false;
    }
    if (!ok) culprits.push(signer.identifier);
  }
  if (culprits.length > 0) throw frostError('FROST_INVALID_SHARE', `${culprits.length} invalid signature share(s)`, { culprits: culprits.sort(compareIdentifiers) });
  // RFC 9591 §5.3 aggregate: z = Σ z_i; the signature is SerializeElement(R) ‖ SerializeScalar(z)
  const zSum = z.reduce((a, b) => Fn.add(a, b), Fn.ZERO);
  // every share verified, so this holds unless the key set's verifying shares disagree with its group key
  if (!g.BASE.multiplyUnsafe(zSum).equals(bound.groupCommitment.add(bound.groupPublicKey.multiplyUnsafe(bound.challenge)))) throw frostError('INTERNAL', 'aggregated signature does not verify');
  const signature = new Uint8Array(64);
  signature.set(bound.groupCommitmentBytes, 0);
  signature.set(Fn.toBytes(zSum), 32);
  return signature;
}
