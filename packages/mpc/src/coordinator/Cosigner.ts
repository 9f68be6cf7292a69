import type { JilError } from '@jil/core';
import { DkgParticipant } from '../dkg/DkgParticipant.js';
import { openShare, sealShare } from '../dkg/sealShare.js';
import { createRefreshContribution, refreshKeyPackage, type RefreshContribution } from '../keys/refreshShares.js';
import type { RefreshPackage } from '../keys/RefreshPackage.js';
import type { DkgRound1Package, DkgRound2Package } from '../dkg/DkgPackages.js';
import { frostError } from '../frostError.js';
import type { KeyPackage } from '../keys/KeyPackage.js';
import type { PublicKeyPackage } from '../keys/PublicKeyPackage.js';
import type { SignatureShare } from '../signing/SignatureShare.js';
import type { SigningCommitments } from '../signing/SigningCommitments.js';
import type { SigningPackage } from '../signing/SigningPackage.js';
import { SigningSession } from '../signing/SigningSession.js';
import type { CiphersuiteId } from '../suite/Ciphersuite.js';
import type { Identifier } from '../suite/identifiers.js';
import { requireBytes, requireKeyPackage, requireRecord, requireString } from '../internal/requireArgument.js';
import type { FrostParticipant, SigningContext } from './FrostParticipant.js';

/** A signing policy: `undefined` to sign, or the `JilError` that says why not (e.g. the Tier 1 policy). */
export type SigningPolicy = (
  message: Uint8Array,
  context: SigningContext | undefined,
) => JilError | undefined | Promise<JilError | undefined>;

/** Options of {@link Cosigner}. */
export interface CosignerOptions {
  suite?: CiphersuiteId;
  identifier: Identifier;
  /** Ed25519 identity secret key: opens sealed DKG shares. */
  identitySecretKey: Uint8Array;
  /** Pinned identity public keys of all participants. */
  roster: Readonly<Record<Identifier, Uint8Array>>;
  /** The key package, once there is one (loaded from its encrypted file, or produced by a DKG). */
  keyPackage?: KeyPackage;
  /** Called with the new key package after a DKG (persist it encrypted). */
  onKeyPackage?: (kp: KeyPackage) => void | Promise<void>;
  /** Checked before every signature share; default: sign anything the coordinator sends. */
  policy?: SigningPolicy;
  /** Open signing sessions kept at most (oldest discarded first); default 64. */
  maxSessions?: number;
  /** Clock; default `() => new Date()`. */
  now?: () => Date;
  /** An open session older than this is discarded (ms); default 120 000. */
  sessionTtlMs?: number;
}

/**
 * The participant side of FROST as a state machine, independent of any transport: `shells/mpc-cosigner` maps its
 * HTTP routes onto these methods. Signing sessions live in memory only (a bounded map of {@link SigningSession}s):
 * a restart forgets them, so the coordinator must start over with fresh commitments — nonces are never persisted.
 * A session is removed before its share is computed, so it can sign at most once.
 *
 * @example
 * import { Cosigner } from '@jil/mpc';
 * const me = new Cosigner({ identifier, identitySecretKey, roster, keyPackage });
 */
export class Cosigner implements FrostParticipant {
  readonly identifier: Identifier;
  readonly suite: CiphersuiteId;
  readonly #o: CosignerOptions;
  #keyPackage: KeyPackage | undefined;
  readonly #sessions = new Map<string, { session: SigningSession; at: number }>();
  readonly #ceremonies = new Map<string, DkgParticipant>();
  readonly #refreshes = new Map<string, RefreshContribution>();

