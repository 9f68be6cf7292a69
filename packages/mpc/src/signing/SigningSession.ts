import type { RNG } from '@noble/curves/abstract/frost.js';
import { concatBytes, equalBytes, randomBytes } from '@noble/curves/utils.js';
import { frostError } from '../frostError.js';
import type { KeyPackage } from '../keys/KeyPackage.js';
import { getGroup, type Group } from '../suite/group.js';
import type { SignatureShare } from './SignatureShare.js';
import type { SigningCommitments } from './SigningCommitments.js';
import type { SigningPackage } from './SigningPackage.js';
import { assertSigningPackage } from './assertSigningPackage.js';
import { requireFunction, requireKeyPackage } from '../internal/requireArgument.js';
import { computeGroupCommitment, type BoundSigningPackage } from './computeGroupCommitment.js';

/** The secret hiding and binding nonces (scalars, 32 bytes each), wiped after use. */
interface Nonces {
  readonly hiding: Uint8Array;
  readonly binding: Uint8Array;
}

/** RFC 9591 §4.1 nonce_generate(secret): H3(random_bytes(32) ‖ SerializeScalar(secret)). */
function nonceGenerate(g: Group, secret: Uint8Array, rng: RNG): bigint {
  const random = rng(32);
  if (!(random instanceof Uint8Array) || random.length !== 32)
    throw frostError('INVALID_ARGUMENT', 'rng must return the requested bytes', { field: 'rng' });
  const nonce = g.H3(concatBytes(random, secret));
  if (nonce === 0n) throw frostError('INTERNAL', 'zero nonce'); // probability 2^-252
  return nonce;
}

/**
 * One participant's side of one signing attempt (RFC 9591 §5.1–5.2). Creating it runs round one (`commit`): fresh
 * nonces are drawn and only their commitments leave the object. {@link SigningSession.sign} runs round two **once**:
 * the nonces are wiped by the first call, whatever its outcome, and any later call throws `FROST_NONCE_REUSE`.
 *
 * Nonces live only in this object's private field: they are never serialized, persisted or logged. A process that
 * crashes between the rounds loses them, so the only way forward is a new session with new commitments — a restart
 * cannot replay a nonce (RFC 9591 §4.1 nonce_generate; §7.3 on nonce reuse).
 *
 * @example
 * import { SigningSession } from '@jil/mpc';
 * const session = SigningSession.create(keyPackage);
 * send(session.commitments);                  // round one
 * const share = session.sign(signingPackage); // round two, once
 */
export class SigningSession {
  /** This participant's public round-one output. */
  readonly commitments: SigningCommitments;
  readonly #keyPackage: KeyPackage;
  #nonces: Nonces | undefined;
  /** Private copy of the commitments, compared with the package's (the public object could be altered). */
  readonly #own: { hiding: Uint8Array; binding: Uint8Array };

  private constructor(keyPackage: KeyPackage, nonces: Nonces, commitments: SigningCommitments) {
    // private: only create() constructs; the check keeps a stray `new` from leaking a TypeError
    if (!(commitments?.hiding instanceof Uint8Array) || !(commitments.binding instanceof Uint8Array))
      throw frostError('INVALID_ARGUMENT', 'commitments must hold hiding and binding bytes', { field: 'commitments' });
    this.#keyPackage = keyPackage;
    this.#nonces = nonces;
    this.commitments = commitments;
    this.#own = { hiding: Uint8Array.from(commitments.hiding), binding: Uint8Array.from(commitments.binding) };
  }

