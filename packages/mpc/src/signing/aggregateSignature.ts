import { randomBytes } from '@noble/curves/utils.js';
import { culpritsOf, frostError } from '../frostError.js';
import type { PublicKeyPackage } from '../keys/PublicKeyPackage.js';
import { compareIdentifiers, type Identifier } from '../suite/identifiers.js';
import { assertSigningPackage } from './assertSigningPackage.js';
import { computeGroupCommitment, type BoundSigner, type BoundSigningPackage } from './computeGroupCommitment.js';
import type { Element } from '../suite/group.js';
import type { SignatureShare } from './SignatureShare.js';
import { requireArray, requirePublicKeyPackage, requireRecord, requireSigningPackage, requireString } from '../internal/requireArgument.js';
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
 * The signing package is decoded and bound once (binding factors, group commitment, challenge: §4.4–§4.6); every
 * element is subgroup-checked once. The t share equations and the signature's own equation are checked together as
 * one randomized multi-scalar equation (128-bit weights from the CSPRNG; a single false equation passes with
 * probability ≤ 2^-128); when it fails, §5.4 runs on each share to name the culprits.
 *
 * @returns the 64-byte signature.
 * @throws JilError `FROST_INVALID_SHARE` with `details.culprits` = every participant whose share fails (not just the
 *   first); `FROST_PROTOCOL_ERROR` with `details.culprits` for missing, extra or duplicated shares; `INVALID_ARGUMENT`
 *   (`details.field`) when `params`, the public key package or the signing package is not of the right shape, or
 *   `signatureShares` is not an array of `{ identifier, share }`.
 * @example
 * import { aggregateSignature } from '@jil/mpc';
 * const signature = aggregateSignature({ publicKeyPackage, signingPackage, signatureShares });
 */
export function aggregateSignature(params: AggregateSignatureParameters): Uint8Array {
  requireRecord(params, 'params');
  const { publicKeyPackage: pub, signingPackage: pkg, signatureShares } = params;
  requirePublicKeyPackage(pub, 'publicKeyPackage');
  requireSigningPackage(pkg, 'signingPackage');
  requireArray(signatureShares, 'signatureShares');
  signatureShares.forEach((sh, i) => {
    requireRecord(sh, `signatureShares[${i}]`);
    requireString(sh.identifier, `signatureShares[${i}].identifier`);
  });
  assertSigningPackage(pub, pkg);
  const expected = new Set(pkg.commitments.map((c) => c.identifier));
  const byId = new Map<Identifier, Uint8Array>();
  const misfits: Identifier[] = [];
  for (const sh of signatureShares) {
    if (!expected.has(sh.identifier) || byId.has(sh.identifier)) misfits.push(sh.identifier);
    else byId.set(sh.identifier, sh.share);
  }
  for (const id of expected) if (!byId.has(id)) misfits.push(id);
  if (misfits.length > 0)
    throw frostError('FROST_PROTOCOL_ERROR', 'shares do not match the signers of the signing package', {
      culprits: [...new Set(misfits)].sort(compareIdentifiers),
    });

  let bound: BoundSigningPackage;
  try {
    bound = computeGroupCommitment(pub, pkg);
  } catch (error) {
    const culprits = culpritsOf(error) ?? [...expected].sort(compareIdentifiers);
    throw frostError('FROST_INVALID_SHARE', 'commitments that are not valid elements', { culprits }, error);
  }
  const { group: g } = bound;
  const { Fn } = g;
  // decode every share (a 32-byte canonical scalar) and verifying share; what does not decode is a culprit
  const culprits: Identifier[] = [];
  const inputs: { signer: BoundSigner; z: bigint; verifyingShare: Element }[] = [];
  for (const signer of bound.signers) {
    try {
      inputs.push({
        signer,
        z: Fn.fromBytes(byId.get(signer.identifier)!),
        verifyingShare: g.element(pub.verifyingShares[signer.identifier]!),
      });
    } catch {
      culprits.push(signer.identifier);
    }
  }
  const z = inputs.reduce((acc, x) => Fn.add(acc, x.z), Fn.ZERO);
  if (culprits.length === 0 && !verifyAll(bound, inputs, z)) {
    // some equation fails: §5.4 on each share names the culprits
    for (const x of inputs) if (!verifySignatureShare(bound, x.signer, x.z, x.verifyingShare)) culprits.push(x.signer.identifier);
    // every share verifies but the sum does not: the key set's verifying shares disagree with its group key
    if (culprits.length === 0) throw frostError('INTERNAL', 'aggregated signature does not verify');
  }
  if (culprits.length > 0)
    throw frostError('FROST_INVALID_SHARE', `${culprits.length} invalid signature share(s)`, {
      culprits: culprits.sort(compareIdentifiers),
    });
  // RFC 9591 §5.3 aggregate: z = Σ z_i; the signature is SerializeElement(R) ‖ SerializeScalar(z)
  const signature = new Uint8Array(64);
  signature.set(bound.groupCommitmentBytes, 0);
  signature.set(Fn.toBytes(z), 32);
  return signature;
}

