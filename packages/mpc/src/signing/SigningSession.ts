import type { Nonces, RNG } from '@noble/curves/abstract/frost.js';
import { frostError } from '../frostError.js';
import { toNoblePublic } from '../keys/PublicKeyPackage.js';
import type { KeyPackage } from '../keys/KeyPackage.js';
import { getCiphersuite } from '../suite/Ciphersuite.js';
import type { SignatureShare } from './SignatureShare.js';
import type { SigningCommitments } from './SigningCommitments.js';
import type { SigningPackage } from './SigningPackage.js';
import { assertSigningPackage } from './assertSigningPackage.js';

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

  private constructor(keyPackage: KeyPackage, nonces: Nonces, commitments: SigningCommitments) {
    this.#keyPackage = keyPackage;
    this.#nonces = nonces;
    this.commitments = commitments;
  }

  /**
   * Round one: draw nonces from the CSPRNG (hedged with the signing share, RFC 9591 §4.1) and commit to them.
   * @param rng - test hook only.
   */
  static create(keyPackage: KeyPackage, rng?: RNG): SigningSession {
    const s = getCiphersuite(keyPackage.suite);
    const { nonces, commitments } = s.frost.commit({ identifier: keyPackage.identifier, signingShare: keyPackage.signingShare }, rng);
    return new SigningSession(keyPackage, nonces, commitments);
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
      if (mine === undefined) throw frostError('FROST_PROTOCOL_ERROR', 'the signing package does not include this participant', { field: 'commitments' });
      const s = getCiphersuite(kp.suite);
      let share: Uint8Array;
      try {
        share = s.frost.signShare({ identifier: kp.identifier, signingShare: kp.signingShare }, toNoblePublic(kp.publicKeyPackage), nonces, pkg.commitments.map((c) => ({ ...c })), pkg.message);
      } catch (error) {
        throw frostError('FROST_PROTOCOL_ERROR', 'the signing package does not carry this participant\'s commitments', { field: 'commitments' }, error);
      }
      return { identifier: kp.identifier, share };
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
