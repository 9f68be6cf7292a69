import type { DKG_Secret, RNG } from '@noble/curves/abstract/frost.js';
import { frostError, guard } from '../frostError.js';
import { verifyKeyPackage, type KeyPackage } from '../keys/KeyPackage.js';
import type { PublicKeyPackage } from '../keys/PublicKeyPackage.js';
import { getCiphersuite, type CiphersuiteId } from '../suite/Ciphersuite.js';
import { compareIdentifiers, type Identifier } from '../suite/identifiers.js';
import type { DkgRound1Package, DkgRound2Package } from './DkgPackages.js';
import { openShare, sealShare } from './sealShare.js';
import { verifyProofOfKnowledge } from './verifyProofOfKnowledge.js';

/** Parameters of {@link DkgParticipant.start}. */
export interface DkgParticipantParameters {
  suite?: CiphersuiteId;
  identifier: Identifier;
  minSigners: number;
  maxSigners: number;
  /** Unique id of this ceremony; binds the sealed shares. */
  ceremonyId: string;
  /** This participant's Ed25519 identity secret key (32-byte seed): seals and opens round-two shares. */
  identitySecretKey: Uint8Array;
  /** Pinned Ed25519 identity public keys of all n participants (this one included), by identifier. */
  roster: Readonly<Record<Identifier, Uint8Array>>;
  /** 32-byte a_i0 to use instead of a random one (vector tests; derived keys). */
  secret?: Uint8Array;
  /** Test hook only. */
  rng?: RNG;
}

/**
 * One participant of a distributed key generation (Pedersen DKG with proofs of knowledge, as in ZF frost-core
 * `keys::dkg`; RFC 9591 leaves DKG out of scope, App. C covers VSS). Three steps, strictly in order:
 * `start` → broadcast {@link round1Package}; {@link round2} → send each sealed package to its recipient;
 * {@link round3} → the participant's {@link KeyPackage}. Every participant ends with the same public key package;
 * no one ever holds the group secret. All n participants must take part (no robustness).
 *
 * @example
 * import { DkgParticipant } from '@jil/mpc';
 * const p = DkgParticipant.start({ identifier, minSigners: 3, maxSigners: 4, ceremonyId, identitySecretKey, roster });
 */
export class DkgParticipant {
  readonly suite: CiphersuiteId;
  readonly identifier: Identifier;
  readonly round1Package: DkgRound1Package;
  readonly #p: DkgParticipantParameters;
  readonly #secret: DKG_Secret;
  #step: 1 | 2 | 3 = 1;

  private constructor(p: DkgParticipantParameters, suite: CiphersuiteId, secret: DKG_Secret, pkg: DkgRound1Package) {
    this.#p = p;
    this.suite = suite;
    this.identifier = p.identifier;
    this.#secret = secret;
    this.round1Package = pkg;
  }

  /** Round one: sample the polynomial, commit to it, prove knowledge of a_i0. @throws JilError `INVALID_ARGUMENT`. */
  static start(p: DkgParticipantParameters): DkgParticipant {
    const suite = p.suite ?? 'ed25519';
    const s = getCiphersuite(suite);
    const ids = Object.keys(p.roster);
    if (ids.length !== p.maxSigners || p.roster[p.identifier] === undefined) throw frostError('INVALID_ARGUMENT', 'roster must list all maxSigners participants, this one included', { field: 'roster' });
    const r = guard(() => s.frost.DKG.round1(p.identifier, { min: p.minSigners, max: p.maxSigners }, p.secret, p.rng), 'INVALID_ARGUMENT', 'invalid DKG parameters', { field: 'params' });
    return new DkgParticipant(p, suite, r.secret, { identifier: r.public.identifier, commitment: r.public.commitment, proofOfKnowledge: r.public.proofOfKnowledge });
  }

