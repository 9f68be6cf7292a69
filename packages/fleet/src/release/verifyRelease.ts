import { checkSignatures } from '../envelope/checkSignatures.js';
import { fleetFailure, type FleetFailure } from '../envelope/FleetFailure.js';
import { openEnvelope } from '../envelope/openEnvelope.js';
import { requireDate, requireRecord } from '../internal/requireDate.js';
import type { Track, TrustKeyring } from '../trust/FleetTrustPolicy.js';
import { RELEASE_PAYLOAD_TYPE, releaseBodyIssues, type ReleaseBody } from './ReleaseBody.js';
import { approvalsMet } from './releaseApprovals.js';

/** The newest release an agent accepted on a track: its rollback floor. */
export interface AcceptedRelease {
  version: number;
  digest: string;
}

/** Options of {@link verifyRelease}. */
export interface VerifyReleaseOptions {
  /** The pinned trust policy (HQ keys, approvers, approvals per track). */
  trust: TrustKeyring;
  /** The verifier's clock. */
  now: Date;
  /** The newest release accepted on this release's track, if any; a function receives the release's track. */
  accepted?: AcceptedRelease | ((track: Track) => AcceptedRelease | undefined) | undefined;
  /** The digest the caller is about to deploy. */
  digest?: string;
  /** Tolerated clock skew for `issued_at` in the future, ms (default 60 000). */
  clockSkewMs?: number;
}

/** Verified release metadata. */
export interface VerifiedRelease {
  valid: true;
  body: ReleaseBody;
  /** Distinct approvers whose signatures verified. */
  approverIds: string[];
  /** HQ keys that signed. */
  hqKeyids: string[];
}

/**
 * Verifies release metadata offline against the verifier's own pinned policy — the agent's check, not HQ's
 * database. Checks in order and reports the first failure:
 * `envelope`/`payload_type`/`canonical`/`body` (`FLEET_ENVELOPE_INVALID`); `signature` — every signature known,
 * distinct and valid, HQ among them (`FLEET_SIGNATURE_INVALID`); `approvals` — distinct approvers ≥ the policy's
 * count for the track (`FLEET_APPROVALS_NOT_MET`); `validity` — `issued_at − skew ≤ now < expires_at`
 * (`FLEET_RELEASE_EXPIRED`); `rollback` — version not below the accepted one, and the same version only with the
 * same digest (`FLEET_RELEASE_ROLLBACK`); `digest` — the release names the digest to deploy (`FLEET_DIGEST_MISMATCH`).
 *
 * @param envelope - untrusted parsed JSON.
 * @param options - see {@link VerifyReleaseOptions}.
 * @returns {@link VerifiedRelease} or a {@link FleetFailure}; never throws for bad envelopes.
 * @throws JilError `INVALID_ARGUMENT` when `options.now` is not a valid Date.
 * @see TUF specification §5.4 (rollback, freeze); DSSE protocol.md
 * @example
 * import { verifyRelease } from '@jil/fleet';
 * const r = verifyRelease(received, { trust, now: new Date(), accepted: state.tracks.mainnet });
 * if (!r.valid) console.error(r.check, r.code);
 */
export function verifyRelease(envelope: unknown, options: VerifyReleaseOptions): VerifiedRelease | FleetFailure {
  requireRecord(options, 'options');
  const now = requireDate(options.now, 'now');
  const opened = openEnvelope<ReleaseBody>(envelope, RELEASE_PAYLOAD_TYPE, releaseBodyIssues);
  if (!opened.valid) return opened;
  const { body } = opened;
  const signers = checkSignatures(opened.envelope, opened.payloadBytes, options.trust, true);
  if (!signers.valid) return signers;
  const { met, required } = approvalsMet(body.track, signers.approverIds, options.trust);
  if (!met) {
    return fleetFailure(
      'approvals',
      'FLEET_APPROVALS_NOT_MET',
      `${body.track} needs ${required} distinct approvers, got ${signers.approverIds.length}`,
      {
        track: body.track,
        required,
        approvers: signers.approverIds,
      },
    );
  }
  const skew = options.clockSkewMs ?? 60_000;
  if (now < Date.parse(body.issued_at) - skew) {
    return fleetFailure('validity', 'FLEET_RELEASE_EXPIRED', 'release metadata is not valid yet', { issued_at: body.issued_at });
  }
  if (now >= Date.parse(body.expires_at)) {
    return fleetFailure('validity', 'FLEET_RELEASE_EXPIRED', 'release metadata expired (stale latest)', { expires_at: body.expires_at });
  }
  const accepted = typeof options.accepted === 'function' ? options.accepted(body.track) : options.accepted;
  if (
    accepted !== undefined &&
    (body.version < accepted.version || (body.version === accepted.version && body.image.digest !== accepted.digest))
  ) {
    return fleetFailure(
      'rollback',
      'FLEET_RELEASE_ROLLBACK',
      body.version < accepted.version ? 'older than the accepted release' : 'same version, other digest',
      {
        version: body.version,
        accepted_version: accepted.version,
      },
    );
  }
  if (options.digest !== undefined && options.digest !== body.image.digest) {
    return fleetFailure('digest', 'FLEET_DIGEST_MISMATCH', 'the release names another digest', {
      expected: body.image.digest,
      actual: options.digest,
    });
  }
  return { valid: true, body, approverIds: signers.approverIds, hqKeyids: signers.hqKeyids };
}
