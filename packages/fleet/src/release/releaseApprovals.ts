import { JilError } from '@jil/core';
import { checkSignatures } from '../envelope/checkSignatures.js';
import { openEnvelope } from '../envelope/openEnvelope.js';
import { requireRecord } from '../internal/requireDate.js';
import type { Track, TrustKeyring } from '../trust/FleetTrustPolicy.js';
import { RELEASE_PAYLOAD_TYPE, releaseBodyIssues, type ReleaseBody } from './ReleaseBody.js';

/** Where release metadata stands against the pinned policy's approval count for its track. */
export interface ReleaseApprovals {
  /** `approved` once the distinct approvers meet the track's count (devnet's 0 at once), else `pending`. */
  status: 'approved' | 'pending';
  /** The release's track. */
  track: Track;
  /** Distinct approvals the policy requires for the track. */
  required: number;
  /** Distinct approvers whose signatures verified. */
  approverIds: string[];
}

/**
 * The approval-count rule, the one place it is written: distinct approvers whose signatures verified ≥ the pinned
 * policy's count for the track. `verifyRelease` (check `approvals`) and {@link releaseApprovals} both use it.
 */
export function approvalsMet(track: Track, approverIds: readonly string[], trust: TrustKeyring): { met: boolean; required: number } {
  const required = trust.approvals[track];
  return { met: new Set(approverIds).size >= required, required };
}

/**
 * The approval status of release metadata under the pinned policy (HQ side: after issuing a release and after each
 * approval). The envelope is opened and every signature verified as `verifyRelease` does; the count is the same rule
 * `verifyRelease` applies, so HQ marks a release `approved` exactly when an agent would accept its approvals.
 * Expiry and rollback are not part of it (see `verifyRelease`).
 *
 * @param envelope - release metadata (HQ-signed, with zero or more approvals).
 * @param trust - the pinned trust policy.
 * @returns {@link ReleaseApprovals}: `status`, `track`, `required`, `approverIds`.
 * @throws JilError `INVALID_ARGUMENT` (details.field = `trust`) when `trust` is not an object;
 *   `FLEET_ENVELOPE_INVALID` / `FLEET_SIGNATURE_INVALID` (details.check) when the envelope does not verify.
 * @example
 * import { addApproval, releaseApprovals } from '@jil/fleet';
 * const { envelope } = addApproval(release, signature, trust);
 * releaseApprovals(envelope, trust).status; // 'approved' once enough distinct approvers signed
 */
export function releaseApprovals(envelope: unknown, trust: TrustKeyring): ReleaseApprovals {
  const opened = openEnvelope<ReleaseBody>(envelope, RELEASE_PAYLOAD_TYPE, releaseBodyIssues);
  if (!opened.valid) throw new JilError(opened.code, opened.message, { details: { check: opened.check, ...opened.details } });
  requireRecord(trust, 'trust');
  const signers = checkSignatures(opened.envelope, opened.payloadBytes, trust, true);
  if (!signers.valid) throw new JilError(signers.code, signers.message, { details: { check: signers.check, ...signers.details } });
  const { track } = opened.body;
  const { met, required } = approvalsMet(track, signers.approverIds, trust);
  return { status: met ? 'approved' : 'pending', track, required, approverIds: signers.approverIds };
}