/**
 * RFC 9591 §5.4 verify_signature_share for one signer: ScalarBaseMult(z_i) == D_i + ρ_i·E_i + (c·λ_i)·PK_i
 * (comm_share = D_i + E_i·ρ_i; l = z_i·B; r = comm_share + PK_i·(c·λ_i)).
 */
function verifySignatureShare(bound: BoundSigningPackage, signer: BoundSigner, z: bigint, verifyingShare: Element): boolean {
  const { group: g } = bound;
  const r = signer.hiding.add(g.msm([signer.binding, verifyingShare], [signer.bindingFactor, g.Fn.mul(bound.challenge, signer.lambda)]));
  return g.BASE.multiplyUnsafe(z).equals(r);
}

/**
 * Every §5.4 equation and the §5.3 result at once: with independent random 128-bit weights w_i, w_0,
 *   (Σ w_i·z_i + w_0·z)·B == Σ w_i·D_i + Σ (w_i·ρ_i)·E_i + Σ (w_i·c·λ_i)·PK_i + w_0·R + (w_0·c)·PK
 * (one multi-scalar multiplication instead of t + 1 checks). All elements are in the prime-order group (checked at
 * decoding), so if any single equation fails this one fails except with probability ≤ 2^-128 — the standard
 * batch verification of Schnorr equations. A failure is then attributed by {@link verifySignatureShare}.
 */
function verifyAll(
  bound: BoundSigningPackage,
  inputs: readonly { signer: BoundSigner; z: bigint; verifyingShare: Element }[],
  z: bigint,
): boolean {
  const { group: g, challenge: c } = bound;
  const { Fn } = g;
  const weights = inputs.map(() => weight());
  const w0 = weight();
  let lhs = Fn.mul(w0, z);
  const points: Element[] = [bound.groupCommitment, bound.groupPublicKey];
  const scalars: bigint[] = [w0, Fn.mul(w0, c)];
  inputs.forEach(({ signer, z: zi, verifyingShare }, i) => {
    const w = weights[i]!;
    lhs = Fn.add(lhs, Fn.mul(w, zi));
    points.push(signer.hiding, signer.binding, verifyingShare);
    scalars.push(w, Fn.mul(w, signer.bindingFactor), Fn.mul(w, Fn.mul(c, signer.lambda)));
  });
  return g.BASE.multiplyUnsafe(lhs).equals(g.msm(points, scalars));
}

/** A uniformly random non-zero 128-bit weight from the platform CSPRNG. */
function weight(): bigint {
  const b = randomBytes(16);
  let w = 0n;
  for (const byte of b) w = (w << 8n) | BigInt(byte);
  return w === 0n ? 1n : w;
}