  #checkPeers(others: readonly { identifier: Identifier }[]): void {
    const seen = new Set<string>();
    const culprits = others.filter((o) => o.identifier === this.identifier || this.#p.roster[o.identifier] === undefined || seen.has(o.identifier) || !seen.add(o.identifier)).map((o) => o.identifier);
    if (culprits.length > 0 || others.length !== this.#p.maxSigners - 1) throw frostError('FROST_PROTOCOL_ERROR', 'round-one packages must come from each other participant exactly once', { culprits: [...new Set(culprits)].sort(compareIdentifiers) });
  }

  /**
   * Round two: check every other participant's round-one package (proof of knowledge, elements) and compute a
   * sealed share for each.
   * @throws JilError `FROST_INVALID_KEY_SHARE` with `details.culprits` = every sender whose proof fails;
   *   `FROST_PROTOCOL_ERROR` for a wrong participant set or step.
   */
  round2(others: readonly DkgRound1Package[]): DkgRound2Package[] {
    if (this.#step !== 1) throw frostError('FROST_PROTOCOL_ERROR', 'round2 already ran');
    this.#checkPeers(others);
    const s = getCiphersuite(this.suite);
    let shares;
    try {
      shares = s.frost.DKG.round2(this.#secret, others.map((o) => ({ identifier: o.identifier, commitment: [...o.commitment], proofOfKnowledge: o.proofOfKnowledge })));
    } catch (error) {
      // noble rejects the set as a whole; check each package on its own to name every culprit
      const bad = others.filter((o) => !verifyProofOfKnowledge(this.suite, o, this.#p.minSigners)).map((o) => o.identifier);
      throw frostError('FROST_INVALID_KEY_SHARE', 'a round-one package fails its proof of knowledge', { culprits: bad.sort(compareIdentifiers) }, error);
    }
    this.#step = 2;
    return Object.entries(shares).map(([recipient, pkg]) => ({
      sender: this.identifier,
      recipient,
      sealedShare: sealShare(pkg.signingShare, this.#seal(recipient, this.identifier, recipient)),
    }));
  }

  #seal(peer: Identifier, sender: Identifier, recipient: Identifier) {
    return { context: this.#p.ceremonyId, sender, recipient, secretKey: this.#p.identitySecretKey, peerPublicKey: this.#p.roster[peer]! };
  }

  /**
   * Round three: open and VSS-check every received share, then derive this participant's key package.
   * @throws JilError `FROST_INVALID_KEY_SHARE` with `details.culprits` = every sender whose share does not open or
   *   does not match its commitment; `FROST_PROTOCOL_ERROR` for a wrong participant set or step.
   */
  round3(others: readonly DkgRound1Package[], received: readonly DkgRound2Package[]): KeyPackage {
    if (this.#step !== 2) throw frostError('FROST_PROTOCOL_ERROR', 'round3 needs round2 first, and runs once');
    this.#checkPeers(received.map((r) => ({ identifier: r.sender })));
    const s = getCiphersuite(this.suite);
    const commitments = new Map(others.map((o) => [o.identifier, o.commitment]));
    const culprits: Identifier[] = [];
    const round2 = received.map((r) => {
      let share = new Uint8Array(32);
      try {
        if (r.recipient !== this.identifier) throw new Error('not for me');
        share = Uint8Array.from(openShare(r.sealedShare, this.#seal(r.sender, r.sender, r.recipient)));
      } catch {
        culprits.push(r.sender);
      }
      return { identifier: r.sender, signingShare: share };
    });
    if (culprits.length > 0) throw frostError('FROST_INVALID_KEY_SHARE', 'received shares do not open', { culprits: culprits.sort(compareIdentifiers) });
    let key;
    try {
      key = s.frost.DKG.round3(this.#secret, others.map((o) => ({ identifier: o.identifier, commitment: [...o.commitment], proofOfKnowledge: o.proofOfKnowledge })), round2);
    } catch (error) {
      // noble rejects the set as a whole (vss_verify per sender inside); check each sender on its own to name them all
      for (const r of round2) {
        try {
          s.frost.validateSecret({ identifier: this.identifier, signingShare: r.signingShare }, { signers: { min: this.#p.minSigners, max: this.#p.maxSigners }, commitments: [...(commitments.get(r.identifier) ?? [])], verifyingShares: {} });
        } catch {
          culprits.push(r.identifier);
        }
      }
      if (culprits.length > 0) throw frostError('FROST_INVALID_KEY_SHARE', "received shares do not match their senders' commitments", { culprits: culprits.sort(compareIdentifiers) }, error);
      throw frostError('FROST_PROTOCOL_ERROR', 'round-one packages differ from those of round two', {}, error);
    }
    this.#step = 3;
    const publicKeyPackage: PublicKeyPackage = { suite: this.suite, minSigners: key.public.signers.min, maxSigners: key.public.signers.max, commitments: key.public.commitments, verifyingShares: key.public.verifyingShares };
    const kp: KeyPackage = { suite: this.suite, identifier: this.identifier, signingShare: key.secret.signingShare, publicKeyPackage };
    verifyKeyPackage(kp);
    return kp;
  }

  /** Log-safe view. */
  toJSON(): { identifier: Identifier; step: number } {
    return { identifier: this.identifier, step: this.#step };
  }
}