  /**
   * @throws JilError `CONFIG_INVALID` when the key package belongs to another identifier; `INVALID_ARGUMENT`
   *   (`details.field`) when `options` is not an object, `identifier` not a string, `identitySecretKey` not a
   *   Uint8Array, `roster` not an object or `keyPackage` not a key package.
   */
  constructor(options: CosignerOptions) {
    requireRecord(options, 'options');
    requireString(options.identifier, 'identifier');
    requireBytes(options.identitySecretKey, 'identitySecretKey');
    requireRecord(options.roster, 'roster');
    if (options.keyPackage !== undefined) requireKeyPackage(options.keyPackage, 'keyPackage');
    this.#o = options;
    this.identifier = options.identifier;
    this.suite = options.suite ?? 'ed25519';
    this.#keyPackage = options.keyPackage;
    if (this.#keyPackage !== undefined && this.#keyPackage.identifier !== options.identifier)
      throw frostError('CONFIG_INVALID', 'key package belongs to another identifier');
  }

  /** The current key package's public part, if any. */
  get publicKeyPackage(): PublicKeyPackage | undefined {
    return this.#keyPackage?.publicKeyPackage;
  }

  #now(): number {
    return (this.#o.now?.() ?? new Date()).getTime();
  }

  #evict(): void {
    const ttl = this.#o.sessionTtlMs ?? 120_000;
    const now = this.#now();
    for (const [id, s] of this.#sessions) if (now - s.at > ttl) s.session.discard(), this.#sessions.delete(id);
    while (this.#sessions.size >= (this.#o.maxSessions ?? 64)) {
      const [id, s] = this.#sessions.entries().next().value!;
      s.session.discard();
      this.#sessions.delete(id);
    }
  }

  /**
   * Round one of signing session `sessionId`: fresh nonces, their commitments returned.
   * @throws JilError `CONFIG_INVALID` without a key package; `FROST_PROTOCOL_ERROR` for a session id seen before.
   */
  async commit(request: { sessionId: string }): Promise<SigningCommitments> {
    const kp = this.#keyPackage;
    if (kp === undefined) throw frostError('CONFIG_INVALID', 'this cosigner has no key package yet');
    if (typeof request.sessionId !== 'string' || request.sessionId.length === 0 || request.sessionId.length > 128)
      throw frostError('INVALID_ARGUMENT', 'sessionId must be a string of 1–128 characters', { field: 'sessionId' });
    if (this.#sessions.has(request.sessionId))
      throw frostError('FROST_PROTOCOL_ERROR', 'session already has commitments; start a new session', { field: 'sessionId' });
    this.#evict();
    const session = SigningSession.create(kp);
    this.#sessions.set(request.sessionId, { session, at: this.#now() });
    return session.commitments;
  }

  /**
   * Round two: apply the policy, then sign once with the session's nonces (the session is removed first).
   * @throws JilError `FROST_NONCE_REUSE` for an unknown, expired or used session; the policy's refusal; the
   *   {@link SigningSession.sign} errors.
   */
  async sign(request: { sessionId: string; signingPackage: SigningPackage; context?: SigningContext }): Promise<SignatureShare> {
    const entry = this.#sessions.get(request.sessionId);
    this.#sessions.delete(request.sessionId); // one attempt per session, whatever happens
    if (entry === undefined) throw frostError('FROST_NONCE_REUSE', 'unknown, expired or already used session; start a new session');
    try {
      const refusal = await this.#o.policy?.(request.signingPackage.message, request.context);
      if (refusal !== undefined) throw refusal;
      return entry.session.sign(request.signingPackage);
    } finally {
      entry.session.discard();
    }
  }

  /** DKG round one of ceremony `ceremonyId` ({@link DkgParticipant.start}). */
  async dkgRound1(request: { ceremonyId: string; minSigners: number; maxSigners: number }): Promise<DkgRound1Package> {
    if (this.#ceremonies.has(request.ceremonyId))
      throw frostError('FROST_PROTOCOL_ERROR', 'ceremony already started', { field: 'ceremonyId' });
    const p = DkgParticipant.start({
      suite: this.suite,
      identifier: this.identifier,
      minSigners: request.minSigners,
      maxSigners: request.maxSigners,
      ceremonyId: request.ceremonyId,
      identitySecretKey: this.#o.identitySecretKey,
      roster: this.#o.roster,
    });
    this.#ceremonies.set(request.ceremonyId, p);
    return p.round1Package;
  }

  #ceremony(id: string): DkgParticipant {
    const p = this.#ceremonies.get(id);
    if (p === undefined) throw frostError('FROST_PROTOCOL_ERROR', 'unknown ceremony', { field: 'ceremonyId' });
    return p;
  }

  /** DKG round two ({@link DkgParticipant.round2}); this participant's own package may be included and is skipped. */
  async dkgRound2(request: { ceremonyId: string; round1Packages: DkgRound1Package[] }): Promise<DkgRound2Package[]> {
    return this.#ceremony(request.ceremonyId).round2(request.round1Packages.filter((p) => p.identifier !== this.identifier));
  }

  /** DKG round three ({@link DkgParticipant.round3}): stores the new key package (after `onKeyPackage`) and returns its public part. */
  async dkgRound3(request: {
    ceremonyId: string;
    round1Packages: DkgRound1Package[];
    round2Packages: DkgRound2Package[];
  }): Promise<PublicKeyPackage> {
    const p = this.#ceremony(request.ceremonyId);
    this.#ceremonies.delete(request.ceremonyId);
    const kp = p.round3(
      request.round1Packages.filter((x) => x.identifier !== this.identifier),
      request.round2Packages,
    );
    await this.#o.onKeyPackage?.(kp);
    this.#keyPackage = kp;
    this.#sessions.clear();
    return kp.publicKeyPackage;
  }
  /**
   * Share refresh, round one of ceremony `ceremonyId`: a zero-constant polynomial; one {@link RefreshPackage} per
   * other participant, its share sealed to that participant (see {@link createRefreshContribution}).
   * @throws JilError `CONFIG_INVALID` without a key package; `FROST_PROTOCOL_ERROR` for a ceremony id seen before.
   */
  async refreshRound1(request: { ceremonyId: string }): Promise<RefreshPackage[]> {
    const kp = this.#keyPackage;
    if (kp === undefined) throw frostError('CONFIG_INVALID', 'this cosigner has no key package yet');
    if (this.#refreshes.has(request.ceremonyId))
      throw frostError('FROST_PROTOCOL_ERROR', 'refresh already started', { field: 'ceremonyId' });
    const c = createRefreshContribution(kp.publicKeyPackage, kp.identifier);
    this.#refreshes.set(request.ceremonyId, c);
    return Object.keys(c.shares)
      .filter((id) => id !== this.identifier)
      .map((recipient) => ({
        sender: this.identifier,
        recipient,
        commitment: c.commitment,
        sealedShare: sealShare(c.shares[recipient]!, {
          context: request.ceremonyId,
          sender: this.identifier,
          recipient,
          secretKey: this.#o.identitySecretKey,
          peerPublicKey: this.#o.roster[recipient]!,
        }),
      }));
  }

  /**
   * Share refresh, round two: open every other participant's package, check it against its commitment, add all to
   * this share ({@link refreshKeyPackage}), store the new key package (after `onKeyPackage`); the old one is dropped.
   * @throws JilError `FROST_INVALID_KEY_SHARE` with `details.culprits`; `FROST_PROTOCOL_ERROR` for an unknown ceremony.
   */
  async refreshRound2(request: { ceremonyId: string; packages: RefreshPackage[] }): Promise<PublicKeyPackage> {
    const mine = this.#refreshes.get(request.ceremonyId);
    const kp = this.#keyPackage;
    this.#refreshes.delete(request.ceremonyId);
    if (mine === undefined || kp === undefined)
      throw frostError('FROST_PROTOCOL_ERROR', 'unknown refresh ceremony', { field: 'ceremonyId' });
    const culprits: Identifier[] = [];
    const received = request.packages.map((p) => {
      let share = new Uint8Array(32);
      try {
        if (p.recipient !== this.identifier || this.#o.roster[p.sender] === undefined) throw new Error('misaddressed');
        share = Uint8Array.from(
          openShare(p.sealedShare, {
            context: request.ceremonyId,
            sender: p.sender,
            recipient: this.identifier,
            secretKey: this.#o.identitySecretKey,
            peerPublicKey: this.#o.roster[p.sender]!,
          }),
        );
      } catch {
        culprits.push(p.sender);
      }
      return { sender: p.sender, commitment: p.commitment, share };
    });
    if (culprits.length > 0) throw frostError('FROST_INVALID_KEY_SHARE', 'refresh shares do not open', { culprits: culprits.sort() });
    const next = refreshKeyPackage(kp, [
      ...received,
      { sender: this.identifier, commitment: mine.commitment, share: mine.shares[this.identifier]! },
    ]);
    await this.#o.onKeyPackage?.(next);
    this.#keyPackage = next;
    this.#sessions.clear();
    return next.publicKeyPackage;
  }
}
