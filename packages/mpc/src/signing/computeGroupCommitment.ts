import { bytesToHex, hexToBytes } from '@jil/core';
import { concatBytes, equalBytes } from '@noble/curves/utils.js';
import { frostError } from '../frostError.js';
import type { PublicKeyPackage } from '../keys/PublicKeyPackage.js';
import { getGroup, type Element, type Group } from '../suite/group.js';
import { compareIdentifiers, type Identifier } from '../suite/identifiers.js';
import type { SigningPackage } from './SigningPackage.js';

/** One signer of a signing package, decoded and bound (RFC 9591 §4.4, §4.2). */
export interface BoundSigner {
  readonly identifier: Identifier;
  /** The identifier as a scalar. */
  readonly x: bigint;
  /** Hiding nonce commitment D_i. */
  readonly hiding: Element;
  /** Binding nonce commitment E_i. */
  readonly binding: Element;
  /** §4.4 binding factor ρ_i. */
  readonly bindingFactor: bigint;
  /** §4.2 Lagrange coefficient λ_i over the signers of the package. */
  readonly lambda: bigint;
}

/** A signing package with everything round two and share verification need, computed once (§4.2–§4.6). */
export interface BoundSigningPackage {
  readonly group: Group;
  /** The group public key PK (`commitments[0]` of the key set). */
  readonly groupPublicKey: Element;
  /** §4.5 group commitment R. */
  readonly groupCommitment: Element;
  /** SerializeElement(R). */
  readonly groupCommitmentBytes: Uint8Array;
  /** §4.6 challenge c. */
  readonly challenge: bigint;
  /** Signers in ascending identifier order. */
  readonly signers: readonly BoundSigner[];
  readonly byId: ReadonlyMap<Identifier, BoundSigner>;
}

/**
 * Decode a signing package once and compute its binding factors, group commitment and challenge: RFC 9591 §4.3
 * `encode_group_commitment_list`, §4.4 `compute_binding_factors`, §4.5 `compute_group_commitment`, §4.6
 * `compute_challenge`, and each signer's §4.2 `derive_interpolating_value`. Every element goes through
 * {@link Group.element} (§3.1 DeserializeElement: canonical, on the curve, not the identity, prime order).
 *
 * The caller has run `assertSigningPackage` (t ≤ signers ≤ n, no duplicates, signers in the key set).
 * @throws JilError `FROST_PROTOCOL_ERROR` with `details.culprits` = every signer whose identifier or commitments do
 *   not decode (all signers when the group public key does not decode, `details.field = 'groupPublicKey'`).
 */
export function computeGroupCommitment(pub: PublicKeyPackage, pkg: SigningPackage): BoundSigningPackage {
  const seen = computed.get(pkg);
  if (seen !== undefined && sameInputs(seen, pub, pkg)) return seen.bound;
  const bound = compute(pub, pkg);
  computed.set(pkg, {
    suite: pub.suite,
    groupPublicKey: Uint8Array.from(pub.commitments[0]!),
    message: Uint8Array.from(pkg.message),
    commitments: pkg.commitments.map((c) => ({
      identifier: c.identifier,
      hiding: Uint8Array.from(c.hiding),
      binding: Uint8Array.from(c.binding),
    })),
    bound,
  });
  return bound;
}

/**
 * The result for a signing package object, kept with private copies of every input it depends on (suite, group
 * public key, message, commitments): a coordinator and the signers that share one package object in a process
 * compute it once; any change to an input is seen by the comparison and everything is computed again.
 */
const computed = new WeakMap<
  SigningPackage,
  {
    suite: string;
    groupPublicKey: Uint8Array;
    message: Uint8Array;
    commitments: { identifier: string; hiding: Uint8Array; binding: Uint8Array }[];
    bound: BoundSigningPackage;
  }
>();

function sameInputs(seen: NonNullable<ReturnType<typeof computed.get>>, pub: PublicKeyPackage, pkg: SigningPackage): boolean {
  const cs = pkg.commitments;
  try {
    return (
      seen.suite === pub.suite &&
      equalBytes(seen.groupPublicKey, pub.commitments[0]!) &&
      equalBytes(seen.message, pkg.message) &&
      seen.commitments.length === cs.length &&
      seen.commitments.every(
        (c, i) => c.identifier === cs[i]!.identifier && equalBytes(c.hiding, cs[i]!.hiding) && equalBytes(c.binding, cs[i]!.binding),
      )
    );
  } catch {
    return false; // not bytes where bytes belong: compute() refuses them
  }
}

