import type { RNG } from '@noble/curves/abstract/frost.js';
import { frostError } from '../frostError.js';
import { getCiphersuite } from '../suite/Ciphersuite.js';
import { compareIdentifiers, identifierScalar, type Identifier } from '../suite/identifiers.js';
import { verifyKeyPackage, type KeyPackage } from './KeyPackage.js';
import {
  requireArray,
  requireFunction,
  requireKeyPackage,
  requirePublicKeyPackage,
  requireRecord,
  requireString,
} from '../internal/requireArgument.js';
import { publicKeyPackageFromCommitment, type PublicKeyPackage } from './PublicKeyPackage.js';

/** One participant's refresh contribution: a random polynomial with zero constant term, committed and evaluated. */
export interface RefreshContribution {
  readonly sender: Identifier;
  /** t − 1 elements: commitments to a_1 … a_{t−1} (a_0 = 0, so the group key does not move). Public. */
  readonly commitment: readonly Uint8Array[];
  /** f(recipient) for every participant. **Secret**: deliver each one to its recipient only (e.g. `sealShare`). */
  readonly shares: Readonly<Record<Identifier, Uint8Array>>;
}

/**
 * Proactive share refresh, step 1 (Herzberg et al. 1995; ZF frost-core `keys::refresh`): participant `sender` draws
 * f(x) = a_1·x + … + a_{t−1}·x^{t−1} and evaluates it at every participant of the key set.
 * @param rng - test hook only.
 * @throws JilError `INVALID_ARGUMENT` when `sender` is not in the key set, and (`details.field`) when `pub` is not a
 *   public key package or `rng` is given but not a function.
 * @example
 * import { createRefreshContribution, refreshKeyPackage } from '@jil/mpc';
 * const mine = createRefreshContribution(keyPackage.publicKeyPackage, keyPackage.identifier);
 */
export function createRefreshContribution(pub: PublicKeyPackage, sender: Identifier, rng?: RNG): RefreshContribution {
  requirePublicKeyPackage(pub, 'publicKeyPackage');
  if (rng !== undefined) requireFunction(rng, 'rng');
  const s = getCiphersuite(pub.suite);
  if (typeof sender !== 'string' || !Object.hasOwn(pub.verifyingShares, sender))
    throw frostError('INVALID_ARGUMENT', 'sender is not in the key set', { field: 'sender' });
  const coefficients = Array.from({ length: pub.minSigners - 1 }, () => s.Fn.fromBytes(s.frost.utils.randomScalar(rng)));
  const commitment = coefficients.map((a) => s.baseMul(a));
  const shares: Record<Identifier, Uint8Array> = {};
  for (const id of Object.keys(pub.verifyingShares)) {
    const x = identifierScalar(id);
    let acc = 0n;
    for (let k = coefficients.length - 1; k >= 0; k--) acc = s.Fn.mul(s.Fn.add(acc, coefficients[k]!), x); // Horner, zero a_0
    shares[id] = s.Fn.toBytes(acc);
  }
  coefficients.fill(0n);
  return { sender, commitment, shares };
}

/**
 * Proactive share refresh, step 2: add every participant's f_j(me) to my share. The group public key stays; every
 * share and verifying share changes, so old shares are useless together with new ones. All n participants must
 * contribute.
 * @param received - one `{ sender, commitment, share }` per participant (this one included).
 * @throws JilError `FROST_INVALID_KEY_SHARE` with `details.culprits` = senders whose share does not match their
 *   commitment; `FROST_PROTOCOL_ERROR` for a missing or unknown sender; `INVALID_ARGUMENT` (`details.field`) when
 *   `kp` is not a key package or `received` not an array of `{ sender, … }` records.
 */
export function refreshKeyPackage(
  kp: KeyPackage,
  received: readonly { sender: Identifier; commitment: readonly Uint8Array[]; share: Uint8Array }[],
): KeyPackage {
  requireKeyPackage(kp, 'keyPackage');
  requireArray(received, 'received');
  received.forEach((r, i) => {
    requireRecord(r, `received[${i}]`);
    requireString(r.sender, `received[${i}].sender`);
  });
  const pub = kp.publicKeyPackage;
  const s = getCiphersuite(kp.suite);
  const ids = Object.keys(pub.verifyingShares).sort(compareIdentifiers);
  const senders = received.map((r) => r.sender).sort(compareIdentifiers);
  if (senders.join() !== ids.join())
    throw frostError('FROST_PROTOCOL_ERROR', 'a refresh needs exactly one contribution from every participant', {
      culprits: senders.filter((x) => !ids.includes(x)),
    });
  const x = identifierScalar(kp.identifier);
  const culprits: Identifier[] = [];
  let delta = 0n;
  const sumCommitment = Array.from({ length: pub.minSigners - 1 }, () => [] as Uint8Array[]);
  for (const r of received) {
    try {
      if (r.commitment.length !== pub.minSigners - 1) throw new Error('length');
      const expected = s.linearCombination(
        r.commitment,
        r.commitment.map((_, k) => s.Fn.pow(x, BigInt(k + 1))),
      );
      const share = s.Fn.fromBytes(r.share);
      if (!s.baseMul(share).every((b, i) => b === expected[i])) throw new Error('vss');
      delta = s.Fn.add(delta, share);
      r.commitment.forEach((c, k) => {
        sumCommitment[k]!.push(c);
      });
    } catch {
      culprits.push(r.sender);
    }
  }
  if (culprits.length > 0)
    throw frostError('FROST_INVALID_KEY_SHARE', 'refresh shares do not match their commitments', {
      culprits: culprits.sort(compareIdentifiers),
    });
  const commitments = [
    pub.commitments[0]!,
    ...pub.commitments.slice(1).map((c, k) => s.linearCombination([c, ...sumCommitment[k]!], [1n, ...sumCommitment[k]!.map(() => 1n)])),
  ];
  const next: KeyPackage = {
    suite: kp.suite,
    identifier: kp.identifier,
    signingShare: s.Fn.toBytes(s.Fn.add(s.Fn.fromBytes(kp.signingShare), delta)),
    publicKeyPackage: publicKeyPackageFromCommitment(kp.suite, commitments, ids),
  };
  verifyKeyPackage(next);
  return next;
}

/**
 * Refresh every share of a key set in one process (all participants' contributions exchanged in memory). For
 * ceremonies across processes, run {@link createRefreshContribution} / {@link refreshKeyPackage} per participant.
 * @throws JilError as {@link createRefreshContribution} and {@link refreshKeyPackage}; `INVALID_ARGUMENT` (`details.field`)
 *   when `keyPackages` is not an array of key packages.
 */
export function refreshShares(keyPackages: readonly KeyPackage[], rng?: RNG): KeyPackage[] {
  requireArray(keyPackages, 'keyPackages');
  keyPackages.forEach((kp, i) => {
    requireKeyPackage(kp, `keyPackages[${i}]`);
  });
  const contributions = keyPackages.map((kp) => createRefreshContribution(kp.publicKeyPackage, kp.identifier, rng));
  return keyPackages.map((kp) =>
    refreshKeyPackage(
      kp,
      contributions.map((c) => ({ sender: c.sender, commitment: c.commitment, share: c.shares[kp.identifier]! })),
    ),
  );
}