  /**
   * Round one: draw nonces from the CSPRNG (hedged with the signing share, RFC 9591 §4.1) and commit to them.
   * @param rng - test hook only.
   * @throws JilError `FROST_INVALID_KEY_SHARE` when the key package's signing share is not a canonical scalar;
   *   `INVALID_ARGUMENT` (`details.field`) when `keyPackage` is not a key package (shape only) or `rng` not a function.
   */
  static create(keyPackage: KeyPackage, rng: RNG = randomBytes): SigningSession {
    requireKeyPackage(keyPackage, 'keyPackage');
    requireFunction(rng, 'rng');
    // RFC 9591 §5.1 commit: two nonces (§4.1, hedged with the signing share) and their commitments nonce·B
    const g = getGroup(keyPackage.suite);
    let secret: Uint8Array;
    try {
      secret = g.Fn.toBytes(g.Fn.fromBytes(keyPackage.signingShare)); // 32 bytes, canonical
    } catch (error) {
      throw frostError(
        'FROST_INVALID_KEY_SHARE',
        'the signing share is not a canonical scalar',
        { culprits: [keyPackage.identifier] },
        error,
      );
    }
    const hiding = nonceGenerate(g, secret, rng);
    const binding = nonceGenerate(g, secret, rng);
    const commitments: SigningCommitments = {
      identifier: keyPackage.identifier,
      hiding: g.encode(g.BASE.multiply(hiding)),
      binding: g.encode(g.BASE.multiply(binding)),
    };
    return new SigningSession(keyPackage, { hiding: g.Fn.toBytes(hiding), binding: g.Fn.toBytes(binding) }, commitments);
  }

  /** `true` once {@link sign} was called (or {@link discard}). */
  get consumed(): boolean {
    return this.#nonces === undefined;
  }

  /**
   * Round two: the signature share over `pkg.message` (RFC 9591 §5.2).
   * @throws JilError `FROST_NONCE_REUSE` on a second call; `FROST_PROTOCOL_ERROR` when the package lacks this
   *   participant's exact commitments, names unknown signers, or has fewer than t / more than n signers.
   */
  sign(pkg: SigningPackage): SignatureShare {
    const nonces = this.#nonces;
    if (nonces === undefined) throw frostError('FROST_NONCE_REUSE', 'this signing session was already used; start a new one');
    this.#nonces = undefined; // single use whatever happens next
    try {
      const kp = this.#keyPackage;
      assertSigningPackage(kp.publicKeyPackage, pkg);
      const mine = pkg.commitments.find((c) => c.identifier === kp.identifier);
      if (mine === undefined)
        throw frostError('FROST_PROTOCOL_ERROR', 'the signing package does not include this participant', { field: 'commitments' });
      if (
        !(mine.hiding instanceof Uint8Array) ||
        !(mine.binding instanceof Uint8Array) ||
        !equalBytes(mine.hiding, this.#own.hiding) ||
        !equalBytes(mine.binding, this.#own.binding)
      ) {
        throw frostError('FROST_PROTOCOL_ERROR', "the signing package does not carry this participant's commitments", {
          field: 'commitments',
        });
      }
      let bound: BoundSigningPackage;
      try {
        bound = computeGroupCommitment(kp.publicKeyPackage, pkg);
      } catch (error) {
        throw frostError('FROST_PROTOCOL_ERROR', 'the signing package does not carry valid commitments', { field: 'commitments' }, error);
      }
      const { Fn } = bound.group;
      const me = bound.byId.get(kp.identifier)!;
      // RFC 9591 §5.2 sign: z_i = d_i + (e_i · ρ_i) + (λ_i · s_i · c)
      const z = Fn.add(
        Fn.add(Fn.fromBytes(nonces.hiding), Fn.mul(Fn.fromBytes(nonces.binding), me.bindingFactor)),
        Fn.mul(Fn.mul(me.lambda, Fn.fromBytes(kp.signingShare)), bound.challenge),
      );
      return { identifier: kp.identifier, share: Fn.toBytes(z) };
    } finally {
      nonces.hiding.fill(0);
      nonces.binding.fill(0);
    }
  }

  /** Wipe the nonces without signing (abandoned session). */
  discard(): void {
    this.#nonces?.hiding.fill(0);
    this.#nonces?.binding.fill(0);
    this.#nonces = undefined;
  }

  /** Log-safe view: commitments only. */
  toJSON(): { identifier: string; consumed: boolean } {
    return { identifier: this.commitments.identifier, consumed: this.consumed };
  }
}