function compute(pub: PublicKeyPackage, pkg: SigningPackage): BoundSigningPackage {
  const g = getGroup(pub.suite);
  const { Fn } = g;
  const all = pkg.commitments.map((c) => c.identifier);
  let groupPublicKey: Element;
  try {
    groupPublicKey = g.element(pub.commitments[0]!);
  } catch (error) {
    throw frostError(
      'FROST_PROTOCOL_ERROR',
      'the group public key is not a valid element',
      { field: 'groupPublicKey', culprits: [...all].sort(compareIdentifiers) },
      error,
    );
  }
  const culprits: Identifier[] = [];
  const decoded: { identifier: Identifier; x: bigint; hiding: Element; binding: Element }[] = [];
  for (const c of pkg.commitments) {
    try {
      const x = Fn.fromBytes(hexToBytes(c.identifier)); // throws unless canonical (< L)
      if (x === 0n || bytesToHex(Fn.toBytes(x)) !== c.identifier) throw new Error('identifier');
      decoded.push({ identifier: c.identifier, x, hiding: g.element(c.hiding), binding: g.element(c.binding) });
    } catch {
      culprits.push(c.identifier);
    }
  }
  if (culprits.length > 0)
    throw frostError('FROST_PROTOCOL_ERROR', 'commitments that are not valid elements', {
      field: 'commitments',
      culprits: culprits.sort(compareIdentifiers),
    });
  // §4.3: the commitment list is sorted by identifier
  decoded.sort((a, b) => (a.x < b.x ? -1 : a.x > b.x ? 1 : 0));
  // §4.3 encode_group_commitment_list: SerializeScalar(id) ‖ SerializeElement(D) ‖ SerializeElement(E) per signer
  const encodedList = concatBytes(...decoded.flatMap((d) => [Fn.toBytes(d.x), d.hiding.toBytes(), d.binding.toBytes()]));
  // §4.4 compute_binding_factors: ρ_i = H1(SerializeElement(PK) ‖ H4(msg) ‖ H5(list) ‖ SerializeScalar(id_i))
  const rhoPrefix = concatBytes(groupPublicKey.toBytes(), g.H4(pkg.message), g.H5(encodedList));
  const bindingFactors = decoded.map((d) => g.H1(concatBytes(rhoPrefix, Fn.toBytes(d.x))));
  // §4.5 compute_group_commitment: R = Σ D_i + ρ_i·E_i (the hiding sum added directly, the binding part as one MSM)
  let hidingSum = g.ZERO;
  for (const d of decoded) hidingSum = hidingSum.add(d.hiding);
  const groupCommitment = hidingSum.add(
    g.msm(
      decoded.map((d) => d.binding),
      bindingFactors,
    ),
  );
  let groupCommitmentBytes: Uint8Array;
  try {
    groupCommitmentBytes = g.encode(groupCommitment); // SerializeElement fails on the identity
  } catch (error) {
    throw frostError(
      'FROST_PROTOCOL_ERROR',
      'the group commitment is the identity',
      { field: 'commitments', culprits: [...all].sort(compareIdentifiers) },
      error,
    );
  }
  // §4.6 compute_challenge: c = H2(SerializeElement(R) ‖ SerializeElement(PK) ‖ msg)
  const challenge = g.H2(concatBytes(groupCommitmentBytes, groupPublicKey.toBytes(), pkg.message));
  // §4.2 derive_interpolating_value: λ_i = Π_{j≠i} x_j / (x_j − x_i); the denominators are inverted together
  const xs = decoded.map((d) => d.x);
  const nums = xs.map((xi) => xs.reduce((acc, xj) => (xj === xi ? acc : Fn.mul(acc, xj)), Fn.ONE));
  const dens = Fn.invertBatch(xs.map((xi) => xs.reduce((acc, xj) => (xj === xi ? acc : Fn.mul(acc, Fn.sub(xj, xi))), Fn.ONE)));
  const signers = decoded.map((d, i) => Object.freeze({ ...d, bindingFactor: bindingFactors[i]!, lambda: Fn.mul(nums[i]!, dens[i]!) }));
  return Object.freeze({
    group: g,
    groupPublicKey,
    groupCommitment,
    groupCommitmentBytes,
    challenge,
    signers,
    byId: new Map(signers.map((s) => [s.identifier, s])),
  });
}
