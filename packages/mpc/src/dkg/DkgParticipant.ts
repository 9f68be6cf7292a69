import type { DKG_Secret, RNG } from '@noble/curves/abstract/frost.js';
import { equalBytes } from '@noble/curves/utils.js';
import { frostError, guard } from '../frostError.js';
import { verifyKeyPackage, type KeyPackage } from '../keys/KeyPackage.js';
import type { PublicKeyPackage } from '../keys/PublicKeyPackage.js';
import { getCiphersuite, type CiphersuiteId } from '../suite/Ciphersuite.js';
import { getGroup, type Element } from '../suite/group.js';
import { compareIdentifiers, identifierScalar, type Identifier } from '../suite/identifiers.js';
import type { DkgRound1Package, DkgRound2Package } from './DkgPackages.js';
import { identitySharedSecret, openShareWith, sealShareWith } from './sealShare.js';
import { requireBytes, requireFunction, requireRecord, requireString } from '../internal/requireArgument.js';
import { decodeRound1Package } from './verifyProofOfKnowledge.js';

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
  /** This participant's commitment φ_k = a_k·B. */
  readonly #own: readonly Element[];
  /** The round-one packages round two accepted (private copies) and their decoded commitments. */
  #transcript: Map<Identifier, { commitment: Uint8Array[]; proofOfKnowledge: Uint8Array; elements: Element[] }> | undefined;
  /** Per-peer X25519 secrets of this ceremony (wiped when round three succeeds). */
  readonly #sharedSecrets = new Map<Identifier, Uint8Array>();
  #step: 1 | 2 | 3 = 1;

  private constructor(
    p: DkgParticipantParameters,
    suite: CiphersuiteId,
    secret: DKG_Secret,
    own: readonly Element[],
    pkg: DkgRound1Package,
  ) {
    requireRecord(p, 'params'); // private: only start() constructs, with checked parameters
    this.#p = p;
    this.suite = suite;
    this.identifier = p.identifier;
    this.#secret = secret;
    this.#own = own;
    this.round1Package = pkg;
  }

  /**
   * Round one: sample the polynomial, commit to it, prove knowledge of a_i0.
   * @throws JilError `INVALID_ARGUMENT` (`details.field`) for bad parameters: not an object, `identifier` or
   *   `ceremonyId` not a string, `identitySecretKey` not a Uint8Array, `roster` not an object of Uint8Array, counts
   *   or identifiers noble refuses.
   */
  static start(p: DkgParticipantParameters): DkgParticipant {
    requireRecord(p, 'params');
    requireString(p.identifier, 'identifier');
    requireString(p.ceremonyId, 'ceremonyId');
    requireBytes(p.identitySecretKey, 'identitySecretKey');
    requireRecord(p.roster, 'roster');
    for (const [id, key] of Object.entries(p.roster)) requireBytes(key, `roster.${id}`);
    if (p.secret !== undefined) requireBytes(p.secret, 'secret');
    if (p.rng !== undefined) requireFunction(p.rng, 'rng');
    const suite = p.suite ?? 'ed25519';
    const s = getCiphersuite(suite);
    const ids = Object.keys(p.roster);
    if (ids.length !== p.maxSigners || p.roster[p.identifier] === undefined)
      throw frostError('INVALID_ARGUMENT', 'roster must list all maxSigners participants, this one included', { field: 'roster' });
    const r = guard(
      () => s.frost.DKG.round1(p.identifier, { min: p.minSigners, max: p.maxSigners }, p.secret, p.rng),
      'INVALID_ARGUMENT',
      'invalid DKG parameters',
      { field: 'params' },
    );
    // the commitment a_ik·B as elements (the same bytes noble serialized), so it is never decoded again here
    const g = getGroup(suite);
    const own = r.secret.coefficients!.map((a) => g.BASE.multiply(a));
    const commitment = own.map((e, k) => (equalBytes(e.toBytes(), r.public.commitment[k]!) ? g.encode(e) : r.public.commitment[k]!));
    return new DkgParticipant(p, suite, r.secret, own, {
      identifier: r.public.identifier,
      commitment,
      proofOfKnowledge: r.public.proofOfKnowledge,
    });
  }

  #checkPeers(others: readonly { identifier: Identifier }[]): void {
    const seen = new Set<string>();
    const culprits = others
      .filter(
        (o) =>
          o.identifier === this.identifier ||
          this.#p.roster[o.identifier] === undefined ||
          seen.has(o.identifier) ||
          !seen.add(o.identifier),
      )
      .map((o) => o.identifier);
    if (culprits.length > 0 || others.length !== this.#p.maxSigners - 1)
      throw frostError('FROST_PROTOCOL_ERROR', 'round-one packages must come from each other participant exactly once', {
        culprits: [...new Set(culprits)].sort(compareIdentifiers),
      });
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
    const g = getGroup(this.suite);
    const { Fn } = g;
    // each package decoded and checked once: identifier, t elements, proof of knowledge
    const transcript = new Map<Identifier, { commitment: Uint8Array[]; proofOfKnowledge: Uint8Array; elements: Element[] }>();
    const bad: Identifier[] = [];
    for (const o of others) {
      const elements = decodeRound1Package(g, o, this.#p.minSigners);
      if (elements === undefined) bad.push(o.identifier);
      else
        transcript.set(o.identifier, {
          commitment: o.commitment.map((c) => Uint8Array.from(c)),
          proofOfKnowledge: Uint8Array.from(o.proofOfKnowledge),
          elements,
        });
    }
    if (bad.length > 0)
      throw frostError('FROST_INVALID_KEY_SHARE', 'a round-one package fails its proof of knowledge', {
        culprits: bad.sort(compareIdentifiers),
      });
    // f_i(x_j) for every other participant j (Horner's rule over the secret coefficients)
    const coefficients = this.#secret.coefficients!;
    const shares = [...transcript.keys()].sort(compareIdentifiers).map((recipient) => {
      const x = identifierScalar(recipient);
      let y = Fn.ZERO;
      for (let k = coefficients.length - 1; k >= 0; k--) y = Fn.add(Fn.mul(y, x), coefficients[k]!);
      return [recipient, Fn.toBytes(y)] as const;
    });
    this.#transcript = transcript;
    this.#step = 2;
    return shares.map(([recipient, share]) => ({
      sender: this.identifier,
      recipient,
      sealedShare: sealShareWith(share, { context: this.#p.ceremonyId, sender: this.identifier, recipient }, this.#shared(recipient)),
    }));
  }

  /** The X25519 secret with `peer`'s pinned identity key: computed once per ceremony for sealing and opening. */
  #shared(peer: Identifier): Uint8Array {
    let k = this.#sharedSecrets.get(peer);
    if (k === undefined) {
      k = identitySharedSecret(this.#p.identitySecretKey, this.#p.roster[peer]!);
      this.#sharedSecrets.set(peer, k);
    }
    return k;
  }

  /**
   * Round three: open and VSS-check every received share, then derive this participant's key package.
   * @throws JilError `FROST_INVALID_KEY_SHARE` with `details.culprits` = every sender whose share does not open or
   *   does not match its commitment; `FROST_PROTOCOL_ERROR` for a wrong participant set or step.
   */
  round3(others: readonly DkgRound1Package[], received: readonly DkgRound2Package[]): KeyPackage {
    if (this.#step !== 2) throw frostError('FROST_PROTOCOL_ERROR', 'round3 needs round2 first, and runs once');
    this.#checkPeers(received.map((r) => ({ identifier: r.sender })));
    const culprits: Identifier[] = [];
    const round2 = received.map((r) => {
      let share = new Uint8Array(32);
      try {
        if (r.recipient !== this.identifier) throw new Error('not for me');
        share = Uint8Array.from(
          openShareWith(r.sealedShare, { context: this.#p.ceremonyId, sender: r.sender, recipient: r.recipient }, this.#shared(r.sender)),
        );
      } catch {
        culprits.push(r.sender);
      }
      return { identifier: r.sender, signingShare: share };
    });
    if (culprits.length > 0)
      throw frostError('FROST_INVALID_KEY_SHARE', 'received shares do not open', { culprits: culprits.sort(compareIdentifiers) });
    const g = getGroup(this.suite);
    const { Fn } = g;
    const t = this.#p.minSigners;
    const x = identifierScalar(this.identifier);
    // App. C.2 vss_verify of sender j's share: s_j·B == Σ_k φ_jk·x^k (the commitment as decoded in round two)
    const vss = (share: Uint8Array, commitment: readonly Element[]) => {
      try {
        return g.BASE.multiply(Fn.fromBytes(share)).equals(g.evaluate(commitment, x));
      } catch {
        return false;
      }
    };
    const transcript = this.#transcript!;
    if (!sameTranscript(transcript, others)) {
      // the packages differ from those round two checked: blame senders whose share fails against what they sent now
      for (const r of round2) {
        const o = others.find((p) => p.identifier === r.identifier);
        const elements = o === undefined ? undefined : decodeRound1Package(g, o, t);
        if (elements === undefined || !vss(r.signingShare, elements)) culprits.push(r.identifier);
      }
      if (culprits.length > 0)
        throw frostError('FROST_INVALID_KEY_SHARE', "received shares do not match their senders' commitments", {
          culprits: culprits.sort(compareIdentifiers),
        });
      throw frostError('FROST_PROTOCOL_ERROR', 'round-one packages differ from those of round two');
    }
    for (const r of round2) if (!vss(r.signingShare, transcript.get(r.identifier)!.elements)) culprits.push(r.identifier);
    if (culprits.length > 0)
      throw frostError('FROST_INVALID_KEY_SHARE', "received shares do not match their senders' commitments", {
        culprits: culprits.sort(compareIdentifiers),
      });
    // s_i = Σ_j f_j(x_i) + f_i(x_i); the group commitment C_k = Σ_j φ_jk; verifying shares Y_j = Σ_k C_k·x_j^k
    const coefficients = this.#secret.coefficients!;
    let signingShare = Fn.ZERO;
    for (let k = coefficients.length - 1; k >= 0; k--) signingShare = Fn.add(Fn.mul(signingShare, x), coefficients[k]!);
    for (const r of round2) (signingShare = Fn.add(signingShare, Fn.fromBytes(r.signingShare))), r.signingShare.fill(0);
    const merged = [...this.#own];
    for (const { elements } of transcript.values()) for (const [k, e] of elements.entries()) merged[k] = merged[k]!.add(e);
    const encode = (e: Element) => (e.is0() ? e.toBytes() : g.encode(e)); // an identity is refused where the package is decoded
    const verifyingShares: Record<Identifier, Uint8Array> = {};
    for (const id of Object.keys(this.#p.roster).sort(compareIdentifiers))
      verifyingShares[id] = encode(g.evaluate(merged, identifierScalar(id)));
    for (let k = 0; k < coefficients.length; k++) coefficients[k]! -= coefficients[k]!; // best effort: bigints cannot be wiped
    delete this.#secret.coefficients;
    this.#transcript = undefined;
    for (const k of this.#sharedSecrets.values()) k.fill(0);
    this.#sharedSecrets.clear();
    this.#step = 3;
    const publicKeyPackage: PublicKeyPackage = {
      suite: this.suite,
      minSigners: t,
      maxSigners: this.#p.maxSigners,
      commitments: merged.map(encode),
      verifyingShares,
    };
    const kp: KeyPackage = { suite: this.suite, identifier: this.identifier, signingShare: Fn.toBytes(signingShare), publicKeyPackage };
    verifyKeyPackage(kp);
    return kp;
  }

  /** Log-safe view. */
  toJSON(): { identifier: Identifier; step: number } {
    return { identifier: this.identifier, step: this.#step };
  }
}

/** `true` when `others` are exactly the round-one packages of `transcript` (any order), byte for byte. */
function sameTranscript(
  transcript: ReadonlyMap<Identifier, { commitment: Uint8Array[]; proofOfKnowledge: Uint8Array }>,
  others: readonly DkgRound1Package[],
): boolean {
  if (others.length !== transcript.size) return false;
  try {
    return others.every((o) => {
      const seen = transcript.get(o.identifier);
      return (
        seen !== undefined &&
        seen.commitment.length === o.commitment.length &&
        seen.commitment.every((c, k) => equalBytes(c, o.commitment[k]!)) &&
        equalBytes(seen.proofOfKnowledge, o.proofOfKnowledge)
      );
    });
  } catch {
    return false;
  }
}
