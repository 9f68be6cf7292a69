import type { DkgRound1Package, DkgRound2Package } from '../dkg/DkgPackages.js';
import type { PublicKeyPackage } from '../keys/PublicKeyPackage.js';
import type { RefreshPackage } from '../keys/RefreshPackage.js';
import type { SignatureShare } from '../signing/SignatureShare.js';
import type { SigningCommitments } from '../signing/SigningCommitments.js';
import type { SigningPackage } from '../signing/SigningPackage.js';
import type { Identifier } from '../suite/identifiers.js';

/** Extra data a signer may need to decide whether to sign, e.g. `{ psa }` for Tier 1 co-signing. JSON-safe. */
export type SigningContext = Readonly<Record<string, unknown>>;

/**
 * One participant as the coordinator sees it: in-process ({@link Cosigner}) or behind a transport (the HTTP client
 * of `shells/mpc-cosigner`). Every method may reject with a `JilError` (a refusal, a protocol error with culprits)
 * or any other error (unreachable); `signal` aborts at the round's deadline.
 */
export interface FrostParticipant {
  readonly identifier: Identifier;
  /** Signing round one: fresh commitments for session `sessionId`. */
  commit(request: { sessionId: string }, signal: AbortSignal): Promise<SigningCommitments>;
  /** Signing round two: the share for the package, once per session. */
  sign(
    request: { sessionId: string; signingPackage: SigningPackage; context?: SigningContext },
    signal: AbortSignal,
  ): Promise<SignatureShare>;
  /** DKG round one: start ceremony `ceremonyId`. */
  dkgRound1(request: { ceremonyId: string; minSigners: number; maxSigners: number }, signal: AbortSignal): Promise<DkgRound1Package>;
  /** DKG round two: the others' round-one packages in, sealed shares for each other participant out. */
  dkgRound2(request: { ceremonyId: string; round1Packages: DkgRound1Package[] }, signal: AbortSignal): Promise<DkgRound2Package[]>;
  /** DKG round three: finish; the participant keeps its key package and returns the public key package. */
  dkgRound3(
    request: { ceremonyId: string; round1Packages: DkgRound1Package[]; round2Packages: DkgRound2Package[] },
    signal: AbortSignal,
  ): Promise<PublicKeyPackage>;
  /** Share refresh round one (optional: participants that cannot refresh omit it). */
  refreshRound1?(request: { ceremonyId: string }, signal: AbortSignal): Promise<RefreshPackage[]>;
  /** Share refresh round two: the packages addressed to this participant in, the new public key package out. */
  refreshRound2?(request: { ceremonyId: string; packages: RefreshPackage[] }, signal: AbortSignal): Promise<PublicKeyPackage>;
}
